/**
 * Partial-order reduction of scripted scenarios: the snapshots every instance can record, and
 * their verdicts, are the same with and without it — on the COS 418 examples (and against the
 * naive explorer) and on random scenarios — while fewer states are searched; and a variant of
 * Chandy–Lamport does not inherit the declaration that makes the reduction sound.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conservation } from "../../properties/conservation.js";
import { consistentCut } from "../../properties/consistent-cut.js";
import type { SnapshotAlgorithm } from "../../src/algorithms/algorithm.js";
import { chandyLamport, recordIfRecording } from "../../src/algorithms/chandy-lamport.js";
import { buildModel, parseConfig, type SnapcheckConfig } from "../../src/config.js";
import {
  type RecordedSnapshots,
  recordedSnapshots,
  recordedSnapshotsReduced,
} from "../../src/engine/recorded-snapshots.js";
import { stubbornSteps } from "../../src/engine/stubborn-steps.js";
import { Model } from "../../src/model/model.js";
import { readCos418 } from "../../src/scenarios/cos418.js";

const DIR = "examples/cos418";
const file = (name: string) => ({ text: readFileSync(join(DIR, name), "utf8"), path: join(DIR, name) });
const PROPERTIES = [consistentCut, conservation];
const LIMITS = { maxStates: 200_000 };

/** What a list of recorded snapshots says, independent of the search that found it. */
function listed(result: RecordedSnapshots | string): string[] {
  if (typeof result === "string") throw new Error(`not reduced: ${result}`);
  expect(result.stop).toBe("exhausted");
  return result.snapshots
    .map((s) =>
      JSON.stringify([s.instance, s.processes, s.channels, s.violations.map((v) => v.property).sort()]),
    )
    .sort();
}

function scenario(config: Record<string, unknown>): Model {
  return buildModel(parseConfig(config, []) as SnapcheckConfig);
}

describe("partial-order reduction of scripted scenarios", () => {
  it.each([
    ["2nodes.top", "2nodes-concurrent.events", "fifo"],
    ["3nodes.top", "3nodes-crossing.events", "fifo"],
    ["3nodes.top", "3nodes-crossing.events", "fifo,lossy"],
  ] as const)("%s %s under %s: the same snapshots and verdicts, fewer states", (top, events, channels) => {
    const imported = readCos418(file(top), file(events));
    const model = buildModel(parseConfig({ ...imported.config, channels }, []));
    const whole = recordedSnapshots(model, PROPERTIES, LIMITS);
    const reduced = recordedSnapshotsReduced(model, PROPERTIES, LIMITS);
    expect(listed(reduced)).toEqual(listed(whole));
    expect(typeof reduced !== "string" && reduced.distinctStates).toBeLessThan(whole.distinctStates);
  });

  it("agrees with the whole space on random scenarios", () => {
    const command = (n: number) =>
      fc.oneof(
        fc
          .tuple(fc.nat(n - 1), fc.nat(n - 2), fc.integer({ min: 1, max: 2 }))
          .map(([from, d, amount]) => `send ${from} ${(from + 1 + d) % n} ${amount}`),
        fc.nat(n - 1).map((p) => `snapshot ${p}`),
      );
    const scenarios = fc
      .record({
        n: fc.integer({ min: 2, max: 3 }),
        lossy: fc.boolean(),
        topology: fc.constantFrom("complete", "ring"),
      })
      .chain(({ n, lossy, topology }) =>
        fc.record({
          n: fc.constant(n),
          lossy: fc.constant(lossy),
          topology: fc.constant(n === 2 ? "complete" : topology),
          script: fc.array(command(n), { minLength: 1, maxLength: 4 }),
        }),
      );
    fc.assert(
      fc.property(scenarios, ({ n, lossy, topology, script }) => {
        let model: Model;
        try {
          model = scenario({
            processes: n,
            balances: Array.from({ length: n }, () => 2),
            topology,
            channels: lossy ? "fifo,lossy" : "fifo",
            script,
          });
        } catch {
          return; // a send on a link the ring does not have
        }
        const small = { maxStates: 20_000 };
        const whole = recordedSnapshots(model, PROPERTIES, small);
        fc.pre(whole.stop === "exhausted");
        expect(listed(recordedSnapshotsReduced(model, PROPERTIES, small))).toEqual(listed(whole));
      }),
      { numRuns: 40, seed: 20261202, endOnFailure: true },
    );
  });

  it("is refused where it is not sound, with the reason", () => {
    const scripted = { processes: 2, balances: [1, 1], script: ["send 0 1 1", "snapshot 1"] };
    expect(stubbornSteps(scenario({ ...scripted, channels: "nonfifo" }))).toMatch(/FIFO/);
    expect(stubbornSteps(scenario({ ...scripted, ticks: true }))).toMatch(/ticks/);
    expect(stubbornSteps(scenario({ processes: 2, balances: [1, 1] }))).toMatch(/scripted/);
    expect(typeof stubbornSteps(scenario(scripted))).toBe("object");
  });

  it("leaves a variant of Chandy–Lamport alone, and a false declaration would change the list", () => {
    // Records a process also when a token reaches it first (as Lai–Yang's red messages do): not
    // marker-local. Spread from Chandy–Lamport, it does not inherit the declaration.
    const recordsOnTokens: SnapshotAlgorithm = {
      ...chandyLamport,
      name: "records-on-tokens",
      onAppArrival(draft, c, payload) {
        const p = draft.topology.channel(c).to;
        if (
          draft.instances > 0 &&
          draft.hasRecorded(draft.topology.channel(c).from, 0) &&
          !draft.hasRecorded(p, 0)
        )
          chandyLamport.initiate(draft, p, 0);
        recordIfRecording(draft, c, 0, payload);
      },
    };
    const base = scenario({
      processes: 3,
      balances: [2, 2, 2],
      script: ["snapshot 0", "send 0 1 1", "send 2 1 1", "send 1 2 1"],
    });
    const variant = new Model({ ...base.spec, algorithm: recordsOnTokens });
    expect(stubbornSteps(variant)).toMatch(/not declared marker-local/);
    // Declared anyway, the reduction trusts it and misses snapshots the whole space has.
    const falselyDeclared = new Model({
      ...base.spec,
      algorithm: { ...recordsOnTokens, markerLocal: recordsOnTokens },
    });
    const whole = listed(recordedSnapshots(falselyDeclared, PROPERTIES, LIMITS));
    expect(listed(recordedSnapshotsReduced(falselyDeclared, PROPERTIES, LIMITS))).not.toEqual(whole);
  });
});
