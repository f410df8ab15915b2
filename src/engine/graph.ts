/**
 * The explored state graph of an exact run of the compact engine ("the graphology
 * graph is still built … from this engine"), made after the search so that the search itself pays
 * nothing for it. A post-pass re-expands every stored state below the depth bound with the compiled
 * kernel and looks each successor up in the exact index: the result is the graph in
 * compressed-sparse-row form on typed arrays (6 bytes per edge and 11 per state), with per edge
 * its step as a state-independent code, so a delivery's label (channel and message) is read off the
 * edge. States at the depth bound are stored but not expanded, and have no edges, as in the generic
 * explorer (src/engine/state-space.ts); an edge to a state a `maxStates` bound kept out has target
 * −1. The arrays are allocated through the run's memory budget (OutOfMemoryBudget when refused).
 *
 * Exact mode only (fingerprint and bitstate modes keep no states to look successors up in), and
 * without reductions: under symmetry the stored states are orbit representatives, so an edge is a
 * step into some permuted image of its target, a cycle of orbits returns to a permuted state rather
 * than to itself, and a delivery named by its channel on one edge is another channel's delivery one
 * lap later — fairness per channel would have to be tracked through the permutations, and the
 * graph would not be semantics.md's state graph. Not done here.
 */
import type { Topology } from "../model/topology.js";
import type { GlobalState, Step } from "../model/types.js";
import { allocateOrStop, type MemoryBudget } from "./budget.js";
import { decodeState, decodeStep, decodeStepOf } from "./decode.js";
import type { ExactSet } from "./exact-set.js";
import { hashState } from "./hash.js";
import type { Kernel, SuccessorSink } from "./kernel.js";
import type { Transitions } from "./successors.js";

/** flags bit: every process recorded, every channel closed. */
export const COMPLETE = 1;
/** flags bit: some process recorded. */
export const INITIATED = 2;
/** flags bit: the state lies below the depth bound and was expanded (it has its edges). */
export const EXPANDED = 4;

/** The state graph in compressed-sparse-row form (`CsrGraph` of src/graph/scc.ts). */
export interface EngineGraph {
  /** States, by their exact id (BFS order: a state's parent has a smaller id). */
  readonly order: number;
  /** The edges of state v are start[v] .. start[v + 1] (order + 1 entries). */
  readonly start: Int32Array;
  /** Per edge: the target's id, or −1 for a state a `maxStates` bound kept out. */
  readonly targets: Int32Array;
  /**
   * Per edge: its step as `kind | arg << 2` (successors.ts kinds; arg the process of an initiate,
   * the channel of a send or delivery). Equal codes are equal generic labels (`Model.label`).
   */
  readonly steps: Uint16Array;
  /** Per state: its shortest distance from the initial state. */
  readonly depth: Int32Array;
  /** Per state: its enabled steps, expanded or not (0 = deadlock). */
  readonly enabled: Uint16Array;
  /** Per state: COMPLETE | INITIATED | EXPANDED bits. */
  readonly flags: Uint8Array;
}

/** Is the step code a delivery (of a transfer or a marker)? */
export function isDelivery(code: number): boolean {
  return (code & 2) === 2;
}

/**
 * The stored states of an exact run without reductions, with what is needed to expand and decode
 * them: the graph (built once, on first use), states and steps in the generic vocabulary, and
 * shortest paths along the parent links.
 */
export class ExactSpace {
  private built: EngineGraph | undefined;

  constructor(
    private readonly t: Transitions,
    private readonly kernel: Kernel,
    private readonly exact: ExactSet,
    private readonly budget: MemoryBudget,
    private readonly maxDepth: number,
    /** The search's transitions: the number of edges of the expanded states. */
    readonly transitions: number,
  ) {}

  get topology(): Topology {
    return this.t.model.topology;
  }

  /** Number of stored states. */
  get size(): number {
    return this.exact.count;
  }

  /** The graph, built by the post-pass on first use; may throw OutOfMemoryBudget. */
  graph(): EngineGraph {
    this.built ??= this.build();
    return this.built;
  }

  /** The generic state of stored state `id`. */
  state(id: number): GlobalState {
    return decodeState(this.t, this.exact.states, id * this.exact.words);
  }

  /** The generic step of an edge's step code. */
  step(code: number): Step {
    return decodeStepOf(this.t, code & 3, code >>> 2);
  }

  /** The ids along the shortest path (parent links) from the initial state to `id`, both included. */
  idsTo(id: number): number[] {
    const ids: number[] = [];
    for (let at = id; at >= 0; at = this.exact.parent[at] as number) ids.push(at);
    return ids.reverse();
  }

  /** The step that first reached stored state `id` (not the initial state), from its parent. */
  stepInto(id: number): Step {
    const exact = this.exact;
    this.t.load(exact.states, (exact.parent[id] as number) * exact.words);
    return decodeStep(this.t, exact.step[id] as number);
  }

  private build(): EngineGraph {
    const { t, kernel, exact, budget } = this;
    const ws = exact.words;
    const order = exact.count;
    const start = allocateOrStop(budget, Int32Array, order + 1, "the state graph");
    const targets = allocateOrStop(budget, Int32Array, this.transitions, "the state graph");
    const steps = allocateOrStop(budget, Uint16Array, this.transitions, "the state graph");
    const depth = allocateOrStop(budget, Int32Array, order, "the state graph");
    const enabled = allocateOrStop(budget, Uint16Array, order, "the state graph");
    const flags = allocateOrStop(budget, Uint8Array, order, "the state graph");
    const sink = new EdgeSink(t, exact, targets, steps);
    for (let id = 0; id < order; id++) {
      const offset = id * ws;
      if (id > 0) depth[id] = (depth[exact.parent[id] as number] as number) + 1;
      const status = kernel.status(exact.states, offset);
      flags[id] = status & (COMPLETE | INITIATED);
      start[id] = sink.edges;
      if ((depth[id] as number) < this.maxDepth) {
        flags[id] = (flags[id] as number) | EXPANDED;
        t.load(exact.states, offset);
        enabled[id] = kernel.expand(exact.states, offset, sink.child, sink);
      } else {
        enabled[id] = kernel.enabled(exact.states, offset);
      }
    }
    start[order] = sink.edges;
    if (sink.edges !== this.transitions) {
      throw new RangeError(`state graph: ${sink.edges} edges, but the search counted ${this.transitions}`);
    }
    return { order, start, targets, steps, depth, enabled, flags };
  }
}

/** Records each successor of the state loaded in `t` (and expanded by the kernel) as an edge. */
class EdgeSink implements SuccessorSink {
  readonly child: Uint32Array;
  edges = 0;
  private readonly hash = new Int32Array(2);

  constructor(
    private readonly t: Transitions,
    private readonly exact: ExactSet,
    private readonly targets: Int32Array,
    private readonly steps: Uint16Array,
  ) {
    this.child = new Uint32Array(exact.words);
  }

  visit(k: number): void {
    const e = this.edges++;
    if (e >= this.targets.length) throw new RangeError("state graph: more edges than the search counted");
    hashState(this.child, 0, this.exact.words, this.hash);
    this.targets[e] = this.exact.idOf(this.child, 0, this.hash[0] as number);
    this.steps[e] = (this.t.stepKind[k] as number) | ((this.t.stepArg[k] as number) << 2);
  }
}
