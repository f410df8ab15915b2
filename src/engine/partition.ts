/**
 * One worker's share of the parallel breadth-first search (parallel.ts): the states it owns — those
 * whose hash lane 1 is its index modulo the number of workers — in its own exact or fingerprint
 * table, searched one BFS level per `round`. A round first absorbs the successors other workers
 * found for it during the previous level (deduplicated against its table like its own), then
 * expands its states of the current level with the compiled kernel: a successor it owns is
 * deduplicated at once and queued for the next level; any other goes, with its two hash lanes, to
 * the outbox of its owner, which the coordinator hands over before the next round.
 *
 * Why the counts are exactly the sequential engine's: ownership is a function of the packed words,
 * so every state has one owner and is deduplicated against one table — each distinct state is
 * stored once, by one worker; rounds are levels, and a worker absorbs every successor of level d
 * before it expands level d + 1, so a state is stored at the first level it is generated, its
 * shortest distance. Each stored state is expanded once, by its owner, at its level, exactly as in
 * explore.ts (counted and judged by the same tally.ts, expanded only below the depth bound), so the sums over workers
 * of transitions, complete snapshots and deadlocks are the sequential ones, and the first violation
 * a worker finds is one of the shallowest of its partition.
 *
 * No allocation in the hot loop beyond the sequential engine's: outboxes are flat Uint32Arrays
 * grown by doubling through the memory budget.
 */
import { Topology } from "../model/topology.js";
import { allocateOrStop, MemoryBudget, OutOfMemoryBudget } from "./budget.js";
import type { EngineModel } from "./config.js";
import { ExactSet } from "./exact-set.js";
import { FingerprintSet } from "./fingerprint-set.js";
import { Frontier } from "./frontier.js";
import { hashState } from "./hash.js";
import { compileKernel, type Kernel, type SuccessorSink } from "./kernel.js";
import { Layout } from "./layout.js";
import { Transitions } from "./successors.js";
import { Symmetry } from "./symmetry.js";
import { type FoundState, Tally } from "./tally.js";

/** What a worker needs to search its partition (structured-cloneable: the topology as plain links). */
export interface PartitionSetup {
  readonly processes: number;
  readonly links: readonly { readonly from: number; readonly to: number }[];
  readonly channels: EngineModel["channels"];
  readonly balances: readonly number[];
  readonly initiators: readonly number[];
  readonly mode: "exact" | "fingerprint";
  /** Store one state per orbit of interchangeable processes (symmetry.ts), counting each by its size. */
  readonly symmetry: boolean;
  readonly maxDepth: number | undefined;
  readonly maxMemoryBytes: number;
  readonly expectedStates: number;
  readonly index: number;
  readonly workers: number;
}

/** Packed states for another worker: `length` words of records [hash lane 0, hash lane 1, words…]. */
export interface Batch {
  readonly buffer: ArrayBuffer;
  readonly length: number;
}

/** A worker's figures after a round (counters are cumulative), and its outboxes by owner. */
export interface RoundReport {
  /** States of the level just expanded. */
  readonly level: number;
  /** States (under symmetry: orbits) stored. */
  readonly stored: number;
  /** States expanded, each orbit counted by its size under symmetry. */
  readonly states: number;
  /** Successors generated (for the fingerprint collision estimate). */
  readonly generated: number;
  readonly transitions: number;
  readonly completeSnapshots: number;
  readonly deadlocks: number;
  readonly peakBytes: number;
  /** Seconds this worker spent in rounds (absorbing and expanding), not waiting at the barrier. */
  readonly busySeconds: number;
  /** A state at the depth bound had enabled steps. */
  readonly depthCut: boolean;
  /** The memory budget refused a growth: the round was cut short. */
  readonly outOfMemory: boolean;
  readonly conservation: FoundState | undefined;
  readonly stuck: FoundState | undefined;
  /** outboxes[w]: the successors owned by worker w (empty for this worker; none after outOfMemory). */
  readonly outboxes: readonly Batch[];
}

export class Partition implements SuccessorSink {
  private readonly t: Transitions;
  private readonly kernel: Kernel;
  private readonly symmetry: Symmetry | undefined;
  private readonly ws: number;
  private readonly maxDepth: number;
  private readonly budget: MemoryBudget;
  private readonly child: Uint32Array;
  private readonly hash = new Int32Array(2);
  private exact: ExactSet | undefined;
  private fingerprints: FingerprintSet | undefined;
  private frontier: Frontier | undefined;
  private outboxes: Outbox[] | undefined;
  /** Exact mode: the ids of the level to expand next start here. */
  private levelStart = 0;
  private depth = 0;
  private generated = 0;
  private readonly tally: Tally;
  private depthCut = false;
  private busy = 0;

  constructor(private readonly setup: PartitionSetup) {
    const model = engineModelOfSetup(setup);
    const layout = new Layout(model, setup.maxDepth);
    this.t = new Transitions(model, layout);
    this.kernel = compileKernel(this.t);
    this.symmetry = setup.symmetry ? new Symmetry(model, layout) : undefined;
    this.ws = layout.words;
    this.tally = new Tally(setup.balances, this.ws);
    this.maxDepth = setup.maxDepth ?? Number.POSITIVE_INFINITY;
    // A worker's share of the budget: its tables and heap (the resident size is the whole process's).
    this.budget = new MemoryBudget(setup.maxMemoryBytes, false);
    this.child = new Uint32Array(this.ws);
  }

  /** Allocates the tables (in the first round, so that a refusal is reported like any other) and keeps the initial state if owned. */
  private start(): void {
    const { setup, ws } = this;
    const expected = Math.ceil(setup.expectedStates / setup.workers);
    if (setup.mode === "exact") {
      this.exact = new ExactSet(ws, this.budget, expected);
    } else {
      this.fingerprints = new FingerprintSet(this.budget, expected);
      this.frontier = new Frontier(ws, this.budget);
    }
    this.outboxes = Array.from({ length: setup.workers }, () => new Outbox(ws, this.budget));
    this.t.initial(this.child, 0);
    hashState(this.child, 0, ws, this.hash);
    if (this.owner() === setup.index)
      this.keep(this.child, 0, this.hash[0] as number, this.hash[1] as number);
  }

  /** Absorbs `incoming` (this worker's states of the current level found by others), then expands the level. */
  round(incoming: readonly Batch[]): RoundReport {
    const started = performance.now();
    let level = 0;
    let outOfMemory = false;
    let outboxes: Batch[] = [];
    try {
      if (this.outboxes === undefined) this.start();
      for (const batch of incoming) this.absorb(new Uint32Array(batch.buffer, 0, batch.length));
      level = this.exact !== undefined ? this.expandExact(this.exact) : this.expandFrontier();
      outboxes = (this.outboxes as Outbox[]).map((outbox) => outbox.take());
    } catch (error) {
      if (!(error instanceof OutOfMemoryBudget)) throw error;
      outOfMemory = true;
    }
    this.depth++;
    this.busy += performance.now() - started;
    return {
      level,
      stored: this.exact?.count ?? this.fingerprints?.count ?? 0,
      states: this.tally.states,
      generated: this.generated,
      transitions: this.tally.transitions,
      completeSnapshots: this.tally.completeSnapshots,
      deadlocks: this.tally.deadlocks,
      peakBytes: this.budget.peak,
      busySeconds: this.busy / 1000,
      depthCut: this.depthCut,
      outOfMemory,
      conservation: this.tally.conservation,
      stuck: this.tally.stuck,
      outboxes,
    };
  }

  private absorb(records: Uint32Array): void {
    const stride = this.ws + 2;
    for (let o = 0; o < records.length; o += stride) {
      this.keep(records, o + 2, records[o] as number, records[o + 1] as number);
    }
  }

  private expandExact(exact: ExactSet): number {
    const levelEnd = exact.count;
    for (let id = this.levelStart; id < levelEnd; id++) this.expand(exact.states, id * this.ws);
    const level = levelEnd - this.levelStart;
    this.levelStart = levelEnd;
    return level;
  }

  private expandFrontier(): number {
    const frontier = this.frontier as Frontier;
    frontier.advance();
    const level = frontier.current;
    for (let i = 0; i < frontier.length; i++) this.expand(level, i * this.ws);
    return frontier.length;
  }

  /** Routes the successors of the state at `src[offset..]`, then counts and judges it (tally.ts), as explore.ts does. */
  private expand(src: Uint32Array, offset: number): void {
    const kernel = this.kernel;
    const weight = this.symmetry === undefined ? 1 : this.symmetry.orbitSize(src, offset);
    const expanded = this.depth < this.maxDepth;
    let enabled: number;
    if (!expanded) {
      enabled = kernel.enabled(src, offset);
      if (enabled > 0) this.depthCut = true;
    } else {
      enabled = kernel.expand(src, offset, this.child, this);
    }
    this.tally.count(src, offset, kernel.status(src, offset), enabled, expanded, weight, this.depth, -1);
  }

  /** Takes the successor in `child`: kept if this worker owns it, else sent to its owner. */
  visit(): void {
    this.generated++;
    this.symmetry?.canonicalize(this.child, 0);
    hashState(this.child, 0, this.ws, this.hash);
    const h1 = this.hash[0] as number;
    const h2 = this.hash[1] as number;
    const owner = this.owner();
    if (owner === this.setup.index) this.keep(this.child, 0, h1, h2);
    else ((this.outboxes as Outbox[])[owner] as Outbox).push(h1, h2, this.child);
  }

  /** The owner of the state whose hash is in `hash`. */
  private owner(): number {
    return ((this.hash[1] as number) >>> 0) % this.setup.workers;
  }

  /** Stores the owned state at `src[offset..]` (hash lanes h1, h2) for the next level if it is new. */
  private keep(src: Uint32Array, offset: number, h1: number, h2: number): void {
    if (this.exact !== undefined) {
      this.exact.insert(src, offset, h1);
    } else if ((this.fingerprints as FingerprintSet).insert(h1, h2)) {
      (this.frontier as Frontier).push(src, offset);
    }
  }
}

/** The engine model described by `setup`. */
function engineModelOfSetup(setup: PartitionSetup): EngineModel {
  return {
    topology: new Topology(setup.processes, setup.links),
    channels: setup.channels,
    balances: setup.balances,
    initiators: setup.initiators,
  };
}

/** Records [hash lane 0, hash lane 1, words…] bound for one worker, in a buffer that doubles. */
class Outbox {
  private data: Uint32Array;
  private length = 0;

  constructor(
    private readonly ws: number,
    private readonly budget: MemoryBudget,
  ) {
    this.data = this.allocate(1024 * (ws + 2));
  }

  push(h1: number, h2: number, src: Uint32Array): void {
    const ws = this.ws;
    if (this.length + ws + 2 > this.data.length) {
      const bigger = this.allocate(this.data.length * 2);
      bigger.set(this.data);
      this.budget.release(this.data);
      this.data = bigger;
    }
    const data = this.data;
    let at = this.length;
    data[at++] = h1;
    data[at++] = h2;
    for (let i = 0; i < ws; i++) data[at++] = src[i] as number;
    this.length = at;
  }

  /** The records so far, as a batch to transfer (its buffer leaves this worker); starts a new buffer. */
  take(): Batch {
    if (this.length === 0) return { buffer: new ArrayBuffer(0), length: 0 };
    const batch = { buffer: this.data.buffer as ArrayBuffer, length: this.length };
    this.budget.release(this.data);
    this.data = this.allocate(Math.max(1024 * (this.ws + 2), this.length));
    this.length = 0;
    return batch;
  }

  private allocate(length: number): Uint32Array {
    return allocateOrStop(this.budget, Uint32Array, length, "an outbox");
  }
}
