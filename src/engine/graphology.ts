/**
 * The graphology graph of an exact compact run, built from the engine's CSR graph (graph.ts) with
 * the attributes of src/graph/state-graph.ts's `toGraphology`, so that an export or analysis reads
 * it like the generic one: node key = the state's id (BFS order), attributes its `Model.key`, depth,
 * whether its snapshot is complete and whether it is a deadlock; one edge per explored (state, step)
 * pair to a stored state, labelled with `Model.label` of its step. graphology costs about 1 KB per
 * edge: callers bound the size first (`MAX_GRAPHOLOGY_EDGES`).
 */
import { MultiDirectedGraph } from "graphology";
import type { StateAttributes, StepAttributes } from "../graph/state-graph.js";
import type { Model } from "../model/model.js";
import { COMPLETE, type ExactSpace } from "./graph.js";

/** The most edges a graphology graph is built for (about 1 GB of heap). */
export const MAX_GRAPHOLOGY_EDGES = 1_000_000;

/** The graphology graph of `space`, whose states and steps are `model`'s. */
export function toGraphologyCompact(
  space: ExactSpace,
  model: Model,
): MultiDirectedGraph<StateAttributes, StepAttributes> {
  const g = space.graph();
  const graph = new MultiDirectedGraph<StateAttributes, StepAttributes>();
  for (let id = 0; id < g.order; id++) {
    graph.addNode(String(id), {
      key: model.key(space.state(id)),
      depth: g.depth[id] as number,
      complete: ((g.flags[id] as number) & COMPLETE) === COMPLETE,
      deadlock: g.enabled[id] === 0,
    });
  }
  // Labels by step code: equal codes are equal labels.
  const labels = new Map<number, string>();
  for (let id = 0; id < g.order; id++) {
    for (let e = g.start[id] as number; e < (g.start[id + 1] as number); e++) {
      const target = g.targets[e] as number;
      if (target < 0) continue;
      const code = g.steps[e] as number;
      let label = labels.get(code);
      if (label === undefined) {
        label = model.label(space.step(code));
        labels.set(code, label);
      }
      graph.addEdge(String(id), String(target), { step: label });
    }
  }
  return graph;
}
