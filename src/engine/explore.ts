/**
 * The compact engine's breadth-first search over packed states. Statistics
 * mean exactly what the packed engine's mean (README, "Statistics"; src/engine/check.ts):
 * distinct states within the bound; transitions = every (state, enabled step) pair of the expanded
 * states, into new states or not; max depth = the largest shortest distance; complete snapshots and
 * deadlocks (no enabled step, at the depth bound too) counted over the distinct states. A state at
 * the depth bound is counted but not expanded, as in the packed engine.
 *
 * Verdicts are decided from the packed state as it is expanded (tally.ts, shared with the parallel
 * search; so the first one found is a shortest): conservation, and termination's stuck case (fair
 * cycles, the other half of termination, need the state graph: termination.ts checks them after
 * the search, on the graph graph.ts builds from the stored states).
 *
 * The hot loop allocates nothing: a state is unpacked once into a scratch array, each successor is
 * written into one scratch buffer, hashed and looked up; only new states are copied (into the
 * exact store, or the fingerprint/bitstate frontier). Exceptions are used only to leave the loop
 * when the memory budget refuses a table growth.
 */

import type { SearchFigures, StopReason } from "../engine/limits.js";
import { ConfigError } from "../errors.js";
import type { GlobalState, Step } from "../model/types.js";
import { BitstateSet } from "./bitstate-set.js";
import { MemoryBudget, OutOfMemoryBudget } from "./budget.js";
import type { EngineMode, EngineModel, EngineOptions, EngineProgress } from "./config.js";
import { decodeState, decodeStep } from "./decode.js";
import { ExactSet } from "./exact-set.js";
import { FingerprintSet } from "./fingerprint-set.js";
import { Frontier } from "./frontier.js";
import { ExactSpace } from "./graph.js";
import { hashState } from "./hash.js";
import { compileKernel, type Kernel, type SuccessorSink } from "./kernel.js";
import { Layout } from "./layout.js";
import { PersistentSets } from "./partial-order.js";
import { Transitions } from "./successors.js";
import { Symmetry } from "./symmetry.js";
import { type FoundState, Tally } from "./tally.js";

export interface EngineStats extends SearchFigures {
  /** Words (32-bit) per packed state. */
  readonly wordsPerState: number;
  /** The most bytes the engine's typed arrays held at once (tables, store, frontier). */
  readonly peakBytes: number;
  /** peakBytes / distinctStates. */
  readonly bytesPerState: number;
}

/** A state violating a property, found at its shortest distance `depth` from the initial state. */
export interface EngineViolation {
  readonly reason: string;
  readonly depth: number;
  readonly state: GlobalState;
  /**
   * A shortest run to it, in exact mode (`states[k+1]` is the state after `steps[k]`); absent in
   * fingerprint and bitstate modes, which keep no parent links.
   */
  readonly path?: { readonly steps: readonly Step[]; readonly states: readonly GlobalState[] } | undefined;
  /** For a lasso (a fair cycle): the index in `path.states` where the loop starts; the last state equals it. */
  readonly loop?: number | undefined;
}

export interface EngineVerdict {
  readonly holds: boolean;
  /** False when the search was cut short (depth, states or memory bound, or states possibly missed). */
  readonly complete: boolean;
  readonly violation?: EngineViolation | undefined;
}

export interface EngineResult {
  readonly mode: EngineMode;
  readonly stats: EngineStats;
  /** S* holds the total money whenever a snapshot completes. */
  readonly conservation: EngineVerdict;
  /** No reachable deadlock leaves the snapshot initiated but incomplete (termination's stuck case). */
  readonly noStuckSnapshot: EngineVerdict;
  /**
   * Fingerprint mode: TLC's "optimistic" estimate of the probability that a fingerprint collision
   * hid a state, n·(g − n)/2^64 with n distinct states and g states generated (transitions + 1).
   */
  readonly fingerprint?: { readonly collisionProbability: number } | undefined;
  /**
   * With the symmetry option: the number of permutations of processes exploited (1 = none apply)
   * and the orbits stored. Without partial-order reduction the statistics are still those of the
   * unreduced search (symmetry.ts says why); paths are concrete runs of the model.
   */
  readonly symmetry?: { readonly order: number; readonly orbits: number } | undefined;
  /**
   * With partial-order reduction (partial-order.ts): the statistics are those of the reduced
   * search; how many expanded states took a persistent set, and how many were fully expanded
   * (no persistent set, or one whose successors had been met already: the cycle proviso).
   */
  readonly partialOrder?: { readonly reducedStates: number; readonly fullyExpanded: number } | undefined;
  /**
   * Exact mode without reductions, unless memory stopped the search: the stored states, from which
   * the state graph is built after the search (graph.ts) for termination's fair cycles and exports.
   */
  readonly space?: ExactSpace | undefined;
  /** Bitstate mode: SPIN-style figures of how much of the space may have been missed. */
  readonly bitstate?:
    | {
        readonly bits: number;
        readonly hashes: number;
        /** Bits per stored state (SPIN's "hash factor"; above ~100, misses are rare). */
        readonly hashFactor: number;
        /** Fraction of the bits set at the end. */
        readonly fill: number;
        /** Chance that a new state met at the end is taken for a visited one: fill^k. */
        readonly falsePositiveRate: number;
        /** Estimated states missed: the sum, over stored states, of fill^k when each was stored. */
        readonly expectedMissed: number;
      }
    | undefined;
}

const PROGRESS_EVERY = 4096;

/** Explores the reference model `model` breadth-first with the compact engine. */
export function exploreCompact(model: EngineModel, options: EngineOptions = {}): EngineResult {
  return new Search(model, options).run();
}

class Search implements SuccessorSink {
  private readonly started = performance.now();
  private readonly mode: EngineMode;
  private readonly layout: Layout;
  private readonly t: Transitions;
  private readonly kernel: Kernel;
  private readonly symmetry: Symmetry | undefined;
  private readonly partialOrder: boolean;
  private readonly persistentSets: PersistentSets | undefined;
  private readonly ws: number;
  private readonly maxDepth: number;
  private readonly maxStates: number;
  private readonly budget: MemoryBudget;
  private readonly child: Uint32Array;
  private readonly hash = new Int32Array(2);
  private exact: ExactSet | undefined;
  private fingerprints: FingerprintSet | undefined;
  private bits: BitstateSet | undefined;
  private frontier: Frontier | undefined;
  private stored = 0;
  /** The figures and first violations of the expanded states (under symmetry: of their orbits). */
  private readonly tally: Tally;
  /** Successors generated (the fingerprint collision estimate's g − 1). */
  private generated = 0;
  /** Partial-order reduction: expanded states that took a persistent set, or all their steps. */
  private reducedStates = 0;
  private fullyExpanded = 0;
  /**
   * Set by `visit` when a successor had been stored already (the cycle proviso's test): in exact
   * mode only one no deeper than the state expanded — the ids below `nextLevel` — since an edge
   * into the next level cannot close a cycle by itself; other modes cannot tell depths apart.
   */
  private revisited = false;
  /** Exact mode: the first id of the next BFS level. */
  private nextLevel = 1;
  private deepest = 0;
  private expanded = 0;
  private stop: StopReason = "exhausted";
  private nextReport: number;
  private readonly progressInterval: number;
  private depth = 0;
  /** Exact mode: the id of the state being expanded (the parent of the successors visited). */
  private expanding = -1;

  constructor(
    readonly model: EngineModel,
    readonly options: EngineOptions,
  ) {
    this.mode = options.mode ?? "exact";
    this.maxDepth = checkedCount("maxDepth", options.maxDepth) ?? Number.POSITIVE_INFINITY;
    this.maxStates = checkedCount("maxStates", options.maxStates) ?? Number.POSITIVE_INFINITY;
    this.layout = new Layout(model, options.maxDepth);
    this.t = new Transitions(model, this.layout);
    this.kernel = compileKernel(this.t);
    this.symmetry = options.symmetry === true ? new Symmetry(model, this.layout) : undefined;
    this.partialOrder = options.partialOrder === true;
    this.persistentSets = this.partialOrder ? new PersistentSets(model, this.layout) : undefined;
    this.ws = this.layout.words;
    this.tally = new Tally(model.balances, this.ws);
    this.budget = new MemoryBudget(checkedCount("maxMemoryBytes", options.maxMemoryBytes));
    this.child = new Uint32Array(this.ws);
    this.progressInterval = checkedCount("progressIntervalMs", options.progressIntervalMs) ?? 1000;
    this.nextReport = this.started + this.progressInterval;
  }

  run(): EngineResult {
    try {
      this.t.initial(this.child, 0);
      const expected = checkedCount("expectedStates", this.options.expectedStates) ?? 0;
      if (this.mode === "exact") {
        const exact = new ExactSet(this.ws, this.budget, expected);
        this.exact = exact;
        exact.insert(this.child, 0, this.hashChild());
        exact.parent[0] = -1;
        this.stored = 1;
        this.runExact(exact);
      } else {
        const frontier = new Frontier(this.ws, this.budget);
        this.frontier = frontier;
        if (this.mode === "fingerprint") {
          this.fingerprints = new FingerprintSet(this.budget, expected);
        } else {
          const log2 = checkedRange("bitstateLog2Bits", this.options.bitstateLog2Bits ?? 28, 10, 32);
          const k = checkedRange("bitstateHashes", this.options.bitstateHashes ?? 3, 1, 8);
          this.bits = new BitstateSet(this.budget, log2, k);
        }
        this.hashChild();
        this.remember();
        this.stored = 1;
        frontier.push(this.child, 0);
        this.runLevels(frontier);
      }
    } catch (error) {
      if (!(error instanceof OutOfMemoryBudget)) throw error;
      this.stop = "max-memory";
    }
    return this.result();
  }

  private runExact(exact: ExactSet): void {
    let levelEnd = 1;
    for (let id = 0; id < exact.count; id++) {
      if (id === levelEnd) {
        this.depth++;
        levelEnd = exact.count;
        this.nextLevel = levelEnd;
      }
      this.expand(exact.states, id * this.ws, id);
      if (++this.expanded % PROGRESS_EVERY === 0) this.report(exact.count - id - 1);
    }
  }

  private runLevels(frontier: Frontier): void {
    frontier.advance();
    for (; frontier.length > 0; this.depth++) {
      const level = frontier.current;
      for (let i = 0; i < frontier.length; i++) {
        this.expand(level, i * this.ws, -1);
        if (++this.expanded % PROGRESS_EVERY === 0) this.report(frontier.length - i - 1 + frontier.queued);
      }
      frontier.advance();
    }
  }

  /**
   * Stores the new successors of the state at `src[offset..]` (exact id `id`, or −1), then counts
   * and judges it (tally.ts); under symmetry it stands for its whole orbit in the counts.
   */
  private expand(src: Uint32Array, offset: number, id: number): void {
    const kernel = this.kernel;
    const weight =
      this.symmetry === undefined || this.partialOrder ? 1 : this.symmetry.orbitSize(src, offset);
    const expanded = this.depth < this.maxDepth;
    let enabled: number;
    if (!expanded) {
      enabled = kernel.enabled(src, offset);
      if (enabled > 0 && this.stop === "exhausted") this.stop = "max-depth";
    } else {
      this.expanding = id;
      enabled = this.partialOrder
        ? this.expandReduced(src, offset)
        : kernel.expand(src, offset, this.child, this);
    }
    this.tally.count(src, offset, kernel.status(src, offset), enabled, expanded, weight, this.depth, id);
  }

  /**
   * Partial-order reduction: visits the successors by a persistent set's steps, or by every step
   * when there is none or when one of them had been stored already no deeper than this state —
   * the cycle proviso. A cycle of the reduced graph has an edge that does not go one level down
   * (depths cannot grow all the way round); when its source was expanded, the target was stored
   * already, so that source was fully expanded: every cycle has a fully expanded state and no step
   * is postponed forever. Returns the number of successors visited.
   */
  private expandReduced(src: Uint32Array, offset: number): number {
    const kernel = this.kernel;
    const sets = this.persistentSets as PersistentSets;
    if (!sets.choose(src, offset)) {
      this.fullyExpanded++;
      return kernel.expand(src, offset, this.child, this);
    }
    const chosen = sets.chosen;
    this.revisited = false;
    const visited = kernel.expandSome(src, offset, this.child, this, chosen);
    if (!this.revisited) {
      this.reducedStates++;
      return visited;
    }
    this.fullyExpanded++;
    for (let a = 0; a < chosen.length; a++) chosen[a] = 1 - (chosen[a] as number);
    return visited + kernel.expandSome(src, offset, this.child, this, chosen);
  }

  /** Takes the successor in `child`, reached by step `k` of the state being expanded. */
  visit(k: number): void {
    this.generated++;
    this.symmetry?.canonicalize(this.child, 0);
    const h = this.hashChild();
    if (this.stored >= this.maxStates) {
      this.revisited = true;
      if (!this.known(h) && this.stop === "exhausted") this.stop = "max-states";
      return;
    }
    const exact = this.exact;
    if (exact !== undefined) {
      const created = exact.insert(this.child, 0, h);
      if (created < 0) {
        // The proviso needs only successors at or above this state's depth, ids below nextLevel.
        if (-1 - created < this.nextLevel) this.revisited = true;
        return;
      }
      exact.parent[created] = this.expanding;
      exact.step[created] = k;
    } else {
      if (!this.remember()) {
        this.revisited = true;
        return;
      }
      (this.frontier as Frontier).push(this.child, 0);
    }
    this.stored++;
    this.deepest = this.depth + 1;
  }

  private hashChild(): number {
    hashState(this.child, 0, this.ws, this.hash);
    return this.hash[0] as number;
  }

  /** Fingerprint or bitstate mode: records the child's hash; true if it was new. */
  private remember(): boolean {
    const h1 = this.hash[0] as number;
    const h2 = this.hash[1] as number;
    return this.fingerprints !== undefined
      ? this.fingerprints.insert(h1, h2)
      : (this.bits as BitstateSet).insert(h1, h2);
  }

  private known(h: number): boolean {
    const h2 = this.hash[1] as number;
    if (this.exact !== undefined) return this.exact.has(this.child, 0, h);
    return this.fingerprints !== undefined
      ? this.fingerprints.has(h, h2)
      : (this.bits as BitstateSet).has(h, h2);
  }

  private report(queue: number): void {
    const progress = this.options.progress;
    if (progress === undefined) return;
    const now = performance.now();
    if (now < this.nextReport) return;
    this.nextReport = now + this.progressInterval;
    const seconds = (now - this.started) / 1000;
    const report: EngineProgress = {
      states: this.stored,
      statesPerSecond: Math.round(this.stored / seconds),
      queue,
      depth: this.depth,
      memoryBytes: this.budget.inUse(),
      seconds,
    };
    progress(report);
  }

  private result(): EngineResult {
    const seconds = (performance.now() - this.started) / 1000;
    // Under symmetry alone, every stored orbit was expanded and counted by its size — unless memory
    // stopped the search, whose partial figures then count the orbits stored.
    const weighted = this.symmetry !== undefined && !this.partialOrder && this.stop !== "max-memory";
    const { tally } = this;
    const distinctStates = weighted ? tally.states : this.stored;
    const peakBytes = this.budget.peak;
    const stats: EngineStats = {
      distinctStates,
      transitions: tally.transitions,
      maxDepth: this.deepest,
      completeSnapshots: tally.completeSnapshots,
      deadlocks: tally.deadlocks,
      seconds,
      // The rate of states stored (orbits, under symmetry): the work the engine did.
      statesPerSecond: seconds > 0 ? Math.round(this.stored / seconds) : this.stored,
      stop: this.stop,
      wordsPerState: this.ws,
      peakBytes,
      bytesPerState: this.stored > 0 ? peakBytes / this.stored : 0,
    };
    const complete = this.stop === "exhausted" && this.mode !== "bitstate";
    const verdict = (found: FoundState | undefined): EngineVerdict =>
      found === undefined
        ? { holds: true, complete }
        : { holds: false, complete: true, violation: this.violation(found) };
    const bits = this.bits;
    return {
      mode: this.mode,
      stats,
      conservation: verdict(tally.conservation),
      noStuckSnapshot: verdict(tally.stuck),
      ...(this.fingerprints === undefined
        ? {}
        : {
            fingerprint: {
              collisionProbability: (this.stored * (this.generated + 1 - this.stored)) / 2 ** 64,
            },
          }),
      ...(this.symmetry === undefined
        ? {}
        : { symmetry: { order: this.symmetry.order, orbits: this.stored } }),
      ...(this.partialOrder
        ? { partialOrder: { reducedStates: this.reducedStates, fullyExpanded: this.fullyExpanded } }
        : {}),
      ...(this.exact === undefined ||
      this.symmetry !== undefined ||
      this.partialOrder ||
      this.stop === "max-memory"
        ? {}
        : {
            space: new ExactSpace(
              this.t,
              this.kernel,
              this.exact,
              this.budget,
              this.maxDepth,
              this.tally.transitions,
            ),
          }),
      ...(bits === undefined
        ? {}
        : {
            bitstate: {
              bits: bits.size,
              hashes: bits.hashes,
              hashFactor: bits.size / Math.max(1, bits.count),
              fill: bits.fill(),
              falsePositiveRate: bits.fill() ** bits.hashes,
              expectedMissed: bits.expectedMissed,
            },
          }),
    };
  }

  private violation(found: FoundState): EngineViolation {
    const exact = this.exact;
    if (exact === undefined || found.id < 0) {
      return { reason: found.reason, depth: found.depth, state: decodeState(this.t, found.words, 0) };
    }
    const ids: number[] = [];
    for (let id = found.id; id > 0; id = exact.parent[id] as number) ids.push(id);
    ids.reverse();
    const t = this.t;
    const words = new Uint32Array(this.ws);
    t.initial(words, 0);
    const states = [decodeState(t, words, 0)];
    const steps: Step[] = [];
    for (const id of ids) {
      t.load(words, 0);
      const k = this.stepTo(id, exact);
      steps.push(decodeStep(t, k));
      t.apply(k, words, 0);
      states.push(decodeState(t, words, 0));
    }
    const state = states[states.length - 1] as GlobalState;
    return { reason: found.reason, depth: found.depth, state, path: { steps, states } };
  }

  /**
   * The index of a step of the state loaded in `t` that leads to stored state `id`: its recorded
   * step; under symmetry, the loaded state is only in the orbit of id's parent, so the first step
   * leading into id's orbit.
   */
  private stepTo(id: number, exact: ExactSet): number {
    const symmetry = this.symmetry;
    if (symmetry === undefined) return exact.step[id] as number;
    const next = new Uint32Array(this.ws);
    for (let k = 0; k < this.t.enabled; k++) {
      this.t.apply(k, next, 0);
      symmetry.canonicalize(next, 0);
      if (next.every((w, i) => exact.states[id * this.ws + i] === w)) return k;
    }
    throw new RangeError(`symmetry: no step into the orbit of state ${id}`);
  }
}

/** `value` if it is a non-negative integer (or absent), else a ConfigError naming `field`. */
export function checkedCount(field: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ConfigError(field, `expected a non-negative integer, got ${value}`);
  }
  return value;
}

/** `value` if it is an integer in [min, max], else a ConfigError naming `field`. */
function checkedRange(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(field, `expected an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}
