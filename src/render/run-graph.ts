/**
 * The global-state graph around a run, for the report: every state within the run's length of the
 * initial state (breadth-first, so the whole run is inside), drawn only when it is small enough for
 * a person to look at.
 */
import { check } from "../engine/check.js";
import type { Model } from "../model/model.js";
import type { GlobalState } from "../model/types.js";
import { stateGraphSvg } from "./state-graph-svg.js";

/** More states than this make a picture nobody can read. */
export const GRAPH_LIMIT = 300;

export type RunGraph =
  | { readonly kind: "drawn"; readonly svg: string; readonly caption: string }
  | { readonly kind: "too-large"; readonly note: string };

/** Explores `model` to the depth of the run and draws the graph, or says why not. */
export function runGraph(model: Model, states: readonly GlobalState[], limit = GRAPH_LIMIT): RunGraph {
  const depth = states.length - 1;
  const { space } = check(model, [], { limits: { maxDepth: depth, maxStates: limit + 1 }, graph: true });
  if (space.size > limit) {
    return {
      kind: "too-large",
      note: `The global-state graph within ${depth} steps of the initial state has more than ${limit} states: export it with snapcheck export --format gexf (or graphml, dot) and the run's configuration.`,
    };
  }
  return {
    kind: "drawn",
    svg: stateGraphSvg(space, states),
    caption: `All ${space.size} states within ${depth} steps of the initial state (columns by distance); the run in red, its states numbered by their place in it; filled: the snapshot is complete.`,
  };
}
