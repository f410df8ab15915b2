/**
 * Symmetry reduction: the search with `symmetry` finds exactly the orbits of the full state space
 * (computed here independently: a plain BFS over packed states, then the distinct canonical forms
 * of what it reached), and leaves verdicts, shortest counterexample lengths and replayable paths
 * unchanged.
 */
import { describe, expect, it } from "vitest";
import { engineModelOf } from "../../src/engine/config.js";
import { exploreCompact } from "../../src/engine/explore.js";
import { Layout } from "../../src/engine/layout.js";
import { Transitions } from "../../src/engine/successors.js";
import { Symmetry } from "../../src/engine/symmetry.js";
import type { GlobalState } from "../../src/model/types.js";
import { modelOf, type TestConfig } from "../support/models.js";

const ring: [number, number][] = [
  [0, 1],
  [1, 2],
  [2, 0],
];

const cases: readonly { name: string; config: TestConfig; maxDepth?: number; order: number }[] = [
  { name: "fifo 1,1 all initiators", config: { balances: [1, 1], initiators: [0, 1] }, order: 2 },
  { name: "fifo 2,2 all initiators", config: { balances: [2, 2], initiators: [0, 1] }, order: 2 },
  { name: "fifo 1,1 initiator P0 (no symmetry)", config: { balances: [1, 1] }, order: 1 },
  { name: "fifo 1,1,0 initiator P2", config: { balances: [1, 1, 0], initiators: [2] }, order: 2 },
  {
    name: "fifo 1,1,1 ring, all initiators",
    config: { balances: [1, 1, 1], links: ring, initiators: [0, 1, 2] },
    order: 3,
  },
  {
    name: "nonfifo 1,1,1 all initiators depth 6",
    config: { balances: [1, 1, 1], channels: "nonfifo", initiators: [0, 1, 2] },
    maxDepth: 6,
    order: 6,
  },
];

/** Plain BFS over packed states (no symmetry): the orbits, and orbits of complete snapshots, reached. */
function orbitsByBrute(config: TestConfig, maxDepth: number | undefined) {
  const model = engineModelOf(modelOf(config));
  const layout = new Layout(model, maxDepth);
  const t = new Transitions(model, layout);
  const symmetry = new Symmetry(model, layout);
  const start = new Uint32Array(layout.words);
  t.initial(start, 0);
  const seen = new Set([start.join(",")]);
  let level: Uint32Array[] = [start];
  for (let depth = 0; level.length > 0 && depth < (maxDepth ?? Number.POSITIVE_INFINITY); depth++) {
    const next: Uint32Array[] = [];
    for (const words of level) {
      const n = t.load(words, 0);
      for (let k = 0; k < n; k++) {
        const child = new Uint32Array(layout.words);
        t.apply(k, child, 0);
        const key = child.join(",");
        if (!seen.has(key)) {
          seen.add(key);
          next.push(child);
        }
      }
    }
    level = next;
  }
  const orbits = new Set<string>();
  const complete = new Set<string>();
  for (const key of seen) {
    const words = Uint32Array.from(key.split(","), Number);
    t.load(words, 0);
    symmetry.canonicalize(words, 0);
    orbits.add(words.join(","));
    if (t.complete()) complete.add(words.join(","));
  }
  return { states: seen.size, orbits: orbits.size, completeOrbits: complete.size, order: symmetry.order };
}

describe("symmetry reduction", () => {
  it.each(cases)("explores exactly the orbits: $name", ({ config, maxDepth, order }) => {
    const brute = orbitsByBrute(config, maxDepth);
    expect(brute.order).toBe(order);
    const model = engineModelOf(modelOf(config));
    const full = exploreCompact(model, { maxDepth });
    expect(full.stats.distinctStates).toBe(brute.states);
    const reduced = exploreCompact(model, { maxDepth, symmetry: true });
    expect(reduced.symmetry?.order).toBe(order);
    expect(reduced.stats.distinctStates).toBe(brute.orbits);
    expect(reduced.stats.completeSnapshots).toBe(brute.completeOrbits);
    expect(reduced.stats.maxDepth).toBe(full.stats.maxDepth);
    if (order > 1) expect(reduced.stats.distinctStates).toBeLessThan(full.stats.distinctStates);
  });

  it.each([
    { config: { balances: [1, 1], channels: "nonfifo", initiators: [0, 1] } as TestConfig, maxDepth: 8 },
    { config: { balances: [1, 1, 1], channels: "nonfifo" } as TestConfig, maxDepth: 8 },
  ])(
    "keeps the conservation verdict, its shortest length and a replayable path: $config.balances",
    ({ config, maxDepth }) => {
      const model = modelOf(config);
      const full = exploreCompact(engineModelOf(model), { maxDepth });
      const reduced = exploreCompact(engineModelOf(model), { maxDepth, symmetry: true });
      expect(reduced.symmetry?.order).toBeGreaterThan(1);
      expect(reduced.conservation.holds).toBe(false);
      expect(reduced.conservation.violation?.depth).toBe(full.conservation.violation?.depth);
      const path = reduced.conservation.violation?.path;
      let state = model.initial;
      path?.steps.forEach((step, i) => {
        expect(model.steps(state).map((s) => model.label(s))).toContain(model.label(step));
        state = model.next(state, step).state;
        expect(model.key(state)).toBe(model.key(path.states[i + 1] as GlobalState));
      });
      expect(path?.steps).toHaveLength(full.conservation.violation?.depth ?? -1);
    },
  );

  it("keeps conservation holding under fifo", () => {
    const model = engineModelOf(modelOf({ balances: [1, 1, 1], initiators: [0, 1, 2] }));
    expect(exploreCompact(model, { symmetry: true, maxDepth: 12 }).conservation.holds).toBe(true);
  });
});
