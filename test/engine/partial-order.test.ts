/**
 * Partial-order reduction (src/engine/partial-order.ts). First the sets themselves, checked by
 * brute force on the interpreted relation rather than trusted from the dependency argument: in
 * every reachable state of small configurations, every path of up to three steps that avoids the
 * chosen set keeps exactly the chosen steps enabled and commutes with each of them, and no chosen
 * step completes a snapshot. Mutant set choosers (no enabling closure, no visibility) fail that
 * check. Then the searches: with the reduction, every verdict of the unreduced search is the same,
 * and every counterexample replays through the generic model (it may be longer than the shortest).
 */
import { describe, expect, it } from "vitest";
import { type EngineModel, engineModelOf } from "../../src/engine/config.js";
import { exploreCompact } from "../../src/engine/explore.js";
import { Layout } from "../../src/engine/layout.js";
import { ActionIds, PersistentSets } from "../../src/engine/partial-order.js";
import { DELIVER_TRANSFER, INITIATE, SEND, Transitions } from "../../src/engine/successors.js";
import type { GlobalState } from "../../src/model/types.js";
import { modelOf, type TestConfig } from "../support/models.js";

const line: [number, number][] = [
  [0, 1],
  [1, 0],
  [1, 2],
  [2, 1],
];

const small: readonly { name: string; config: TestConfig; maxDepth?: number }[] = [
  { name: "fifo 2,1", config: { balances: [2, 1] } },
  { name: "fifo 1,1 all initiators", config: { balances: [1, 1], initiators: [0, 1] } },
  { name: "fifo 1,0,1 line", config: { balances: [1, 0, 1], links: line } },
  {
    name: "fifo 1,1,0 one-way ring",
    config: {
      balances: [1, 1, 0],
      links: [
        [0, 1],
        [1, 2],
        [2, 0],
      ],
    },
  },
  { name: "nonfifo 1,1", config: { balances: [1, 1], channels: "nonfifo" }, maxDepth: 8 },
  {
    name: "nonfifo 1,0,1 line",
    config: { balances: [1, 0, 1], channels: "nonfifo", links: line },
    maxDepth: 7,
  },
];

/** Every state of the unreduced space, packed, in BFS order. */
function reachable(model: EngineModel, layout: Layout, maxDepth = Number.POSITIVE_INFINITY): Uint32Array[] {
  const t = new Transitions(model, layout);
  const first = new Uint32Array(layout.words);
  t.initial(first, 0);
  const seen = new Map([[first.join(","), 0]]);
  const states = [first];
  const depth = [0];
  for (let i = 0; i < states.length; i++) {
    if ((depth[i] as number) >= maxDepth) continue;
    const enabled = t.load(states[i] as Uint32Array, 0);
    for (let k = 0; k < enabled; k++) {
      const next = new Uint32Array(layout.words);
      t.apply(k, next, 0);
      const key = next.join(",");
      if (seen.has(key)) continue;
      seen.set(key, states.length);
      states.push(next);
      depth.push((depth[i] as number) + 1);
    }
  }
  return states;
}

/** The enabled actions of a state, by action id (partial-order.ts's numbering), with their successors. */
function actions(t: Transitions, ids: ActionIds, state: Uint32Array): Map<number, Uint32Array> {
  const out = new Map<number, Uint32Array>();
  const enabled = t.load(state, 0);
  const fifo = t.model.channels === "fifo";
  for (let k = 0; k < enabled; k++) {
    const kind = t.stepKind[k] as number;
    const arg = t.stepArg[k] as number;
    const id =
      kind === INITIATE
        ? ids.initiate(arg)
        : kind === SEND
          ? ids.send(arg)
          : kind === DELIVER_TRANSFER && !fifo
            ? ids.deliverTransfer(arg)
            : ids.deliver(arg);
    const next = new Uint32Array(t.layout.words);
    t.apply(k, next, 0);
    out.set(id, next);
  }
  return out;
}

const same = (a: Uint32Array | undefined, b: Uint32Array | undefined) =>
  a !== undefined && b !== undefined && a.length === b.length && a.every((w, i) => w === b[i]);

/**
 * The first breach of the chosen sets' conditions found in the space of `config`, or undefined:
 * for every path w of up to `length` steps none of which is in the chosen set E of a state s, and
 * every t in E, the run t·w is possible and ends where w·t does (E is persistent: Godefroid's
 * definition, checked from its meaning); and no step of E completes a snapshot (visibility).
 */
function firstBreach(
  config: TestConfig,
  maxDepth: number | undefined,
  chooser: (model: EngineModel, layout: Layout) => PersistentSets,
  length = 3,
): string | undefined {
  const model = engineModelOf(modelOf(config));
  const layout = new Layout(model, maxDepth);
  const t = new Transitions(model, layout);
  const ids = new ActionIds(model.topology.processes, model.topology.channels.length);
  const sets = chooser(model, layout);
  const complete = (state: Uint32Array) => {
    t.load(state, 0);
    return t.complete();
  };
  for (const s of reachable(model, layout, maxDepth)) {
    if (!sets.choose(s, 0)) continue;
    const chosen = [...sets.chosen.keys()].filter((a) => sets.chosen[a] === 1);
    const first = actions(t, ids, s);
    for (const a of chosen) {
      if (complete(first.get(a) as Uint32Array) && !complete(s)) return `step ${a} completes a snapshot`;
    }
    // Each frontier entry: the state after a path avoiding T, and per chosen t the state after t then the path.
    let frontier = [{ u: s, after: chosen.map((a) => first.get(a) as Uint32Array) }];
    for (let step = 0; step < length; step++) {
      const next: typeof frontier = [];
      for (const { u, after } of frontier) {
        const here = actions(t, ids, u);
        for (const [b, v] of here) {
          if (sets.chosen[b] === 1) continue;
          const moved = after.map((w) => actions(t, ids, w).get(b));
          if (moved.some((w) => w === undefined)) return `step ${b} is disabled by a chosen step`;
          const there = actions(t, ids, v);
          for (const [i, a] of chosen.entries()) {
            if (!same(there.get(a), moved[i]))
              return `step ${a} does not commute with a path ending in step ${b}`;
          }
          next.push({ u: v, after: moved as Uint32Array[] });
        }
      }
      frontier = next;
    }
  }
  return undefined;
}

/** A chooser that forgets the enabling closure (D2): an empty channel's sender is never brought in. */
class WithoutEnablers extends PersistentSets {
  protected override addEnablers(): void {}
}

/** A chooser that forgets visibility: it may postpone everything but a marker delivery. */
class WithoutVisibility extends PersistentSets {
  protected override visible(): boolean {
    return false;
  }
}

const sound = (model: EngineModel, layout: Layout) => new PersistentSets(model, layout);

describe("the persistent sets", () => {
  it.each(small)("are persistent and invisible in every state: $name", ({ config, maxDepth }) => {
    expect(firstBreach(config, maxDepth, sound)).toBeUndefined();
  });

  it("reduce: some state of each configuration takes a proper subset", () => {
    for (const { config, maxDepth } of small) {
      const model = engineModelOf(modelOf(config));
      const layout = new Layout(model, maxDepth);
      const sets = new PersistentSets(model, layout);
      expect(reachable(model, layout, maxDepth).some((s) => sets.choose(s, 0))).toBe(true);
    }
  });

  it("are caught by the check when the enabling closure or visibility is left out (mutants)", () => {
    const fifo = { balances: [1, 0, 1], links: line } satisfies TestConfig;
    expect(firstBreach(fifo, undefined, (m, l) => new WithoutEnablers(m, l))).toMatch(/commute|disabl/);
    const breaches = small.map(({ config, maxDepth }) =>
      firstBreach(config, maxDepth, (m, l) => new WithoutVisibility(m, l)),
    );
    expect(breaches.filter((b) => b !== undefined)).toContainEqual(
      expect.stringMatching(/completes a snapshot/),
    );
  });
});

/** Replays `path` through the generic model from its initial state. */
function expectReplays(
  config: TestConfig,
  path: { steps: readonly unknown[]; states: readonly GlobalState[] },
) {
  const model = modelOf(config);
  let state = model.initial;
  path.steps.forEach((step, i) => {
    const label = model.label(step as Parameters<typeof model.label>[0]);
    const match = model.steps(state).find((s) => model.label(s) === label);
    expect(match, `step ${i}: ${label}`).toBeDefined();
    state = model.next(state, match as NonNullable<typeof match>).state;
    expect(model.key(state)).toBe(model.key(path.states[i + 1] as GlobalState));
  });
}

const verdictCases: readonly {
  name: string;
  config: TestConfig;
  maxDepth?: number;
  reducedDepth?: number;
}[] = [
  { name: "fifo 2,1", config: { balances: [2, 1] } },
  { name: "fifo 1,1,0", config: { balances: [1, 1, 0] } },
  { name: "fifo 1,1,1", config: { balances: [1, 1, 1] } },
  {
    name: "fifo 2,0,1 line, all initiators",
    config: { balances: [2, 0, 1], links: line, initiators: [0, 1, 2] },
  },
  { name: "stuck: P1 → P0 only", config: { balances: [0, 0], links: [[1, 0]] } },
  {
    name: "stuck: P0 has no way out",
    config: {
      balances: [1, 1, 1],
      links: [
        [1, 0],
        [1, 2],
        [2, 1],
      ],
    },
  },
  {
    name: "fifo 1,1,0 one-way line",
    config: {
      balances: [1, 1, 0],
      links: [
        [0, 1],
        [1, 2],
      ],
    },
  },
  // Under nonfifo a reduced run can be longer than the shortest, so it needs a deeper bound.
  { name: "nonfifo 1,1", config: { balances: [1, 1], channels: "nonfifo" }, maxDepth: 8, reducedDepth: 10 },
  { name: "nonfifo 2,1", config: { balances: [2, 1], channels: "nonfifo" }, maxDepth: 8, reducedDepth: 12 },
  {
    name: "nonfifo 1,1,0",
    config: { balances: [1, 1, 0], channels: "nonfifo" },
    maxDepth: 9,
    reducedDepth: 12,
  },
  {
    name: "nonfifo 1,1,1 all initiators",
    config: { balances: [1, 1, 1], channels: "nonfifo", initiators: [0, 1, 2] },
    maxDepth: 9,
    reducedDepth: 13,
  },
];

describe("the reduced search", () => {
  it.each(verdictCases)(
    "gives every verdict of the unreduced one, with replayable runs: $name",
    ({ config, maxDepth, reducedDepth }) => {
      const model = engineModelOf(modelOf(config));
      const full = exploreCompact(model, { maxDepth });
      for (const symmetry of [false, true]) {
        const reduced = exploreCompact(model, {
          maxDepth: reducedDepth ?? maxDepth,
          partialOrder: true,
          symmetry,
        });
        expect(reduced.partialOrder).toBeDefined();
        for (const verdict of ["conservation", "noStuckSnapshot"] as const) {
          expect(reduced[verdict].holds, verdict).toBe(full[verdict].holds);
          const violation = reduced[verdict].violation;
          if (violation === undefined) continue;
          expect(violation.depth).toBeGreaterThanOrEqual(full[verdict].violation?.depth ?? 0);
          expect(violation.path?.steps).toHaveLength(violation.depth);
          expectReplays(config, violation.path as NonNullable<typeof violation.path>);
        }
        if (full.stats.stop === "exhausted") {
          expect(reduced.stats.stop).toBe("exhausted");
          expect(reduced.stats.distinctStates).toBeLessThanOrEqual(full.stats.distinctStates);
        }
      }
    },
  );

  it("explores fewer states and transitions on the reference configuration fifo 1,1,1", () => {
    const model = engineModelOf(modelOf({ balances: [1, 1, 1] }));
    const full = exploreCompact(model).stats;
    const reduced = exploreCompact(model, { partialOrder: true }).stats;
    expect(reduced.distinctStates).toBeLessThan(full.distinctStates);
    expect(reduced.transitions).toBeLessThan(full.transitions / 1.5);
  });
});
