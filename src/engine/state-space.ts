/**
 * The explored global-state graph: the distinct model states by id in BFS order, packed (one row of
 * words each, in the search's exact store, with the parent and the step index that first reached
 * it), each state's depth and number of enabled steps, and — when the search was asked for the
 * graph — each state's outgoing edges contiguous in columns (compressed sparse rows: states are
 * expanded in id order). A step is kept as its index among its source's enabled steps — implied by
 * the edge's position, unless a reduction or a replayed run took the steps otherwise — and rebuilt
 * from the model on demand, like a state from its words. Liveness properties (SCCs) and the graph
 * exports read this; graphology is built from it only when a graph is wanted.
 */
import type { Words } from "../model/codec.js";
import { Interner } from "../model/intern.js";
import type { Model } from "../model/model.js";
import { someInstanceInProgress } from "../model/snapshot.js";
import type { GlobalState, Step } from "../model/types.js";
import { MemoryBudget } from "./budget.js";
import { ByteColumn, IntColumn, ShortColumn } from "./column.js";
import { PackedStore } from "./packed-store.js";

export class StateSpace {
  /** Depth (shortest distance from the initial state) of each state. */
  private readonly depths = new IntColumn();
  /** Number of enabled steps of each state, expanded or not (0 = deadlock); −1 until visited. */
  private readonly enabledCounts = new IntColumn(-1);
  /** 1 for a state that was expanded, 0 for one left at the depth limit or not visited. */
  private readonly expansions = new ByteColumn();
  /** 1 for a state in which some snapshot instance is in progress. */
  private readonly progress = new ByteColumn();
  /** Edges of state i are the edges edgeStart(i) .. edgeStart(i + 1) − 1 (kept only when the graph is). */
  private readonly starts = new IntColumn();
  /** Each edge's target state id; −1 for an edge to a state a limit kept out. */
  private readonly targets = new IntColumn();
  /**
   * The step of each edge, as its index among its source's enabled steps — written only for the
   * edges of a state whose k-th edge does not take its k-th step (a reduction took some of its
   * steps, or a replayed run took them out of order): most states take them all, in order.
   */
  private readonly steps = new ShortColumn();
  /** 1 for a state whose edges' steps are written in `steps`. */
  private readonly reordered = new ByteColumn();
  /** The delivery each edge takes, by id (see `deliveryLabels`), or −1 for any other kind of step. */
  private readonly deliveries = new IntColumn();
  /** The label (`deliver(c(0,1): M)`) of each delivery id: a channel and a message content. */
  readonly deliveryLabels = new Interner<string>((label) => label);
  /** By step number: the delivery id of one of the model's steps met, or −1 for a step of another kind. */
  private readonly deliveryIds: number[] = [];
  /** Edges kept so far. */
  edgeCount = 0;
  /** Every explored (state, enabled step) pair, whether or not the edges are kept. */
  transitions = 0;
  private readonly scratch: Int32Array;

  constructor(
    readonly model: Model,
    /** The distinct states, their words, parents and first steps. */
    readonly store: PackedStore,
    /** Whether edges are kept (the graph is wanted). */
    readonly keepsEdges: boolean,
  ) {
    this.scratch = new Int32Array(model.width);
  }

  get size(): number {
    return this.store.count;
  }

  /** The first of state `id`'s edges; they run to edgeStart(id + 1) (needs the kept edges). */
  edgeStart(id: number): number {
    return this.starts.get(id);
  }

  /** The target of edge `e`: a state id, or −1 for a state a limit kept out. */
  edgeTarget(e: number): number {
    return this.targets.get(e);
  }

  /** The delivery edge `e` takes, by id (see `deliveryLabels`), or −1 for any other kind of step. */
  edgeDelivery(e: number): number {
    return this.deliveries.get(e);
  }

  /** The words of state `id` (a new array). */
  words(id: number): Words {
    const words = new Int32Array(this.model.width);
    this.store.read(id, words);
    return words;
  }

  state(id: number): GlobalState {
    if (id < 0 || id >= this.size) throw new RangeError(`no state ${id}`);
    this.store.read(id, this.scratch);
    return this.model.codec.decode(this.scratch);
  }

  /** The id of `state`, or undefined if it was not explored. */
  idOf(state: GlobalState): number | undefined {
    const id = this.store.idOf(this.model.codec.encode(state));
    return id < 0 ? undefined : id;
  }

  /** Some snapshot instance of state `id` has started and not completed. */
  inProgress(id: number): boolean {
    return this.progress.get(id) === 1;
  }

  /**
   * A new state was stored, at shortest distance `depth`, with some snapshot instance in progress
   * or not (states are stored in id order).
   */
  addState(depth: number, inProgress: boolean): void {
    this.depths.push(depth);
    this.progress.push(inProgress ? 1 : 0);
  }

  depth(id: number): number {
    return this.depths.get(id);
  }

  /** The number of steps state `id` enables (0: a deadlock), or −1 if it was not visited. */
  enabledCount(id: number): number {
    return this.enabledCounts.get(id);
  }

  /** Was state `id` expanded (not left at the depth limit, nor unvisited)? */
  isExpanded(id: number): boolean {
    return this.expansions.get(id) === 1;
  }

  /** Has state `id` been expanded, or found at the depth limit? */
  visited(id: number): boolean {
    return this.enabledCounts.get(id) >= 0;
  }

  /** State ids from the initial state to `id`, along the first (shortest) path found. */
  pathTo(id: number): number[] {
    const path: number[] = [];
    for (let at = id; at >= 0; at = this.store.parent.get(at)) path.push(at);
    return path.reverse();
  }

  /** The step that first reached state `id` (from its parent). */
  stepTo(id: number): Step {
    const parent = this.store.parent.get(id);
    if (parent < 0) throw new RangeError(`state ${id} is the initial state`);
    return this.stepOf(parent, this.store.step.get(id));
  }

  /** The enabled steps of state `id`, in the model's order. */
  enabledSteps(id: number): Step[] {
    const steps: Step[] = [];
    this.model.enabled(this.words(id), steps);
    return steps;
  }

  /** The `k`-th enabled step of state `id`. */
  stepOf(id: number, k: number): Step {
    const steps: Step[] = [];
    this.model.enabled(this.words(id), steps);
    const step = steps[k];
    if (step === undefined) throw new RangeError(`state ${id} has no step ${k}`);
    return step;
  }

  /**
   * State `id` was expanded: of its enabled steps `steps`, the k-th edge takes the `taken[k]`-th
   * and leads to `targets[k]` (−1 where a limit kept the target out); `numbers[i]`, if given, is
   * the i-th step's number (Model.stepNumber).
   */
  addExpansion(
    id: number,
    steps: readonly Step[],
    targets: readonly number[],
    taken: readonly number[],
    numbers?: readonly number[],
  ): void {
    this.enabledCounts.set(id, steps.length);
    this.expansions.set(id, 1);
    this.transitions += targets.length;
    if (!this.keepsEdges) return;
    let e = this.edgeCount;
    this.starts.set(id, e);
    let inOrder = targets.length === steps.length;
    for (let k = 0; inOrder && k < taken.length; k++) inOrder = taken[k] === k;
    for (let k = 0; k < targets.length; k++, e++) {
      const index = taken[k] as number;
      this.targets.set(e, targets[k] as number);
      if (!inOrder) this.steps.set(e, index);
      const step = steps[index] as Step;
      this.deliveries.set(e, this.deliveryId(step, numbers?.[index] ?? this.model.stepNumber(step)));
    }
    if (!inOrder) this.reordered.set(id, 1);
    this.edgeCount = e;
    this.starts.set(id + 1, e);
  }

  /** The id of a delivery step's label (its step number `n`), or −1 for any other kind of step. */
  private deliveryId(step: Step, n: number): number {
    let id = n >= 0 ? this.deliveryIds[n] : undefined;
    if (id === undefined) {
      id = step.kind === "deliver" ? this.deliveryLabels.intern(this.model.label(step)) : -1;
      if (n >= 0) this.deliveryIds[n] = id;
    }
    return id;
  }

  /** State `id` lies at the depth limit: it enables `enabled` steps but is not expanded. */
  addFrontier(id: number, enabled: number): void {
    this.enabledCounts.set(id, enabled);
    this.expansions.set(id, 0);
    if (!this.keepsEdges) return;
    this.starts.set(id, this.edgeCount);
    this.starts.set(id + 1, this.edgeCount);
  }

  /** The edges out of state `id`: [step, target id] pairs (needs the kept edges). */
  *edges(id: number): Generator<[Step, number]> {
    if (!this.keepsEdges) throw new RangeError("the search kept no edges: ask it for the graph");
    const start = this.starts.get(id);
    const end = Math.max(start, this.starts.get(id + 1));
    if (end === start) return;
    const steps: Step[] = [];
    this.model.enabled(this.words(id), steps);
    const inOrder = this.reordered.get(id) === 0;
    for (let e = start; e < end; e++) {
      const step = steps[inOrder ? e - start : this.steps.get(e)];
      const target = this.targets.get(e);
      if (step !== undefined && target >= 0) yield [step, target];
    }
  }
}

/**
 * The state space of one run: its distinct states and the edges it takes, each state with its true
 * number of enabled steps. Replaying a lasso builds this, so a liveness property re-judges the run
 * with the very code that judged the full space.
 */
export function spaceOfRun(model: Model, states: readonly GlobalState[], steps: readonly Step[]): StateSpace {
  const store = new PackedStore(
    model.width,
    0,
    (out) => model.fieldBounds(out),
    new MemoryBudget(),
    states.length,
  );
  const space = new StateSpace(model, store, true);
  const ids: number[] = [];
  states.forEach((s, i) => {
    const found = store.insert(model.codec.encode(s));
    if (found < 0) {
      ids.push(-1 - found);
      return;
    }
    store.parent.set(found, i === 0 ? -1 : (ids[i - 1] as number));
    space.addState(i, someInstanceInProgress(s));
    ids.push(found);
  });
  const outgoing = new Map<number, { steps: number[]; targets: number[] }>();
  steps.forEach((step, i) => {
    const from = ids[i] as number;
    const to = ids[i + 1] as number;
    const enabled = model.steps(states[i] as GlobalState);
    const k = enabled.findIndex((s) => model.label(s) === model.label(step));
    if (k < 0) throw new RangeError(`${model.label(step)} is not enabled at step ${i + 1} of the run`);
    store.step.set(to, store.parent.get(to) === from ? k : store.step.get(to));
    const edges = outgoing.get(from) ?? { steps: [], targets: [] };
    if (!edges.targets.some((t, j) => t === to && edges.steps[j] === k)) {
      edges.steps.push(k);
      edges.targets.push(to);
    }
    outgoing.set(from, edges);
  });
  for (let id = 0; id < space.size; id++) {
    const edges = outgoing.get(id);
    const enabled = model.steps(space.state(id));
    if (edges === undefined) space.addFrontier(id, enabled.length);
    else space.addExpansion(id, enabled, edges.targets, edges.steps);
  }
  return space;
}
