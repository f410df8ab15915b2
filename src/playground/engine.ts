/**
 * The playground's one use of the checker: validate a raw configuration, check it with the
 * library's `check` against every property that applies, and turn the result into plain data for
 * the page — verdicts, figures, each counterexample as an ITF trace, and the global-state graph
 * when it is small. Switching engines is an edit here only.
 */
import { properties } from "../../properties/index.js";
import { buildModel, parseConfig, type SnapcheckConfig } from "../config.js";
import { check } from "../engine/check.js";
import type { ProgressSink } from "../engine/limits.js";
import type { StateSpace } from "../engine/state-space.js";
import type { Model } from "../model/model.js";
import { everyInstanceComplete, viewsOf } from "../model/snapshot.js";
import type { GlobalState } from "../model/types.js";
import { stepViews } from "../render/step-views.js";
import { counterexampleTrace } from "../trace/counterexample-file.js";
import type { ExploreOutcome, GraphData } from "./protocol.js";

/** More states than this make a graph nobody can read, and a heavy page. */
export const GRAPH_LIMIT = 2000;

/** Explores the configuration `raw`; throws a ConfigError for a field that does not fit. */
export function explore(raw: Record<string, unknown>, progress?: ProgressSink): ExploreOutcome {
  const config = parseConfig(
    raw,
    properties.map((p) => p.name),
  );
  const model = buildModel(config);
  const relevant = properties.filter(
    (p) => config.properties.includes(p.name) && p.appliesTo?.(model) !== false,
  );
  const result = check(model, relevant, {
    limits: { maxDepth: config.maxDepth, maxStates: config.maxStates },
    progress,
    // The graph's edges, for drawing a small space (a liveness property keeps them anyway).
    graph: true,
  });
  const { stats, space } = result;
  const outcomes = result.verdicts.map((v) => {
    const cx = v.counterexample;
    if (cx === undefined) return { name: v.property.name, holds: v.holds, complete: v.complete };
    return {
      name: v.property.name,
      holds: false,
      complete: true,
      steps: cx.steps.length,
      trace: JSON.stringify(counterexampleTrace(model, config, cx)),
      states: cx.states,
    };
  });
  const small = space.size <= GRAPH_LIMIT;
  return {
    search: searchOf(config, stats.stop),
    states: stats.distinctStates,
    transitions: stats.transitions,
    depth: stats.maxDepth,
    seconds: stats.seconds,
    properties: outcomes.map(({ states: _, ...o }) => o),
    skipped: result.skipped.map((s) => ({ name: s.property.name, reason: s.reason })),
    ...(small
      ? {
          graph: graphOf(
            space,
            outcomes.flatMap((o) => (o.states === undefined ? [] : [[o.name, o.states] as const])),
          ),
        }
      : {
          graphNote: `The global-state graph has ${space.size.toLocaleString("en")} states, more than the ${GRAPH_LIMIT.toLocaleString("en")} drawn here: lower the depth bound or the balances to see it.`,
        }),
  };
}

function searchOf(config: SnapcheckConfig, stop: string): string {
  if (stop === "exhausted") return "exhaustive";
  if (stop === "max-depth") return `depth ≤ ${config.maxDepth}`;
  return `stopped by ${stop}`;
}

function graphOf(space: StateSpace, runs: readonly (readonly [string, readonly GlobalState[]])[]): GraphData {
  const { model } = space;
  const nodes = Array.from({ length: space.size }, (_, id) =>
    nodeOf(model, space.state(id), space.depth(id)),
  );
  const edges = nodes.flatMap((_, from) =>
    [...space.edges(from)].map(([step, to]) => ({ from, to, label: model.label(step) })),
  );
  const paths = Object.fromEntries(
    runs.map(([name, states]) => [name, states.map((s) => space.idOf(s) ?? -1)]),
  );
  return { nodes, edges, paths };
}

function nodeOf(model: Model, state: GlobalState, depth: number): GraphData["nodes"][number] {
  const [view] = stepViews(model, { title: "", steps: [], states: viewsOf([state], 0) });
  if (view === undefined) throw new RangeError("a state has no view");
  return { depth, complete: everyInstanceComplete(state), view };
}
