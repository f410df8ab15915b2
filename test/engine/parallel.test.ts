/**
 * The parallel compact engine (src/engine/parallel.ts) against the sequential one: equal statistics
 * (distinct states, transitions, max depth, complete snapshots, deadlocks, stop reason) and equal
 * verdicts with the same shortest violation depth, with 1 and 2 workers in exact mode, and 2 in
 * fingerprint mode on two of them; with symmetry, the sequential engine's orbits and the whole
 * space's counts. Workers start from the TypeScript sources (under tsx), so each
 * run pays up to a second of startup: the configurations are small, and the runs go concurrently.
 */
import { describe, expect, it } from "vitest";
import { engineModelOf } from "../../src/engine/config.js";
import { type EngineResult, exploreCompact } from "../../src/engine/explore.js";
import { exploreCompactParallel } from "../../src/engine/parallel.js";
import { modelOf, type TestConfig } from "../support/models.js";

const ring: [number, number][] = [
  [0, 1],
  [1, 2],
  [2, 0],
];

const cases: readonly {
  name: string;
  config: TestConfig;
  maxDepth?: number;
  violationDepth?: number;
  fingerprint?: boolean;
}[] = [
  { name: "fifo 1,1", config: { balances: [1, 1] } },
  { name: "fifo 2,1", config: { balances: [2, 1] }, fingerprint: true },
  { name: "fifo 1,1,0 all initiators", config: { balances: [1, 1, 0], initiators: [0, 1, 2] } },
  { name: "fifo 1,1,0 ring", config: { balances: [1, 1, 0], links: ring } },
  { name: "fifo 0,0 one link (stuck snapshot)", config: { balances: [0, 0], links: [[1, 0]] } },
  { name: "fifo 2,1 depth 5", config: { balances: [2, 1] }, maxDepth: 5 },
  {
    name: "nonfifo 1,1 depth 10",
    config: { balances: [1, 1], channels: "nonfifo" },
    maxDepth: 10,
    violationDepth: 4,
    fingerprint: true,
  },
  {
    name: "nonfifo 1,1,0 depth 8",
    config: { balances: [1, 1, 0], channels: "nonfifo" },
    maxDepth: 8,
    violationDepth: 8,
  },
];

/** What must agree: the statistics minus timings and memory, and the verdicts minus states and paths. */
function comparable(result: EngineResult) {
  const { seconds, statesPerSecond, peakBytes, bytesPerState, ...stats } = result.stats;
  const verdict = (v: EngineResult["conservation"]) => ({
    holds: v.holds,
    complete: v.complete,
    depth: v.violation?.depth,
    reason: v.violation?.reason,
  });
  return {
    stats,
    conservation: verdict(result.conservation),
    noStuckSnapshot: verdict(result.noStuckSnapshot),
  };
}

/** Worker startup under tsx takes seconds when the 2-core machine is busy: well past vitest's 5 s default. */
const TIMEOUT = 60_000;

describe("the parallel compact engine", () => {
  it.each(cases)(
    "counts and judges $name as the sequential engine does",
    async ({ config, maxDepth, violationDepth, fingerprint }) => {
      const model = engineModelOf(modelOf(config));
      const sequential = exploreCompact(model, { maxDepth });
      if (violationDepth !== undefined) expect(sequential.conservation.violation?.depth).toBe(violationDepth);
      const runs = await Promise.all([
        exploreCompactParallel(model, { workers: 2, maxDepth }),
        exploreCompactParallel(model, { workers: 1, maxDepth }),
        ...(fingerprint === true
          ? [exploreCompactParallel(model, { workers: 2, maxDepth, mode: "fingerprint" })]
          : []),
      ]);
      for (const parallel of runs) expect(comparable(parallel)).toEqual(comparable(sequential));
      const [two] = runs;
      expect(two?.parallel.workers).toBe(2);
      const violation = two?.conservation.violation ?? two?.noStuckSnapshot.violation;
      if (violation !== undefined) {
        expect(violation.state.snapshots[0]?.recorded.some((r) => r !== null)).toBe(true);
        expect(violation.path).toBeUndefined();
      }
    },
    TIMEOUT,
  );

  it(
    "with symmetry stores the sequential engine's orbits and reports the whole space's counts",
    async () => {
      const symmetric: readonly { config: TestConfig; maxDepth?: number }[] = [
        { config: { balances: [1, 1, 1], links: ring, initiators: [0, 1, 2] } },
        { config: { balances: [1, 0, 0] } },
        { config: { balances: [1, 1, 1], channels: "nonfifo", initiators: [0, 1, 2] }, maxDepth: 6 },
      ];
      for (const { config, maxDepth } of symmetric) {
        const model = engineModelOf(modelOf(config));
        const whole = exploreCompact(model, { maxDepth });
        const sequential = exploreCompact(model, { maxDepth, symmetry: true });
        const [two, fingerprint] = await Promise.all([
          exploreCompactParallel(model, { workers: 2, maxDepth, symmetry: true }),
          exploreCompactParallel(model, { workers: 2, maxDepth, symmetry: true, mode: "fingerprint" }),
        ]);
        for (const run of [two, fingerprint]) {
          expect(comparable(run)).toEqual(comparable(whole));
          expect(run?.symmetry).toEqual(sequential.symmetry);
        }
        expect(sequential.symmetry?.order).toBeGreaterThan(1);
      }
    },
    TIMEOUT,
  );

  it(
    "stops cleanly with partial statistics when its memory budget is refused",
    async () => {
      // fifo 2,1,1 has 4,448,281 states; 32 MiB per worker (its JS heap included) holds a few hundred thousand.
      const model = engineModelOf(modelOf({ balances: [2, 1, 1] }));
      const { stats, conservation } = await exploreCompactParallel(model, { maxMemoryBytes: 64 * 2 ** 20 });
      expect(stats.stop).toBe("max-memory");
      expect(stats.distinctStates).toBeGreaterThan(0);
      expect(stats.distinctStates).toBeLessThan(4448281);
      expect(conservation.complete).toBe(false);
    },
    TIMEOUT,
  );

  it("refuses options it does not implement", async () => {
    const model = engineModelOf(modelOf({ balances: [1, 1] }));
    await expect(exploreCompactParallel(model, { workers: 0 })).rejects.toThrow(/workers/);
    await expect(
      exploreCompactParallel(engineModelOf(modelOf({ balances: [1, 1], channels: "nonfifo" }))),
    ).rejects.toThrow(/maxDepth/);
  });
});
