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
import { FingerprintSet, NEW } from "./fingerprint-set.js";
import { Frontier } from "./frontier.js";
import { hashState } from "./hash.js";
import type { StopReason } from "./limits.js";
import { FigureTally } from "./model-figures.js";
import { PackedObservation } from "./observation.js";
import { CHECK_EVERY, Checkpoints } from "./pacing.js";
import { MonitorProduct, NO_MONITORS } from "./product.js";
import type { Monitor } from "./property.js";
import { memoryLimit, search } from "./search.js";
import type { FoundViolation, SearchBounds, SearchOutcome } from "./search-contract.js";
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

export interface HashedSearchOptions extends SearchBounds {
  readonly store: HashedStore;
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

/** The hashed search, pausing every CHECK_EVERY nodes (pacing.ts runs it). */
export function* searchingHashed(
  model: Model,
  monitors: readonly Monitor<unknown>[],
  options: HashedSearchOptions,
): Generator<void, HashedSearchResult> {
  const budget = new MemoryBudget(memoryLimit(options.limits.maxMemoryMiB));
  const checkpoints = new Checkpoints(budget, options.progress, options.signal);
  const search = new HashedSearch(model, monitors, options, budget);
  try {
    search.start();
    let expanded = 0;
    levels: for (; search.level > 0; search.nextLevel()) {
      for (let i = 0; i < search.level; i++) {
        search.expand(i);
        if (++expanded % CHECK_EVERY !== 0) continue;
        yield;
        const halt = checkpoints.check({
          phase: "explore",
          states: search.states,
          queue: search.level - i - 1 + search.queued,
          depth: search.depth,
        });
        if (halt !== undefined) {
          search.stop = halt;
          break levels;
        }
      }
    }
  } catch (error) {
    if (!(error instanceof OutOfMemoryBudget)) throw error;
    search.stop = "max-memory";
  }
  const searched = search.result(budget.peak);
  const { violations, unrebuilt } = rebuildRuns(model, monitors, search.found, options);
  return { ...searched, violations, unrebuilt };
}

/**
 * The hashed search by levels. A frontier row is a node: the model state's words (its
 * representative's under symmetry), its combination of monitor states (with monitors), and, for
 * the first node of its model state, the state's orbit size (1 without symmetry), else 0. With
 * fingerprints, a model state's fingerprint carries its first node's combination, so the common
 * case costs one probe, and its other nodes are fingerprints of (words, combination) in `extra`;
 * bitstate keeps model states and nodes in two bit arrays.
 */
class HashedSearch {
  stop: StopReason = "exhausted";
  depth = 0;
  /** Per monitor: the reason and depth of its first violation. */
  readonly found: ({ reason: string; depth: number } | undefined)[];
  private readonly width: number;
  /** Fields of a row after the words: the combination (with monitors), then the orbit size. */
  private readonly m: number;
  private readonly maxDepth: number;
  private readonly maxStates: number;
  private readonly product: MonitorProduct;
  private readonly tally: FigureTally;
  private readonly coverage: Coverage;
  private readonly observed: PackedObservation;
  /** What the step being followed wrote over the source's copy (Model.lastEffect), to undo after. */
  private effect = -1;
  private readonly symmetry: ProcessSymmetry | undefined;
  private readonly reduction: StepReduction | undefined;
  private frontier: Frontier | undefined;
  private fingerprints: FingerprintSet | undefined;
  private extra: FingerprintSet | undefined;
  private modelBits: BitstateSet | undefined;
  private nodeBits: BitstateSet | undefined;
  private generated = 0;
  private readonly hash = new Int32Array(2);
  private readonly row: Int32Array;
  private readonly rowU: Uint32Array;
  private readonly stored: Int32Array;
  private readonly to: Int32Array;
  private readonly fromRow: Int32Array;
  private readonly from: Int32Array;
  private readonly steps: Step[] = [];
  private chosen = new Uint8Array(64);

  constructor(
    private readonly model: Model,
    monitors: readonly Monitor<unknown>[],
    private readonly options: HashedSearchOptions,
    private readonly budget: MemoryBudget,
  ) {
    const { limits } = options;
    this.width = model.width;
    this.m = monitors.length === 0 ? 0 : 1;
    this.maxDepth = limits.maxDepth ?? Number.POSITIVE_INFINITY;
    this.maxStates = limits.maxStates ?? Number.POSITIVE_INFINITY;
    this.found = monitors.map(() => undefined);
    this.symmetry = options.symmetry;
    this.reduction = options.reduction;
    this.product = new MonitorProduct(monitors);
    const { width, m } = this;
    this.row = new Int32Array(width + m + 1);
    this.rowU = new Uint32Array(this.row.buffer);
    this.stored = this.row.subarray(0, width);
    this.to = this.symmetry === undefined ? this.stored : new Int32Array(width);
    this.fromRow = new Int32Array(width + m + 1);
    this.from = this.fromRow.subarray(0, width);
    this.tally = new FigureTally(model);
    this.coverage = new Coverage(model);
    this.observed = new PackedObservation(model);
  }

  /** Allocates the tables (through the budget) and queues the initial state. */
  start(): void {
    const { model, symmetry, stored, width, m, product, budget } = this;
    const { limits, store } = this.options;
    const expected = Math.min(limits.maxStates ?? 0, 2 ** 28);
    if (store.mode === "fingerprint") {
      this.fingerprints = new FingerprintSet(budget, expected, m > 0);
      if (m > 0) this.extra = new FingerprintSet(budget, 0);
    } else {
      this.modelBits = new BitstateSet(budget, store.log2Bits ?? 28, store.hashes ?? 3);
      if (m > 0) this.nodeBits = new BitstateSet(budget, store.log2Bits ?? 28, store.hashes ?? 3);
    }
    const largestOrbit = symmetry?.order ?? 1;
    this.frontier = new Frontier(
      width + m + 1,
      (out) => {
        model.fieldBounds(out);
        if (m > 0) out[width] = product.bound;
        out[width + m] = largestOrbit + 1;
      },
      budget,
    );
    stored.set(model.codec.encode(model.initial));
    const orbit = symmetry?.orbitSize(symmetry.canonicalize(stored, 0)) ?? 1;
    const combination = m > 0 ? product.initial(model.initial) : 0;
    hashState(this.rowU, 0, width, this.hash);
    const h1 = this.hash[0] as number;
    const h2 = this.hash[1] as number;
    if (this.fingerprints !== undefined) this.fingerprints.insert(h1, h2, combination);
    else {
      this.modelBits?.insert(h1, h2);
      if (m > 0) this.newNode(combination);
    }
    this.tally.stored(stored, 0, 0, orbit);
    this.push(combination, orbit);
    this.frontier.advance();
  }

  /** Rows in the level being expanded. */
  get level(): number {
    return this.frontier?.length ?? 0;
  }

  /** Rows queued for the next level. */
  get queued(): number {
    return this.frontier?.queued ?? 0;
  }

  /** Model states stored so far. */
  get states(): number {
    return (this.fingerprints ?? this.modelBits)?.count ?? 0;
  }

  nextLevel(): void {
    this.frontier?.advance();
    this.depth++;
  }

  /** Expands row i of the level. */
  expand(i: number): void {
    const { model, width, m, from, steps, reduction } = this;
    this.frontier?.read(i, this.fromRow);
    // The first node of its model state carries the state's orbit size (1 without symmetry).
    const orbit = this.fromRow[width + m] as number;
    const first = orbit > 0;
    const combination = this.fromRow[width] as number;
    clear(steps);
    model.enabled(from, steps);
    if (this.depth >= this.maxDepth) {
      if (steps.length > 0) this.stop = "max-depth";
      if (first) this.tally.visited(steps.length, 0, orbit);
      return;
    }
    if (reduction !== undefined) {
      if (this.chosen.length < steps.length) this.chosen = new Uint8Array(2 * steps.length);
      reduction.choose(from, steps, this.chosen);
    }
    if (m > 0) this.observed.leave(from);
    // Each successor is written over a copy of the source and undone after (Model.applyOver); a
    // loop, as in Model.apply: for a few words TypedArray.set's call costs more than the copy.
    for (let i = 0; i < width; i++) this.to[i] = from[i] as number;
    let explored = 0;
    for (let k = 0; k < steps.length; k++) {
      if (reduction !== undefined && this.chosen[k] === 0) continue;
      explored++;
      if (first) this.coverage.count(steps[k] as Step, orbit);
      this.successor(steps[k] as Step, combination);
      model.restore(from, this.to, this.effect);
    }
    if (first) this.tally.visited(steps.length, explored, orbit);
  }

  /** The successor by `step` of the node being expanded (whose combination is `combination`). */
  private successor(step: Step, combination: number): void {
    const { model, width, m, to, stored, hash, symmetry } = this;
    const events = model.applyOver(this.from, step, to);
    // Taken now: a violation's run, rebuilt below, applies steps of its own.
    this.effect = model.lastEffect;
    // The row stores the successor's representative; monitors see `to` itself.
    let weight = 1;
    if (symmetry !== undefined) {
      stored.set(to);
      weight = symmetry.orbitSize(symmetry.canonicalize(stored, 0));
    }
    let nexts = NO_MONITORS;
    if (m > 0) {
      this.observed.observe(step, to, events, model.wroteSnapshot);
      nexts = this.product.advance(combination, this.observed);
      for (const { monitor, reason } of this.product.violations)
        this.found[monitor] ??= { reason, depth: this.depth + 1 };
    }
    hashState(this.rowU, 0, width, hash);
    const known = this.visitModel(hash[0] as number, hash[1] as number, nexts[0] as number);
    if (known === LIMITED) {
      this.stop = "max-states";
      return;
    }
    if (known === NEW) this.tally.stored(stored, 0, this.depth + 1, weight);
    if (m === 0) {
      // Without monitors a node is its model state.
      this.generated++;
      if (known === NEW) this.push(0, weight);
      return;
    }
    for (let c = 0; c < nexts.length; c++) {
      const next = nexts[c] as number;
      this.generated++;
      if (c === 0 && known === NEW) {
        // A bit array keeps nodes apart from model states: the first node goes in too.
        if (this.nodeBits !== undefined) this.newNode(next);
        this.push(next, weight);
      }
      // A node the model state's record names, or one its first node covers (MonitorProduct.covers:
      // a fingerprint keeps the first node's combination, a bit array none), needs nothing more.
      else if (next !== known && !(known >= 0 && this.product.covers(known, next)) && this.newNode(next))
        this.push(next, 0);
    }
  }

  /**
   * Remembers the model state of hash (h1, h2), its first node having combination `first`:
   * returns NEW if it is new, LIMITED if it is new but the limit on states keeps it out, else the
   * combination its first node had (UNKNOWN_FIRST in a bit array).
   */
  private visitModel(h1: number, h2: number, first: number): number {
    const room = this.states < this.maxStates;
    if (this.fingerprints !== undefined) {
      if (room) return this.fingerprints.insert(h1, h2, first);
      const known = this.fingerprints.find(h1, h2);
      return known === NEW ? LIMITED : known;
    }
    const bits = this.modelBits as BitstateSet;
    if (bits.has(h1, h2)) return UNKNOWN_FIRST;
    if (!room) return LIMITED;
    bits.insert(h1, h2);
    return NEW;
  }

  /** Is the node (the row's words, `combination`) new? Remembers it. */
  private newNode(combination: number): boolean {
    const { row, width, hash } = this;
    row[width] = combination;
    hashState(this.rowU, 0, width + 1, hash);
    if (this.extra !== undefined) return this.extra.insert(hash[0] as number, hash[1] as number) === NEW;
    return (this.nodeBits as BitstateSet).insert(hash[0] as number, hash[1] as number);
  }

  /** Queues the row's words with `combination`, and the orbit size of a first node (else 0). */
  private push(combination: number, orbit: number): void {
    if (this.m > 0) this.row[this.width] = combination;
    this.row[this.width + this.m] = orbit;
    this.frontier?.push(this.row);
  }

  /** The search's figures and its store's; the tables are let go. */
  result(peakBytes: number): Omit<HashedSearchResult, "violations" | "unrebuilt"> {
    const mode = this.options.store.mode;
    const nodes = this.states + (this.extra?.count ?? 0);
    const bits = this.nodeBits ?? this.modelBits;
    const result = {
      figures: this.tally.figures(),
      stop: this.stop,
      nodes: this.nodeBits?.count ?? nodes,
      stored: this.states,
      coverage: this.coverage.rows(),
      store:
        bits === undefined
          ? {
              mode,
              peakBytes,
              collisionProbability: (nodes * Math.max(0, this.generated + 1 - nodes)) / 2 ** 64,
            }
          : { mode, peakBytes, bitstate: bitstateFigures(bits) },
    };
    this.frontier = undefined;
    this.fingerprints = undefined;
    this.extra = undefined;
    this.modelBits = undefined;
    this.nodeBits = undefined;
    return result;
  }
}

/** A new model state the limit on states keeps out. */
const LIMITED = -2;
/** A known model state whose first node's combination is not recorded (a bit array). */
const UNKNOWN_FIRST = -3;

/** SPIN's figures of a bit array. */
function bitstateFigures(bits: BitstateSet): NonNullable<StoreFigures["bitstate"]> {
  return {
    bits: bits.size,
    hashes: bits.hashes,
    hashFactor: bits.count === 0 ? bits.size : bits.size / bits.count,
    fill: bits.fill(),
    expectedMissed: bits.expectedMissed,
  };
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
