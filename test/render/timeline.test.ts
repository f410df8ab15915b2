/**
 * The picture's reading of a run: which send each receive delivers (forced under fifo, chosen to
 * explain the failure under nonfifo), what is still in flight, and what is wrong with the cut.
 */
import { describe, expect, it } from "vitest";
import { consistentCut } from "../../properties/consistent-cut.js";
import { explainCut } from "../../src/render/cut.js";
import { matchReceives, skeletonOf } from "../../src/render/timeline.js";
import { judgeRun } from "../../src/trace/replay.js";
import { modelOf } from "../support/models.js";
import { OVERTAKING, OVERTAKING_REASON, runOf } from "./runs.js";

const nonfifo = modelOf({ balances: [1, 1], channels: "nonfifo" });

describe("the timeline of a run", () => {
  it("puts each event on its process line, in step order, markers of one step leaving together", () => {
    const model = modelOf({ balances: [1, 1, 0] });
    const { timeline } = matchReceives(
      skeletonOf(model, runOf(model, ["initiate(P0)", "deliver(c(0,1): M)"])),
    );
    expect(timeline.events).toEqual([
      { process: 0, step: 1, slot: 0, kind: "record" },
      { process: 0, step: 1, slot: 1, kind: "send" },
      { process: 1, step: 2, slot: 0, kind: "receive" },
      { process: 1, step: 2, slot: 1, kind: "record" },
      { process: 1, step: 2, slot: 2, kind: "send" },
    ]);
    expect(timeline.records).toEqual([0, 3, undefined]);
    // Two markers from P0's one send event; P0's marker to P1 arrives, the one to P2 is in flight.
    expect(timeline.messages.filter((m) => m.sent === 1).map((m) => [m.to, m.received])).toEqual([
      [1, 2],
      [2, undefined],
    ]);
  });

  it("draws an overtaking marker: it arrives while the older transfer stays in flight", () => {
    const { timeline, evidence, named } = explainCut(
      nonfifo,
      runOf(nonfifo, OVERTAKING, { reason: OVERTAKING_REASON }),
    );
    const t = timeline.messages.find((m) => m.label === "T");
    const m10 = timeline.messages.find((m) => m.marker && m.from === 1);
    expect(t?.received).toBeUndefined();
    expect(m10?.received).toBeDefined();
    expect(t && m10 && t.sent < m10.sent).toBe(true);
    expect(named).toBe(nonfifo.topology.channelIndex(1, 0));
    expect(evidence.orphans).toEqual([]);
    expect(evidence.channels).toEqual([
      { channel: named, recorded: [], crossing: ["T"], offending: [timeline.messages.indexOf(t as never)] },
    ]);
  });

  it("under fifo takes the oldest copy and finds nothing wrong with a correct snapshot", () => {
    const model = modelOf({ balances: [2, 0] });
    const run = runOf(model, [
      "send(P0→P1)",
      "initiate(P0)",
      "send(P0→P1)",
      "deliver(c(0,1): T)",
      "deliver(c(0,1): M)",
      "deliver(c(1,0): M)",
    ]);
    const { timeline, evidence } = explainCut(model, run);
    const [first, second] = timeline.messages.filter((m) => m.label === "T");
    expect(first?.received).toBeDefined();
    expect(second?.received).toBeUndefined();
    expect(evidence).toEqual({ orphans: [], channels: [] });
  });

  // P1 sends T before and after recording; P0 receives one T before it records. The oldest copy
  // makes the cut look fine; the checker reports the other matching (messages have no identity).
  const ambiguous = [
    "send(P1→P0)",
    "initiate(P1)",
    "send(P1→P0)",
    "deliver(c(1,0): T)",
    "deliver(c(1,0): M)",
    "deliver(c(0,1): M)",
  ];
  const model = modelOf({ balances: [0, 2], channels: "nonfifo", initiators: [1] });

  it("under nonfifo takes the oldest copy when nothing needs explaining", () => {
    const { timeline, evidence } = explainCut(model, runOf(model, ambiguous));
    const [pre, post] = timeline.messages.filter((m) => m.label === "T");
    expect(pre?.received).toBeDefined();
    expect(post?.received).toBeUndefined();
    expect(evidence).toEqual({ orphans: [], channels: [] });
  });

  it("under nonfifo picks the copy that shows the orphan the checker reports", () => {
    const run = runOf(model, ambiguous);
    const reason = judgeRun({ model, steps: run.steps, states: run.states }, consistentCut);
    expect(reason).toMatch(/c\(1,0\), sent after P1 recorded, was received before P0 recorded/);
    const { timeline, evidence } = explainCut(model, { ...run, reason });
    const [pre, post] = timeline.messages.filter((m) => m.label === "T");
    expect(pre?.received).toBeUndefined();
    expect(post?.received).toBeDefined();
    expect(evidence.orphans).toEqual([timeline.messages.indexOf(post as never)]);
  });

  it("keeps a lost message apart from one still in flight", () => {
    const lossy = modelOf({ balances: [1, 0], lossy: true });
    const { timeline, evidence } = explainCut(
      lossy,
      runOf(lossy, [
        "send(P0→P1)",
        "initiate(P0)",
        "drop(c(0,1): T)",
        "deliver(c(0,1): M)",
        "deliver(c(1,0): M)",
      ]),
    );
    expect(timeline.messages.find((m) => m.label === "T")).toMatchObject({ lost: 3, received: undefined });
    expect(evidence).toEqual({ orphans: [], channels: [] });
  });

  it("draws a duplicate delivery as a second receive of the same send", () => {
    const dup = modelOf({ balances: [1, 0], duplicating: true });
    const { timeline } = explainCut(
      dup,
      runOf(dup, ["send(P0→P1)", "duplicate(c(0,1): T)", "deliver(c(0,1): T)"]),
    );
    const copies = timeline.messages.filter((m) => m.label === "T");
    expect(copies.map((m) => [m.sent, m.copy, m.received !== undefined])).toEqual([
      [0, false, true],
      [0, true, true],
    ]);
  });
});
