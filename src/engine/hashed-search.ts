/**
 * The search with a hashed store, for spaces the exact store cannot hold: fingerprints (TLC: a
 * node is remembered by its 64-bit hash alone, fingerprint-set.ts) or bitstate hashing (SPIN's
 * supertrace: k bits of a fixed array, bitstate-set.ts). It explores the same product of the model
 * and the safety monitors as the exact search (search.ts), breadth-first by levels — the frontier
 * holds each node's words (the model state's, then one per monitor) and whether it is the first
 * node of its model state. Model states are counted through a second hashed set of their words
 * (the projection; one set serves both when there are no monitors), so the figures mean what the
 * exact search's mean, up to the states a collision hid. No parent links are kept, so a state costs
 * only its hash: the run to a violation found at depth d is rebuilt after the search by the exact
 * search bounded to depth d, as TLC rebuilds its traces. Liveness needs the state graph, which
 * only the exact store keeps.
 */
import type { Model } from "../model/model.js";
import type { ProcessSymmetry } from "../model/symmetry.js";
import type { Step } from "../model/types.js";
import { BitstateSet } from "./bitstate-set.js";
import { MemoryBudget, OutOfMemoryBudget } from "./budget.js";
import { clear } from "./clear.js";
import { Coverage } from "./coverage.js";
import { FingerprintSet } from "./fingerprint-set.js";
import { Frontier } from "./frontier.js";
import { hashState } from "./hash.js";
import type { Limits, ProgressSink, StopReason } from "./limits.js";
import { FigureTally } from "./model-figures.js";
import { CHECK_EVERY, Checkpoints } from "./pacing.js";
import { MonitorProduct, PackedObservation } from "./product.js";
import type { Monitor } from "./property.js";
import { type FoundViolation, memoryLimit, type SearchOutcome, search } from "./search.js";
import type { StepReduction } from "./stubborn-steps.js";

/** How a search stores the states it has met. */
export type StoreMode = "exact" | "fingerprint" | "bitstate";

export interface HashedStore {
  readonly mode: "fingerprint" | "bitstate";
  /** Bitstate: the array holds 2^log2Bits bits (default 28: 32 MiB). */
  readonly log2Bits?: number | undefined;
  /** Bitstate: bits set per state (default 3). */
  readonly hashes?: number | undefined;
}

export interface HashedSearchOptions {
  readonly store: HashedStore;
  readonly limits: Limits;
  readonly progress?: ProgressSink | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly reduction?: StepReduction | undefined;
  /** One state per orbit, as in the exact search (SearchOptions.symmetry). */
  readonly symmetry?: ProcessSymmetry | undefined;
}

/** How much a hashed store may have missed, and what it held. */
export interface StoreFigures {
  readonly mode: "fingerprint" | "bitstate";
  /** The most bytes the store, its frontier and (while rebuilding runs) the exact search held at once. */
  readonly peakBytes: number;
  /**
   * Fingerprints: TLC's optimistic estimate of the chance that a collision hid a node,
   * n·(g − n)/2^64 with n nodes stored and g generated.
   */
  readonly collisionProbability?: number | undefined;
  /** Bitstate: SPIN's figures of the bit array. */
  readonly bitstate?:
    | {
        readonly bits: number;
        readonly hashes: number;
        /** Bits per stored node (SPIN's hash factor; above ~100 misses are rare). */
        readonly hashFactor: number;
        /** Fraction of the bits set at the end. */
        readonly fill: number;
        /** Expected nodes missed: the sum, over stored nodes, of the chance one was taken for a visited one. */
        readonly expectedMissed: number;
      }
    | undefined;
}

/** A violation whose run the exact search could not rebuild within the memory budget. */
export interface UnrebuiltViolation {
  readonly monitor: number;
  readonly reason: string;
  /** Its distance from the initial state. */
  readonly depth: number;
}

export interface HashedSearchResult extends SearchOutcome {
  readonly store: StoreFigures;
  readonly unrebuilt: readonly UnrebuiltViolation[];
}

/** A set of hashes: true from `insert` when the hash was not there. */
interface HashedSet {
  readonly count: number;
  insert(h1: number, h2: number): boolean;
  has(h1: number, h2: number): boolean;
}

/** The hashed search, pausing every CHECK_EVERY nodes (pacing.ts runs it). */
export function* searchingHashed(
  model: Model,
  monitors: readonly Monitor<unknown>[],
  options: HashedSearchOptions,
): Generator<void, HashedSearchResult> {
  const { limits, reduction, symmetry } = options;
  const maxDepth = limits.maxDepth ?? Number.POSITIVE_INFINITY;
  const maxStates = limits.maxStates ?? Number.POSITIVE_INFINITY;
  const budget = new MemoryBudget(memoryLimit(limits.maxMemoryMiB));
  const checkpoints = new Checkpoints(budget, options.progress, options.signal);
  const width = model.width;
  // With monitors, a node is a model state and a combination of monitor states (product.ts).
  const m = monitors.length === 0 ? 0 : 1;
  const nodeWidth = width + m;
  // A frontier entry: the node's words, then (for the first node of its model state) the state's
  // orbit size, else 0.
  const entry = nodeWidth + 1;
  const product = new MonitorProduct(monitors);
  const tally = new FigureTally(model);
  const coverage = new Coverage(model);
  const observed = new PackedObservation(model);
  const found: ({ reason: string; depth: number } | undefined)[] = monitors.map(() => undefined);
  let stop: StopReason = "exhausted";
  let generated = 0;

  const hash = new Int32Array(2);
  const to = new Int32Array(width);
  const node = new Int32Array(entry);
  const nodeU = new Uint32Array(node.buffer);
  const steps: Step[] = [];
  let chosen = new Uint8Array(64);
  let frontier: Frontier | undefined;
  let nodes: HashedSet | undefined;
  let models: HashedSet | undefined;
  let depth = 0;

  try {
    frontier = new Frontier(entry, budget);
    nodes = hashedSet(options.store, budget, limits.maxStates);
    models = m === 0 ? nodes : hashedSet(options.store, budget, limits.maxStates);
    node.set(model.codec.encode(model.initial));
    const initialOrbit = symmetry?.orbitSize(symmetry.canonicalize(node, 0)) ?? 1;
    if (m > 0) node[width] = product.initial(model.initial);
    node[nodeWidth] = 1;
    hashState(nodeU, 0, width, hash);
    models.insert(hash[0] as number, hash[1] as number);
    if (m > 0) {
      hashState(nodeU, 0, nodeWidth, hash);
      nodes.insert(hash[0] as number, hash[1] as number);
    }
    tally.stored(nodeU, 0, 0, initialOrbit);
    frontier.push(nodeU, 0);
    frontier.advance();
    let expanded = 0;
    levels: for (; frontier.length > 0; depth++) {
      const level = new Int32Array(frontier.current.buffer, 0, frontier.length * entry);
      for (let i = 0; i < frontier.length; i++) {
        const base = i * entry;
        const from = level.subarray(base, base + width);
        // The first node of its model state carries the state's orbit size (1 without symmetry).
        const orbit = level[base + nodeWidth] as number;
        const first = orbit > 0;
        clear(steps);
        model.enabled(from, steps);
        if (depth >= maxDepth) {
          if (steps.length > 0) stop = "max-depth";
          if (first) tally.visited(steps.length, 0, orbit);
          continue;
        }
        if (reduction !== undefined) {
          if (chosen.length < steps.length) chosen = new Uint8Array(2 * steps.length);
          reduction.choose(from, steps, chosen);
        }
        observed.leave(from);
        let explored = 0;
        for (let k = 0; k < steps.length; k++) {
          if (reduction !== undefined && chosen[k] === 0) continue;
          explored++;
          const step = steps[k] as Step;
          if (first) coverage.count(step, orbit);
          const events = model.apply(from, step, to);
          // The node stores the successor's representative; monitors see `to` itself.
          node.set(to);
          const weight = symmetry?.orbitSize(symmetry.canonicalize(node, 0)) ?? 1;
          hashState(nodeU, 0, width, hash);
          let newModel = !models.has(hash[0] as number, hash[1] as number);
          if (newModel) {
            if (models.count >= maxStates) {
              stop = "max-states";
              continue;
            }
            models.insert(hash[0] as number, hash[1] as number);
            tally.stored(nodeU, 0, depth + 1, weight);
          }
          if (m === 0) {
            generated++;
            if (!newModel) continue;
            node[nodeWidth] = weight;
            frontier.push(nodeU, 0);
            continue;
          }
          observed.observe(step, to, events);
          const nexts = product.advance(level[base + width] as number, observed);
          for (const { monitor, reason } of product.violations)
            found[monitor] ??= { reason, depth: depth + 1 };
          for (const combination of nexts) {
            generated++;
            node[width] = combination;
            hashState(nodeU, 0, nodeWidth, hash);
            if (!nodes.insert(hash[0] as number, hash[1] as number)) continue;
            node[nodeWidth] = newModel ? weight : 0;
            newModel = false;
            frontier.push(nodeU, 0);
          }
        }
        if (first) tally.visited(steps.length, explored, orbit);
        if (++expanded % CHECK_EVERY !== 0) continue;
        yield;
        const queued = frontier.length - i - 1 + frontier.queued;
        const halt = checkpoints.check({
          phase: "explore",
          states: (models as HashedSet).count,
          queue: queued,
          depth,
        });
        if (halt !== undefined) {
          stop = halt;
          break levels;
        }
      }
      frontier.advance();
    }
  } catch (error) {
    if (!(error instanceof OutOfMemoryBudget)) throw error;
    stop = "max-memory";
  }
  const storeFigures = figuresOf(options.store, nodes, generated, budget.peak);
  const stored = models?.count ?? 0;
  frontier = undefined;
  models = undefined;
  nodes = undefined;
  const { violations, unrebuilt } = rebuildRuns(model, monitors, found, options);
  return {
    figures: tally.figures(),
    violations,
    unrebuilt,
    stop,
    nodes: storeFigures.stored,
    stored,
    coverage: coverage.rows(),
    store: storeFigures.figures,
  };
}

function hashedSet(store: HashedStore, budget: MemoryBudget, expected: number | undefined): HashedSet {
  if (store.mode === "fingerprint") return new FingerprintSet(budget, Math.min(expected ?? 0, 2 ** 27));
  return new BitstateSet(budget, store.log2Bits ?? 28, store.hashes ?? 3);
}

function figuresOf(
  store: HashedStore,
  nodes: HashedSet | undefined,
  generated: number,
  peakBytes: number,
): { figures: StoreFigures; stored: number } {
  const stored = nodes?.count ?? 0;
  if (nodes instanceof BitstateSet) {
    const bitstate = {
      bits: nodes.size,
      hashes: nodes.hashes,
      hashFactor: stored === 0 ? nodes.size : nodes.size / stored,
      fill: nodes.fill(),
      expectedMissed: nodes.expectedMissed,
    };
    return { figures: { mode: store.mode, peakBytes, bitstate }, stored };
  }
  const collisionProbability = (stored * Math.max(0, generated + 1 - stored)) / 2 ** 64;
  return { figures: { mode: store.mode, peakBytes, collisionProbability }, stored };
}

/**
 * The shortest runs to the violations found, by the exact search of the violated properties'
 * monitors bounded to the deepest of their depths (a collision can only hide states, so the exact
 * search finds each at that depth or sooner). A run it cannot rebuild within the memory budget is
 * reported without one.
 */
function rebuildRuns(
  model: Model,
  monitors: readonly Monitor<unknown>[],
  found: readonly ({ reason: string; depth: number } | undefined)[],
  options: HashedSearchOptions,
): { violations: (FoundViolation | undefined)[]; unrebuilt: UnrebuiltViolation[] } {
  const violated = found.flatMap((f, j) => (f === undefined ? [] : [j]));
  const violations: (FoundViolation | undefined)[] = monitors.map(() => undefined);
  if (violated.length === 0) return { violations, unrebuilt: [] };
  const depth = Math.max(...violated.map((j) => found[j]?.depth ?? 0));
  const exact = search(
    model,
    violated.map((j) => monitors[j] as Monitor<unknown>),
    {
      limits: { maxDepth: depth, maxMemoryMiB: options.limits.maxMemoryMiB },
      reduction: options.reduction,
      symmetry: options.symmetry,
    },
  );
  const unrebuilt: UnrebuiltViolation[] = [];
  violated.forEach((j, i) => {
    const run = exact.violations[i];
    if (run !== undefined) violations[j] = run;
    else unrebuilt.push({ monitor: j, reason: found[j]?.reason ?? "", depth: found[j]?.depth ?? depth });
  });
  return { violations, unrebuilt };
}
