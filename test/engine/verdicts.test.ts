/**
 * What the compact engine decides from the packed state: conservation (violated under nonfifo at
 * the packed engine's shortest lengths, holding under fifo), termination's stuck case, the
 * counterexample path (replayed through the generic Model step by step), and the memory budget.
 */
import { describe, expect, it } from "vitest";
import { properties } from "../../properties/index.js";
import { MemoryBudget } from "../../src/engine/budget.js";
import { check } from "../../src/engine/check.js";
import { type EngineProgress, engineModelOf } from "../../src/engine/config.js";
import { exploreCompact } from "../../src/engine/explore.js";
import type { Model } from "../../src/model/model.js";
import type { GlobalState, Step } from "../../src/model/types.js";
import { modelOf, shortest, type TestConfig } from "../support/models.js";

const nonfifo = (balances: number[]): TestConfig => ({ balances, channels: "nonfifo" });

/** Replays `steps` from the initial state: each step is enabled and leads to the recorded state. */
function expectReplays(model: Model, steps: readonly Step[], states: readonly GlobalState[]): void {
  expect(states).toHaveLength(steps.length + 1);
  expect(model.key(states[0] as GlobalState)).toBe(model.key(model.initial));
  let state = model.initial;
  steps.forEach((step, i) => {
    expect(model.steps(state).map((s) => model.label(s))).toContain(model.label(step));
    state = model.next(state, step).state;
    expect(model.key(state)).toBe(model.key(states[i + 1] as GlobalState));
  });
}

describe("conservation", () => {
  it.each([
    { balances: [1, 1], maxDepth: 8, length: 4 },
    { balances: [1, 1, 0], maxDepth: 9, length: 8 },
  ])(
    "is violated under nonfifo $balances, shortest run $length steps, as the packed engine finds",
    ({ balances, maxDepth, length }) => {
      const model = modelOf(nonfifo(balances));
      // Unreduced and with symmetry: the shortest run; with partial-order reduction (which may
      // postpone steps past the bound, so it gets a deeper one) a run at least as long.
      for (const reductions of [
        {},
        { symmetry: true },
        { partialOrder: true },
        { symmetry: true, partialOrder: true },
      ]) {
        const partialOrder = "partialOrder" in reductions;
        const { conservation } = exploreCompact(engineModelOf(model), {
          maxDepth: partialOrder ? maxDepth + 6 : maxDepth,
          ...reductions,
        });
        expect(conservation.holds).toBe(false);
        const depth = conservation.violation?.depth ?? 0;
        if (partialOrder) expect(depth).toBeGreaterThanOrEqual(length);
        else expect(depth).toBe(length);
        const path = conservation.violation?.path;
        expect(path?.steps).toHaveLength(depth);
        expectReplays(model, path?.steps ?? [], path?.states ?? []);
      }
      if (balances.length === 2) {
        const generic = check(model, properties, { limits: { maxDepth } });
        expect(shortest(generic).conservation).toBe(length);
      }
    },
  );

  it("reports the violating state without a path in fingerprint mode", () => {
    const model = modelOf(nonfifo([1, 1]));
    const { conservation } = exploreCompact(engineModelOf(model), { maxDepth: 8, mode: "fingerprint" });
    expect(conservation.violation?.depth).toBe(4);
    expect(conservation.violation?.path).toBeUndefined();
    expect(conservation.violation?.state.snapshots[0]?.recorded).toBeDefined();
  });

  // Each bounded a few times above its state count: a blown-up space fails at once.
  it.each([
    [[1, 1], 720],
    [[2, 1], 2128],
    [[1, 0, 1], 180_400],
  ])("holds under fifo %j, and so does termination", (balances, maxStates) => {
    for (const reductions of [
      {},
      { symmetry: true },
      { partialOrder: true },
      { symmetry: true, partialOrder: true },
    ]) {
      const result = exploreCompact(engineModelOf(modelOf({ balances })), { maxStates, ...reductions });
      expect(result.conservation).toEqual({ holds: true, complete: true });
      expect(result.noStuckSnapshot).toEqual({ holds: true, complete: true });
    }
  });

  it("is not complete when the depth bound cut the search", () => {
    const result = exploreCompact(engineModelOf(modelOf({ balances: [2, 1] })), { maxDepth: 5 });
    expect(result.stats.stop).toBe("max-depth");
    expect(result.conservation).toEqual({ holds: true, complete: false });
  });
});

describe("termination's stuck case", () => {
  it("finds a deadlock with the snapshot in progress when markers cannot reach every process", () => {
    // P1 → P0 only: P0 initiates but has no outgoing channel, so c(1,0) records forever… until P1,
    // which never hears a marker, has nothing left to do.
    const model = modelOf({ balances: [0, 0], links: [[1, 0]] });
    const { noStuckSnapshot, stats } = exploreCompact(engineModelOf(model), { maxStates: 100 });
    expect(stats.deadlocks).toBeGreaterThan(0);
    expect(noStuckSnapshot.holds).toBe(false);
    const path = noStuckSnapshot.violation?.path;
    expect(path?.steps.map((s) => model.label(s))).toEqual(["initiate(P0)"]);
    expectReplays(model, path?.steps ?? [], path?.states ?? []);
  });
});

describe("the memory budget", () => {
  it("stops cleanly with partial statistics instead of crashing", () => {
    // fifo 2,1,1 has 4,448,281 states: its tables need far more than the 16 MiB the budget leaves the engine, whatever the garbage
    // collector does to the JS heap and the resident size (which the budget covers too) meanwhile.
    const model = engineModelOf(modelOf({ balances: [2, 1, 1] }));
    for (const mode of ["exact", "fingerprint"] as const) {
      const maxMemoryBytes = new MemoryBudget().inUse() + 16 * 2 ** 20;
      const result = exploreCompact(model, { mode, maxMemoryBytes });
      expect(result.stats.stop).toBe("max-memory");
      expect(result.stats.distinctStates).toBeGreaterThan(0);
      expect(result.stats.distinctStates).toBeLessThan(4448281);
      expect(result.conservation.complete).toBe(false);
    }
  });
});

describe("the rest of the options", () => {
  it("stops storing states at maxStates, as the packed engine does", () => {
    const model = modelOf({ balances: [2, 1] });
    const generic = check(model, [], { limits: { maxStates: 100 } }).stats;
    const stats = exploreCompact(engineModelOf(model), { maxStates: 100 }).stats;
    expect(stats).toMatchObject({
      distinctStates: generic.distinctStates,
      transitions: generic.transitions,
      stop: "max-states",
    });
  });

  it("requires a depth bound under nonfifo, and refuses models it does not implement", () => {
    expect(() => exploreCompact(engineModelOf(modelOf(nonfifo([1, 1]))))).toThrow(/maxDepth/);
    expect(() => exploreCompact(engineModelOf(modelOf({ balances: [15, 15] })))).toThrow(/balances/);
    expect(() => engineModelOf(modelOf({ balances: [1, 1], lossy: true }))).toThrow(/reliable/);
    expect(() => engineModelOf(modelOf({ balances: [1, 1], workload: "orders", stock: [1, 1] }))).toThrow(
      /bank/,
    );
  });

  it("reports progress: states, rate, queue, depth and memory", () => {
    const reports: EngineProgress[] = [];
    const model = engineModelOf(modelOf({ balances: [1, 1, 0] }));
    const { stats } = exploreCompact(model, {
      maxStates: 180_400,
      progress: (r) => reports.push(r),
      progressIntervalMs: 0,
    });
    expect(stats.stop).toBe("exhausted");
    expect(reports.length).toBeGreaterThan(5);
    for (const r of reports) {
      expect(r.states).toBeLessThanOrEqual(stats.distinctStates);
      expect(r.queue).toBeGreaterThanOrEqual(0);
      expect(r.depth).toBeLessThanOrEqual(stats.maxDepth);
      expect(r.memoryBytes).toBeGreaterThan(0);
      expect(r.statesPerSecond).toBeGreaterThan(0);
    }
    const states = reports.map((r) => r.states);
    expect(states).toEqual([...states].sort((a, b) => a - b));
  });

  it("reports mode estimates", () => {
    const model = engineModelOf(modelOf({ balances: [1, 1] }));
    const fingerprint = exploreCompact(model, { maxStates: 720, mode: "fingerprint" });
    expect(fingerprint.fingerprint?.collisionProbability).toBeLessThan(1e-12);
    const bitstate = exploreCompact(model, { maxStates: 720, mode: "bitstate", bitstateLog2Bits: 20 });
    expect(bitstate.stats.distinctStates).toBe(155);
    expect(bitstate.bitstate?.hashFactor).toBeGreaterThan(1000);
    expect(bitstate.conservation.complete).toBe(false);
  });
});
