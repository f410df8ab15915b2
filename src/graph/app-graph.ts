/**
 * The application-only state graph (semantics.md, "Reachable cut"): the same workload and channel
 * discipline with no snapshot algorithm, explored by the engine's own search into its packed state
 * space, and reachability on it (breadth-first over the CSR edges, from each strongly connected
 * component once). Chandy & Lamport's theorem is decided here: S* must be reachable from
 * app(S_start), and app(S_end) from S*. It is built before the model's search, within the same
 * limits; when it cannot be built whole there, reachable-cut cannot be decided and says why.
 */
import { noSnapshot } from "../algorithms/no-snapshot.js";
import type { Limits, ProgressSink } from "../engine/limits.js";
import { search } from "../engine/search.js";
import type { StateSpace } from "../engine/state-space.js";
import { Model } from "../model/model.js";
import type { GlobalState } from "../model/types.js";
import { stronglyConnectedComponents } from "./scc.js";

/** The application-only graph is explored completely; past this many states it is not built. */
export const MAX_APPLICATION_STATES = 2_000_000;

export interface ApplicationGraphOptions {
  readonly limits: Limits;
  readonly progress?: ProgressSink | undefined;
}

export class ApplicationGraph {
  private readonly components: Int32Array;
  private readonly componentCount: number;
  /** By component: a flag per state, set for the states its states reach (made when first asked). */
  private readonly reached = new Map<number, Uint8Array>();
  /** By component: its first state (made when first asked). */
  private firstStates: Int32Array | undefined;

  private constructor(private readonly space: StateSpace) {
    const { component, count } = stronglyConnectedComponents(space, () => true);
    this.components = component;
    this.componentCount = count;
  }

  /**
   * The application graph of `model`, or why it cannot be built within the limits (at most
   * MAX_APPLICATION_STATES states, and the model's own state and memory bounds).
   */
  static build(model: Model, options: ApplicationGraphOptions): ApplicationGraph | string {
    const appModel = new Model({ ...model.spec, algorithm: noSnapshot });
    const maxStates = Math.min(MAX_APPLICATION_STATES, options.limits.maxStates ?? MAX_APPLICATION_STATES);
    const progress = options.progress;
    const { space, stop } = search(appModel, [], {
      limits: { maxStates, maxMemoryMiB: options.limits.maxMemoryMiB },
      graph: true,
      progress:
        progress === undefined ? undefined : (report) => progress({ ...report, phase: "application graph" }),
    });
    if (stop === "exhausted") return new ApplicationGraph(space);
    const why =
      stop === "max-memory"
        ? "it did not fit the memory bound"
        : `it has more than ${maxStates.toLocaleString("en-US")} states`;
    return `the application-only state space, which reachable-cut searches for S*, could not be explored whole (${why}): leave reachable-cut out, or choose smaller balances${options.limits.maxStates === undefined ? "" : " or a larger --max-states"}`;
  }

  /**
   * The strongly connected component of an application state, or -1 if it is unreachable. States
   * of one component reach exactly the same states, so a monitor may carry the component instead
   * of the state (for bank, every state of the same total is in one component).
   */
  component(state: GlobalState): number {
    const id = this.space.idOf(state);
    return id === undefined ? -1 : (this.components[id] ?? -1);
  }

  /** Is application state `to` reachable from the states of `component`? */
  componentReaches(component: number, to: GlobalState): boolean {
    if (component < 0) return false;
    const target = this.space.idOf(to);
    return target !== undefined && this.reachableFrom(component)[target] === 1;
  }

  /** Are the states of component `to` reachable from those of component `from`? */
  componentReachesComponent(from: number, to: number): boolean {
    if (from < 0 || to < 0) return false;
    if (from === to) return true;
    return this.reachableFrom(from)[this.firstStateOf(to)] === 1;
  }

  /** Is application state `to` reachable from application state `from` (both without snapshot state)? */
  reaches(from: GlobalState, to: GlobalState): boolean {
    return this.componentReaches(this.component(from), to);
  }

  /** The states the states of `component` reach, as a flag per state id. */
  private reachableFrom(component: number): Uint8Array {
    let reachable = this.reached.get(component);
    if (reachable === undefined) {
      reachable = this.reachable(this.firstStateOf(component));
      this.reached.set(component, reachable);
    }
    return reachable;
  }

  /** The first state of `component` (states of one component reach the same states). */
  private firstStateOf(component: number): number {
    this.firstStates ??= firstStateOfEach(this.components, this.componentCount);
    return this.firstStates[component] as number;
  }

  /** The states reachable from state `source`, as a flag per state id. */
  private reachable(source: number): Uint8Array {
    const { space } = this;
    const seen = new Uint8Array(space.size);
    const queue = new Int32Array(space.size);
    let tail = 0;
    seen[source] = 1;
    queue[tail++] = source;
    for (let head = 0; head < tail; head++) {
      const u = queue[head] as number;
      const end = space.edgeStart(u + 1);
      for (let e = space.edgeStart(u); e < end; e++) {
        const v = space.edgeTarget(e);
        if (v >= 0 && seen[v] === 0) {
          seen[v] = 1;
          queue[tail++] = v;
        }
      }
    }
    return seen;
  }
}

/** The first state of each of `count` components, by component. */
function firstStateOfEach(components: Int32Array, count: number): Int32Array {
  const first = new Int32Array(count).fill(-1);
  for (let v = components.length - 1; v >= 0; v--) {
    const c = components[v] as number;
    if (c >= 0) first[c] = v;
  }
  return first;
}
