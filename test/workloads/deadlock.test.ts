/** The deadlock workload (a wait-for graph): its steps, the stability of `deadlocked`, and what snapshots detect. */
import { describe, expect, it } from "vitest";
import { Topology } from "../../src/model/topology.js";
import { deadlock } from "../../src/workloads/deadlock.js";
import { mutants } from "../mutants/chandy-lamport-mutants.js";
import { checkAll, modelOf, shortest } from "../support/models.js";
import { stabilityViolations, stableOf } from "../support/stable.js";

const deadlocked = stableOf(deadlock);
const ring3 = Topology.ring(3);

describe("deadlock: processes waiting for replies", () => {
  it("a process that is not waiting requests a reply only where the reply channel exists", () => {
    // In the ring P0→P1→P2→P0 no channel comes back, so nobody can request anything.
    expect(deadlock.actions([0, 0, 1, 0, 0, 0], 0, ring3)).toEqual([]);
    const complete = Topology.complete(3);
    expect(deadlock.actions([0, 0, 1, 0, 0, 0], 0, complete)).toEqual([
      { action: "request", to: 1 },
      { action: "request", to: 2 },
    ]);
    expect(deadlock.actions([0, 0, 0, 0, 0, 0], 0, complete)).toEqual([]);
    expect(deadlock.actions([1, 2, 1, 0, 0, 0], 0, complete)).toEqual([]);
    expect(deadlock.perform([0, 0, 1, 0, 0, 0], 0, "request", 2)).toEqual({
      state: [1, 2, 0, 0, 0, 0],
      sends: [{ to: 2, payload: "request" }],
    });
  });

  it("replies at once when not waiting, defers while waiting, and answers the deferred with its reply", () => {
    expect(deadlock.receive([0, 0, 1, 0, 0, 0], 1, 0, "request")).toEqual({
      state: [0, 0, 1, 0, 0, 0],
      sends: [{ to: 0, payload: "reply" }],
    });
    const waiting = deadlock.receive([1, 2, 0, 0, 0, 0], 1, 0, "request");
    expect(waiting).toEqual({ state: [1, 2, 0, 1, 0, 0], sends: [] });
    expect(deadlock.receive(waiting.state, 1, 2, "reply")).toEqual({
      state: [0, 0, 0, 0, 0, 0],
      sends: [{ to: 0, payload: "reply" }],
    });
  });

  it("deadlocked: a cycle of waiting processes with no reply in flight on its reply channels", () => {
    const procs = [
      [1, 1, 0, 0, 0, 0],
      [1, 0, 0, 0, 0, 0],
      [1, 0, 0, 0, 0, 0],
    ];
    expect(deadlocked.holds(procs, [], ring3)).toBe(true);
    expect(deadlocked.holds(procs, [{ from: 1, to: 0, payload: "reply" }], ring3)).toBe(false);
    // A reply on another channel, or a request in flight, does not break the cycle P0 ⇄ P1.
    expect(deadlocked.holds(procs, [{ from: 0, to: 2, payload: "reply" }], ring3)).toBe(true);
    expect(deadlocked.holds(procs, [{ from: 0, to: 1, payload: "request" }], ring3)).toBe(true);
    // A chain P2 → P0 → P1 that ends at a process not waiting is no deadlock.
    expect(
      deadlocked.holds(
        [
          [1, 1, 0, 0, 0, 0],
          [0, 0, 0, 0, 0, 0],
          [1, 0, 0, 0, 0, 0],
        ],
        [],
        ring3,
      ),
    ).toBe(false);
  });

  it("deadlocked is stable: on every explored edge, once it holds it still holds", () => {
    for (const balances of [
      [1, 1],
      [2, 1],
      [1, 1, 0],
    ]) {
      expect(stabilityViolations(modelOf({ workload: "deadlock", balances }), deadlocked)).toBe(0);
    }
  });
});

describe("deadlock: what a snapshot detects", () => {
  it("correct Chandy–Lamport under fifo: every property holds, exhaustively", () => {
    for (const [balances, states] of [
      [[1, 1], 135],
      [[2, 1], 310],
      [[2, 2], 703],
    ] as const) {
      const r = checkAll({ workload: "deadlock", balances });
      expect(r.stats.distinctStates).toBe(states);
      expect(r.verdicts.map((v) => [v.property.name, v.holds, v.complete])).toEqual(
        r.verdicts.map((v) => [v.property.name, true, true]),
      );
    }
  }, 30_000);

  it("under nonfifo a request overtakes a marker and its reply goes unrecorded: a false deadlock in 6 steps", () => {
    const r = checkAll({ workload: "deadlock", balances: [1, 1], channels: "nonfifo" });
    expect(shortest(r)["stable-detection"]).toBe(6);
  });

  it("a channel that records from the start of the run misses a deadlock in 10 steps under fifo", () => {
    const r = checkAll({ workload: "deadlock", balances: [2, 1], algorithm: mutants.recordFromStart });
    expect(shortest(r)["stable-detection"]).toBe(10);
    // With one request each there is no earlier reply to record, so nothing is missed.
    const once = checkAll({ workload: "deadlock", balances: [1, 1], algorithm: mutants.recordFromStart });
    expect(shortest(once)["stable-detection"]).toBeNull();
  });
});
