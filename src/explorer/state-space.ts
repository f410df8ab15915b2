/**
 * The explored global-state graph in compact form: states by id (in BFS order, with parent
 * pointers), each state's outgoing edges contiguous in flat arrays (states are expanded in id
 * order), and the number of steps each state enables. Counting, deduplication and graph algorithms
 * (SCCs) run on this; the graphology graph is built from it only when a graph is wanted (it costs
 * about 1 KB per edge).
 */
import type { Model } from "../model/model.js";
import type { GlobalState, Step } from "../model/types.js";
import { SearchTree } from "./search-tree.js";

export class StateSpace {
  readonly tree = new SearchTree<GlobalState>();
  /** Edges of state i are edgeTargets[edgeStart[i] .. edgeStart[i+1]); unexpanded states have none. */
  readonly edgeStart: number[] = [];
  /** Target state ids; -1 for an edge to a state a limit kept out. */
  readonly edgeTargets: number[] = [];
  readonly edgeSteps: Step[] = [];
  /** Number of enabled steps of each state, expanded or not (0 = deadlock). */
  readonly enabledCount: number[] = [];
  readonly expanded: boolean[] = [];

  constructor(readonly model: Model) {}

  get size(): number {
    return this.tree.size;
  }

  state(id: number): GlobalState {
    return this.tree.node(id);
  }

  /** Has state `id` been expanded, or found at the depth limit? */
  visited(id: number): boolean {
    return this.enabledCount[id] !== undefined;
  }

  /** State `id` was expanded: its steps and the ids of their targets (-1 where not stored). */
  addExpansion(id: number, steps: readonly Step[], targets: readonly number[]): void {
    this.edgeStart[id] = this.edgeTargets.length;
    this.enabledCount[id] = steps.length;
    this.expanded[id] = true;
    this.edgeSteps.push(...steps);
    this.edgeTargets.push(...targets);
    this.edgeStart[id + 1] = this.edgeTargets.length;
  }

  /** State `id` lies at the depth limit: it enables `enabled` steps but is not expanded. */
  addFrontier(id: number, enabled: number): void {
    this.edgeStart[id] = this.edgeTargets.length;
    this.enabledCount[id] = enabled;
    this.expanded[id] = false;
    this.edgeStart[id + 1] = this.edgeTargets.length;
  }

  /** The edges out of state `id`: [step, target id] pairs. */
  *edges(id: number): Generator<[Step, number]> {
    const start = this.edgeStart[id] ?? 0;
    const end = this.edgeStart[id + 1] ?? start;
    for (let e = start; e < end; e++) {
      const step = this.edgeSteps[e];
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
  const space = new StateSpace(model);
  const ids: number[] = [];
  states.forEach((s, i) => {
    const key = model.key(s);
    ids.push(space.tree.idOf(key) ?? space.tree.add(key, s, ids[i - 1] ?? -1, steps[i - 1], i));
  });
  const outgoing = new Map<number, { steps: Step[]; targets: number[] }>();
  steps.forEach((step, i) => {
    const from = ids[i] as number;
    const to = ids[i + 1] as number;
    const edges = outgoing.get(from) ?? { steps: [], targets: [] };
    if (!edges.targets.some((t, k) => t === to && edges.steps[k] === step)) {
      edges.steps.push(step);
      edges.targets.push(to);
    }
    outgoing.set(from, edges);
  });
  for (let id = 0; id < space.size; id++) {
    const edges = outgoing.get(id);
    if (edges === undefined) space.addFrontier(id, model.steps(space.state(id)).length);
    else space.addExpansion(id, edges.steps, edges.targets);
  }
  return space;
}
