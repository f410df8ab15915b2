/** The diffusing workload (a diffusing computation): its steps, the stability of `terminated`, and what snapshots detect. */
import { describe, expect, it } from "vitest";
import { Topology } from "../../src/model/topology.js";
import { diffusing } from "../../src/workloads/diffusing.js";
import { mutants } from "../mutants/chandy-lamport-mutants.js";
import { checkAll, modelOf, shortest } from "../support/models.js";
import { stabilityViolations, stableOf } from "../support/stable.js";

const line3 = Topology.line(3);
const terminated = stableOf(diffusing);

describe("diffusing: a diffusing computation", () => {
  it("starts at its root: P0 active, every other process passive, budgets from balances", () => {
    expect(diffusing.initial({ balances: [2, 1, 0] }, line3)).toEqual([
      [1, 2],
      [0, 1],
      [0, 0],
    ]);
  });

  it("an active process sends work to each neighbour while its budget lasts, or turns passive", () => {
    expect(diffusing.actions([1, 1], 1, line3)).toEqual([
      { action: "work", to: 0 },
      { action: "work", to: 2 },
      { action: "idle", to: 1 },
    ]);
    expect(diffusing.actions([1, 0], 1, line3)).toEqual([{ action: "idle", to: 1 }]);
    expect(diffusing.actions([0, 3], 1, line3)).toEqual([]);
    expect(diffusing.perform([1, 1], 1, "work", 2)).toEqual({
      state: [1, 0],
      sends: [{ to: 2, payload: "W" }],
    });
    expect(diffusing.perform([1, 1], 1, "idle", 1)).toEqual({ state: [0, 1], sends: [] });
    expect(diffusing.receive([0, 1], 2, 1, "W")).toEqual({ state: [1, 1], sends: [] });
  });

  it("names an idle step by its process alone", () => {
    const model = modelOf({ workload: "diffusing", balances: [1, 0] });
    expect(model.steps(model.initial).map((s) => model.label(s))).toEqual([
      "initiate(P0)",
      "work(P0→P1)",
      "idle(P0)",
    ]);
  });

  it("terminated is stable: on every explored edge, once it holds it still holds", () => {
    for (const balances of [
      [1, 0],
      [2, 1],
      [1, 1, 0],
    ]) {
      const model = modelOf({ workload: "diffusing", balances });
      expect(stabilityViolations(model, terminated)).toBe(0);
    }
  });
});

describe("diffusing: what a snapshot detects", () => {
  it("correct Chandy–Lamport under fifo: every property holds, exhaustively", () => {
    for (const [balances, states] of [
      [[1, 0], 58],
      [[1, 1], 169],
      [[2, 1], 577],
      [[1, 1, 0], 4_817],
    ] as const) {
      const r = checkAll({ workload: "diffusing", balances });
      expect(r.stats.distinctStates).toBe(states);
      expect(r.verdicts.map((v) => [v.property.name, v.holds, v.complete])).toEqual(
        r.verdicts.map((v) => [v.property.name, true, true]),
      );
    }
  }, 30_000);

  it("under nonfifo a marker overtakes the last work message: a false termination in 5 steps", () => {
    const r = checkAll({ workload: "diffusing", balances: [1, 0], channels: "nonfifo" });
    expect(shortest(r)).toEqual({
      "consistent-cut": 4,
      "reachable-cut": 4,
      conservation: null,
      termination: null,
      "stable-detection": 5,
    });
  });

  it("a channel that records from the start of the run misses a termination in 7 steps under fifo", () => {
    const r = checkAll({
      workload: "diffusing",
      balances: [1, 0],
      algorithm: mutants.recordFromStart,
    });
    expect(shortest(r)["stable-detection"]).toBe(7);
  });
});
