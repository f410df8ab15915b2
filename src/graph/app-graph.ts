/**
 * The application-only state graph (semantics.md, "Reachable cut"): the same workload and channel
 * discipline with no snapshot algorithm, as a graphology graph, and reachability on it. Chandy &
 * Lamport's theorem is decided here: S* must be reachable from app(S_start), and app(S_end) from S*.
 */
import { MultiDirectedGraph } from "graphology";
import { singleSourceLength } from "graphology-shortest-path/unweighted.js";
import { noSnapshot } from "../algorithms/no-snapshot.js";
import { search } from "../engine/search.js";
import { SnapcheckError } from "../errors.js";
import { Model } from "../model/model.js";
import type { GlobalState } from "../model/types.js";
import { stronglyConnectedComponents } from "./scc.js";

/** The application-only graph is explored completely; past this many states we refuse, clearly. */
const MAX_APPLICATION_STATES = 2_000_000;

export class ApplicationGraph {
  private readonly graph = new MultiDirectedGraph();
  private readonly appModel: Model;
  /** Node key of each application state, by id, and each state's strongly connected component. */
  private readonly keys: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly components: Int32Array;
  private readonly reachableFrom = new Map<number, ReadonlySet<string>>();

  constructor(model: Model) {
    this.appModel = new Model({ ...model.spec, algorithm: noSnapshot });
    const { space, stop } = search(this.appModel, [], {
      limits: { maxStates: MAX_APPLICATION_STATES },
      graph: true,
    });
    if (stop !== "exhausted") {
      throw new SnapcheckError(
        "model",
        `the application-only state space has more than ${MAX_APPLICATION_STATES} states: reachable-cut cannot be decided; choose smaller balances`,
      );
    }
    for (let id = 0; id < space.size; id++) {
      const key = this.appModel.key(space.state(id));
      this.keys.push(key);
      this.ids.set(key, id);
      this.graph.addNode(key);
    }
    for (let id = 0; id < space.size; id++) {
      for (const [step, target] of space.edges(id)) {
        this.graph.addEdge(this.keys[id], this.keys[target], { step: this.appModel.label(step) });
      }
    }
    const csr = { order: space.size, start: space.edgeStart, targets: space.edgeTargets };
    this.components = stronglyConnectedComponents(csr, () => true).component;
  }

  /**
   * The strongly connected component of an application state, or -1 if it is unreachable. States
   * of one component reach exactly the same states, so a monitor may carry the component instead
   * of the state (for bank, every state of the same total is in one component).
   */
  component(state: GlobalState): number {
    const id = this.ids.get(this.appModel.key(state));
    return id === undefined ? -1 : (this.components[id] ?? -1);
  }

  /** Is application state `to` reachable from the states of `component`? */
  componentReaches(component: number, to: GlobalState): boolean {
    if (component < 0) return false;
    let reachable = this.reachableFrom.get(component);
    if (reachable === undefined) {
      const representative = this.components.indexOf(component);
      reachable = new Set(Object.keys(singleSourceLength(this.graph, this.keys[representative])));
      this.reachableFrom.set(component, reachable);
    }
    return reachable.has(this.appModel.key(to));
  }

  /** Is application state `to` reachable from application state `from` (both without snapshot state)? */
  reaches(from: GlobalState, to: GlobalState): boolean {
    return this.componentReaches(this.component(from), to);
  }
}
