/**
 * The explored global-state graph: the distinct model states by id in BFS order, packed (one row of
 * words each, in the search's exact store, with the parent and the step index that first reached
 * it), each state's depth and number of enabled steps, and — when the search was asked for the
 * graph — each state's outgoing edges contiguous in flat arrays (CSR: states are expanded in id
 * order). A step is kept as its index among its source's enabled steps and rebuilt from the model
 * on demand, like a state from its words. Liveness properties (SCCs) and the graph exports read
 * this; graphology is built from it only when a graph is wanted.
 */
import type { Words } from "../model/codec.js";
import type { Model } from "../model/model.js";
import type { GlobalState, Step } from "../model/types.js";
import { MemoryBudget } from "./budget.js";
import { ExactSet } from "./exact-set.js";
import { hashState } from "./hash.js";

export class StateSpace {
  /** Depth (shortest distance from the initial state) of each state. */
  readonly depths: number[] = [];
  /** Number of enabled steps of each state, expanded or not (0 = deadlock); undefined until visited. */
  readonly enabledCount: number[] = [];
  readonly expanded: boolean[] = [];
  /**
   * Edges of state i are edgeTargets[edgeStart[i] .. edgeStart[i+1]) (kept only when the graph is).
   * Typed arrays grown by doubling: read them after the search, not across a growth.
   */
  edgeStart = new Int32Array(1024);
  /** Target state ids; −1 for an edge to a state a limit kept out. */
  edgeTargets = new Int32Array(4096);
  /** The step of each edge, as its index among its source's enabled steps. */
  edgeSteps = new Uint16Array(4096);
  /** Edges kept so far (the filled part of edgeTargets and edgeSteps). */
  edgeCount = 0;
  /** Every explored (state, enabled step) pair, whether or not the edges are kept. */
  transitions = 0;
  private readonly hash = new Int32Array(2);

  constructor(
    readonly model: Model,
    /** The distinct states, their words, parents and first steps. */
    readonly store: ExactSet,
    /** Whether edges are kept (the graph is wanted). */
    readonly keepsEdges: boolean,
  ) {}

  get size(): number {
    return this.store.count;
  }

  /** The words of state `id` (a view into the store: copy before the store grows). */
  words(id: number): Words {
    const w = this.model.width;
    return new Int32Array(this.store.states.buffer, this.store.states.byteOffset + id * w * 4, w);
  }

  state(id: number): GlobalState {
    if (id < 0 || id >= this.size) throw new RangeError(`no state ${id}`);
    return this.model.codec.decode(this.store.states, id * this.model.width);
  }

  /** The id of `state`, or undefined if it was not explored. */
  idOf(state: GlobalState): number | undefined {
    const w = unsigned(this.model.codec.encode(state));
    hashState(w, 0, w.length, this.hash);
    const id = this.store.idOf(w, 0, this.hash[0] as number);
    return id < 0 ? undefined : id;
  }

  /** Some snapshot instance of state `id` has started and not completed (read from its words). */
  inProgress(id: number): boolean {
    const { codec } = this.model;
    const offset = id * this.model.width;
    const w = this.store.states;
    for (let k = 0; k < this.model.instances; k++) {
      if (!codec.instanceComplete(w, offset, k) && codec.instanceStarted(w, offset, k)) return true;
    }
    return false;
  }

  depth(id: number): number {
    return this.depths[id] ?? 0;
  }

  /** Has state `id` been expanded, or found at the depth limit? */
  visited(id: number): boolean {
    return this.enabledCount[id] !== undefined;
  }

  /** State ids from the initial state to `id`, along the first (shortest) path found. */
  pathTo(id: number): number[] {
    const path: number[] = [];
    for (let at = id; at >= 0; at = this.store.parent[at] ?? -1) path.push(at);
    return path.reverse();
  }

  /** The step that first reached state `id` (from its parent). */
  stepTo(id: number): Step {
    const parent = this.store.parent[id] ?? -1;
    if (parent < 0) throw new RangeError(`state ${id} is the initial state`);
    return this.stepOf(parent, this.store.step[id] as number);
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
   * State `id` was expanded: it enables `enabled` steps, and the k-th edge leads to `targets[k]`
   * (−1 where a limit kept the target out) by its `steps[k]`-th enabled step (by default the k-th:
   * every step).
   */
  addExpansion(id: number, enabled: number, targets: readonly number[], steps?: readonly number[]): void {
    this.enabledCount[id] = enabled;
    this.expanded[id] = true;
    this.transitions += targets.length;
    if (!this.keepsEdges) return;
    this.reserve(id, targets.length);
    let e = this.edgeCount;
    this.edgeStart[id] = e;
    for (let k = 0; k < targets.length; k++, e++) {
      this.edgeTargets[e] = targets[k] as number;
      this.edgeSteps[e] = steps === undefined ? k : (steps[k] as number);
    }
    this.edgeCount = e;
    this.edgeStart[id + 1] = e;
  }

  /** Room for state `id`'s start and `edges` more edges. */
  private reserve(id: number, edges: number): void {
    if (id + 2 > this.edgeStart.length) this.edgeStart = grown(this.edgeStart, id + 2);
    const needed = this.edgeCount + edges;
    if (needed > this.edgeTargets.length) {
      this.edgeTargets = grown(this.edgeTargets, needed);
      this.edgeSteps = grown(this.edgeSteps, needed);
    }
  }

  /** State `id` lies at the depth limit: it enables `enabled` steps but is not expanded. */
  addFrontier(id: number, enabled: number): void {
    this.enabledCount[id] = enabled;
    this.expanded[id] = false;
    if (!this.keepsEdges) return;
    this.reserve(id, 0);
    this.edgeStart[id] = this.edgeCount;
    this.edgeStart[id + 1] = this.edgeCount;
  }

  /** The edges out of state `id`: [step, target id] pairs (needs the kept edges). */
  *edges(id: number): Generator<[Step, number]> {
    if (!this.keepsEdges) throw new RangeError("the search kept no edges: ask it for the graph");
    const start = this.edgeStart[id] ?? 0;
    const end = this.edgeStart[id + 1] ?? start;
    if (end === start) return;
    const steps: Step[] = [];
    this.model.enabled(this.words(id), steps);
    for (let e = start; e < end; e++) {
      const step = steps[this.edgeSteps[e] as number];
      const target = this.edgeTargets[e];
      if (step !== undefined && target !== undefined && target >= 0) yield [step, target];
    }
  }
}

/**
 * The state space of one run: its distinct states and the edges it takes, each state with its true
 * number of enabled steps. Replaying a lasso builds this, so a liveness property re-judges the run
 * with the very code that judged the full space.
 */
export function spaceOfRun(model: Model, states: readonly GlobalState[], steps: readonly Step[]): StateSpace {
  const store = new ExactSet(model.width, new MemoryBudget(), states.length);
  const space = new StateSpace(model, store, true);
  const hash = new Int32Array(2);
  const ids: number[] = [];
  states.forEach((s, i) => {
    const w = unsigned(model.codec.encode(s));
    hashState(w, 0, w.length, hash);
    const known = store.idOf(w, 0, hash[0] as number);
    if (known >= 0) {
      ids.push(known);
      return;
    }
    const id = store.insert(w, 0, hash[0] as number);
    store.parent[id] = i === 0 ? -1 : (ids[i - 1] as number);
    space.depths.push(i);
    ids.push(id);
  });
  const outgoing = new Map<number, { steps: number[]; targets: number[] }>();
  steps.forEach((step, i) => {
    const from = ids[i] as number;
    const to = ids[i + 1] as number;
    const enabled = model.steps(states[i] as GlobalState);
    const k = enabled.findIndex((s) => model.label(s) === model.label(step));
    if (k < 0) throw new RangeError(`${model.label(step)} is not enabled at step ${i + 1} of the run`);
    store.step[to] = store.parent[to] === from ? k : (store.step[to] ?? 0);
    const edges = outgoing.get(from) ?? { steps: [], targets: [] };
    if (!edges.targets.some((t, j) => t === to && edges.steps[j] === k)) {
      edges.steps.push(k);
      edges.targets.push(to);
    }
    outgoing.set(from, edges);
  });
  for (let id = 0; id < space.size; id++) {
    const edges = outgoing.get(id);
    const enabled = model.steps(space.state(id)).length;
    if (edges === undefined) space.addFrontier(id, enabled);
    else space.addExpansion(id, enabled, edges.targets, edges.steps);
  }
  return space;
}

/** A copy of `array` at least `length` long (doubling). */
function grown<A extends Int32Array | Uint16Array>(array: A, length: number): A {
  const copy = new (array.constructor as new (length: number) => A)(Math.max(length, 2 * array.length));
  copy.set(array);
  return copy;
}

/** The same words seen as unsigned, as the stores hash and compare them (a view, not a copy). */
function unsigned(w: Words): Uint32Array {
  return new Uint32Array(w.buffer, w.byteOffset, w.length);
}
