/**
 * Symmetry reduction: the search with `symmetry` stores exactly the orbits of the full state space
 * (computed here independently: a plain BFS, then the orbits of what it reached by permuting
 * generic states and comparing `Model.key`s), still reports the full space's counts (each orbit
 * weighed by its size), and leaves verdicts, shortest counterexample lengths and replayable paths
 * unchanged.
 */
import { describe, expect, it } from "vitest";
import { engineModelOf } from "../../src/engine/config.js";
import { decodeState } from "../../src/engine/decode.js";
import { exploreCompact } from "../../src/engine/explore.js";
import { Layout } from "../../src/engine/layout.js";
import { Transitions } from "../../src/engine/successors.js";
import { snapshotOf } from "../../src/model/snapshot.js";
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
  { name: "fifo 1,0,0 initiator P0 (P1 and P2 swap)", config: { balances: [1, 0, 0] }, order: 2 },
  {
    name: "fifo 1,1,1 ring, all initiators",
    config: { balances: [1, 1, 1], links: ring, initiators: [0, 1, 2] },
    order: 3,
  },
  {
    name: "nonfifo 1,1,1 all initiators depth 5",
    config: { balances: [1, 1, 1], channels: "nonfifo", initiators: [0, 1, 2] },
    maxDepth: 5,
    order: 6,
  },
];

/** Every permutation of 0..n−1. */
function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((perm) =>
    Array.from({ length: n }, (_, at) => [...perm.slice(0, at), n - 1, ...perm.slice(at)]),
  );
}

/**
 * Plain BFS over packed states (no symmetry), then the orbits of what it reached, computed
 * independently of symmetry.ts: on generic states, the least `Model.key` over the permutations of
 * processes that keep balances, initiators and links.
 */
function orbitsByBrute(config: TestConfig, maxDepth: number | undefined) {
  const model = modelOf(config);
  const engineModel = engineModelOf(model);
  const { topology } = model;
  const layout = new Layout(engineModel, maxDepth);
  const t = new Transitions(engineModel, layout);
  const start = new Uint32Array(layout.words);
  t.initial(start, 0);
  const seen = new Map([[start.join(","), start]]);
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
          seen.set(key, child);
          next.push(child);
        }
      }
    }
    level = next;
  }
  const initiators = config.initiators ?? [0];
  const group = permutations(topology.processes).filter(
    (perm) =>
      perm.every(
        (q, p) =>
          config.balances[q] === config.balances[p] && initiators.includes(q) === initiators.includes(p),
      ) &&
      topology.channels.every(
        ({ from, to }) => topology.channelIndex(perm[from] ?? 0, perm[to] ?? 0) !== undefined,
      ),
  );
  const permute = (s: GlobalState, perm: readonly number[]): GlobalState => {
    const at = <T>(items: readonly T[], image: (x: number) => number) => {
      const moved = [...items];
      items.forEach((item, x) => {
        moved[image(x)] = item;
      });
      return moved;
    };
    const process = (p: number) => perm[p] ?? p;
    const channel = (c: number) => {
      const { from, to } = topology.channel(c);
      return topology.channelIndex(process(from), process(to)) ?? c;
    };
    const snapshot = snapshotOf(s, 0);
    return {
      procs: at(s.procs, process),
      snapshots: [{ recorded: at(snapshot.recorded, process), records: at(snapshot.records, channel) }],
      channels: at(s.channels, channel),
      scriptPosition: 0,
    };
  };
  const orbitKey = (s: GlobalState) => group.map((perm) => model.key(permute(s, perm))).sort()[0] ?? "";
  const orbits = new Set<string>();
  const complete = new Set<string>();
  for (const words of seen.values()) {
    const key = orbitKey(decodeState(t, words, 0));
    orbits.add(key);
    t.load(words, 0);
    if (t.complete()) complete.add(key);
  }
  return { states: seen.size, orbits: orbits.size, completeOrbits: complete.size, order: group.length };
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
    expect(reduced.symmetry?.orbits).toBe(brute.orbits);
    if (order > 1) expect(reduced.symmetry?.orbits).toBeLessThan(brute.states);
    // The counts are still those of the whole space: each orbit counted by its size.
    const { seconds: _, statesPerSecond: __, peakBytes: ___, bytesPerState: ____, ...counts } = full.stats;
    expect(reduced.stats).toMatchObject(counts);
    const withOrder = exploreCompact(model, { maxDepth, symmetry: true, partialOrder: true });
    expect(withOrder.symmetry?.orbits).toBe(withOrder.stats.distinctStates);
    expect(withOrder.stats.completeSnapshots).toBeLessThanOrEqual(brute.completeOrbits);
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
