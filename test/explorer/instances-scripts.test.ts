/**
 * Several snapshot instances and scripted scenarios, against the naive explorer (test/naive):
 * exact counts, shortest lengths, termination, and — for scripts — the very set of snapshots each
 * instance can record, with the properties flagged on each.
 */
import { describe, expect, it } from "vitest";
import { conservation } from "../../properties/conservation.js";
import { consistentCut } from "../../properties/consistent-cut.js";
import { recordedSnapshots } from "../../src/engine/recorded-snapshots.js";
import {
  type NaiveCommand,
  type NaiveConfig,
  type NaiveScript,
  naiveBank,
  naiveExplore,
  naiveScript,
} from "../naive/naive-explorer.js";
import { modelOf } from "../support/models.js";
import { byInstanceThenJson, compare, naiveShaped, oursOf } from "../support/naive-compare.js";

const send = (from: number, to: number, amount: number): NaiveCommand => ({ kind: "send", from, to, amount });
const snapshot = (process: number): NaiveCommand => ({ kind: "snapshot", process });
const tick: NaiveCommand = { kind: "tick" };
const both: [number, number][] = [
  [0, 1],
  [1, 0],
];
const triangle: [number, number][] = [
  [0, 1],
  [1, 0],
  [0, 2],
  [2, 0],
  [1, 2],
  [2, 1],
];

describe("several snapshot instances, cross-checked", () => {
  it.each([
    naiveBank([0, 0], { instances: 2 }),
    naiveBank([1, 0], { instances: 2 }),
    naiveBank([1, 1], { instances: 2, initiators: [0, 1] }),
    naiveBank([1, 0, 0], { instances: 2, maxDepth: 9 }),
    naiveBank([0, 0], { instances: 3, initiators: [0, 1] }),
    naiveBank([1, 0], { instances: 2, channels: "nonfifo", maxDepth: 8 }),
    naiveBank([1, 1], { instances: 2, channels: "nonfifo", maxDepth: 7 }),
    naiveBank([1, 0], { instances: 2, lossy: true, maxDepth: 8 }),
  ] satisfies NaiveConfig[])("$instances instances: $channels $balances initiators $initiators", (config) => {
    compare(config);
  });

  it("instance k starts only once instance k−1 has, and its markers carry its id", () => {
    const model = modelOf({ balances: [0, 0], instances: 2, initiators: [0, 1] });
    const labels = (s: typeof model.initial) => model.steps(s).map((x) => model.label(x));
    expect(labels(model.initial)).toEqual(["initiate(P0)", "initiate(P1)"]);
    const started = model.next(model.initial, { kind: "initiate", process: 1, instance: 0 }).state;
    expect(labels(started)).toEqual([
      "initiate(P0)",
      "initiate(P0, #1)",
      "initiate(P1, #1)",
      "deliver(c(1,0): M)",
    ]);
    const second = model.next(started, { kind: "initiate", process: 1, instance: 1 }).state;
    expect(labels(second)).toContain("deliver(c(1,0): M)");
    expect(
      second.channels[model.topology.channelIndex(1, 0) ?? -1]?.map((m) => m.kind === "marker" && m.instance),
    ).toEqual([0, 1]);
  });
});

/** The snapshots the checker lists for a script, in the naive explorer's shape, sorted alike. */
function ourSnapshots(config: NaiveConfig) {
  const model = modelOf(oursOf(config));
  const { snapshots, stop } = recordedSnapshots(model, [consistentCut, conservation], {
    maxDepth: config.maxDepth,
  });
  expect(stop).toBe(config.maxDepth === undefined ? "exhausted" : expect.any(String));
  return naiveShaped(model, snapshots);
}

const scripts: { name: string; script: NaiveScript; channels?: "nonfifo" }[] = [
  {
    name: "one send, then a snapshot",
    script: { tokens: [1, 0], links: both, commands: [send(0, 1, 1), snapshot(1)] },
  },
  {
    name: "a marker can overtake a send",
    script: { tokens: [2, 0], links: both, commands: [send(0, 1, 1), snapshot(0), send(0, 1, 1)] },
    channels: "nonfifo",
  },
  {
    name: "two instances from two initiators",
    script: {
      tokens: [1, 1],
      links: both,
      commands: [snapshot(0), send(0, 1, 1), snapshot(1), send(1, 0, 2)],
    },
  },
  {
    name: "two instances under nonfifo",
    script: {
      tokens: [1, 1],
      links: both,
      commands: [snapshot(0), send(0, 1, 1), snapshot(1), send(1, 0, 2)],
    },
    channels: "nonfifo",
  },
  {
    name: "three processes, a waiting send",
    script: {
      tokens: [2, 0, 1],
      links: triangle,
      commands: [send(0, 1, 2), snapshot(2), send(1, 2, 1), send(2, 0, 2)],
    },
  },
  {
    name: "ticks gate the deliveries",
    script: {
      tokens: [3, 0],
      links: both,
      commands: [send(0, 1, 1), tick, snapshot(1), send(0, 1, 2), tick, send(1, 0, 3)],
      ticks: true,
    },
  },
  {
    name: "the same without ticks",
    script: {
      tokens: [3, 0],
      links: both,
      commands: [send(0, 1, 1), tick, snapshot(1), send(0, 1, 2), tick, send(1, 0, 3)],
    },
  },
];

describe("scripted scenarios, cross-checked", () => {
  it.each(scripts)("$name ($channels)", ({ script, channels }) => {
    const config = naiveScript(script, channels === undefined ? {} : { channels });
    compare(config);
    const naive = naiveExplore(config);
    expect(ourSnapshots(config)).toEqual([...(naive.snapshots ?? [])].sort(byInstanceThenJson));
  });

  it("under nonfifo some listed snapshot is flagged, under fifo none", () => {
    const { script } = scripts[1] as (typeof scripts)[number];
    expect(
      ourSnapshots(naiveScript(script, { channels: "nonfifo" })).some((s) => s.violated.length > 0),
    ).toBe(true);
    expect(ourSnapshots(naiveScript(script)).every((s) => s.violated.length === 0)).toBe(true);
  });
});
