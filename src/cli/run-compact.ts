/**
 * `explore --engine compact`: the compact engine (src/engine/) on the reference model, reported in
 * explore's shape. It decides conservation and termination's stuck case from packed states and, in
 * exact mode without reductions, termination whole: its fair cycles on the state graph built after
 * the search, which also gives `--graph` its graphology graph (refused above a size). The
 * properties that need a run's history (consistent-cut, reachable-cut, stable-detection), and
 * termination's fair cycles in the other modes, are left to the generic engine, and the report
 * says so. Counterexamples (exact mode), lassos included, are written like any other and replay
 * through the generic model.
 */
import { buildModel } from "../config.js";
import { MAX_GRAPHOLOGY_EDGES, toGraphologyCompact } from "../engine/graphology.js";
import {
  checkTermination,
  type EngineMode,
  type EngineResult,
  type EngineVerdict,
  engineModelOf,
  exploreCompact,
  exploreCompactParallel,
  OutOfMemoryBudget,
} from "../engine/index.js";
import { ConfigError } from "../errors.js";
import type { Model } from "../model/model.js";
import { writeCounterexample } from "../trace/counterexample-file.js";
import { stderrProgress } from "./progress.js";
import {
  type CheckReport,
  type Reduction,
  type ResolvedConfig,
  searchDescription,
  writeGraph,
} from "./run-check.js";

export interface CompactOptions {
  readonly outDir: string;
  readonly mode: EngineMode;
  readonly reduce: Reduction;
  readonly progress: boolean;
  /** Write the state graph here (graphology JSON); exact mode without reductions only. */
  readonly graphFile?: string | undefined;
}

const LEFT_TO_GENERIC =
  "the compact engine decides conservation and termination only; check this with --engine generic";

export function runCompact(resolved: ResolvedConfig, options: CompactOptions): CheckReport {
  const { config } = resolved;
  const started = performance.now();
  const model = buildModel(config, resolved.plugins);
  const engineModel = engineModelOf(model);
  const reductions = {
    symmetry: options.reduce === "symmetry" || options.reduce === "all",
    partialOrder: options.reduce === "por" || options.reduce === "all",
  };
  const maxMemoryBytes = config.maxMemoryMiB === undefined ? undefined : config.maxMemoryMiB * 2 ** 20;
  const result = exploreCompact(engineModel, {
    mode: options.mode,
    ...reductions,
    maxDepth: config.maxDepth,
    maxStates: config.maxStates,
    maxMemoryBytes,
    progress: options.progress
      ? (r) =>
          stderrProgress({
            phase: "explore",
            states: r.states,
            queue: r.queue,
            depth: r.depth,
            seconds: r.seconds,
          })
      : undefined,
  });
  /**
   * Fingerprint and bitstate modes keep no parent links: the run to a violation found at depth d
   * is rebuilt by an exact search bounded to depth d (TLC rebuilds its traces too), when the
   * memory budget allows it.
   */
  const pathOf = (which: "conservation" | "noStuckSnapshot", v: EngineVerdict) => {
    if (v.violation === undefined || v.violation.path !== undefined || options.mode === "exact") {
      return v.violation?.path;
    }
    const rerun = exploreCompact(engineModel, { ...reductions, maxDepth: v.violation.depth, maxMemoryBytes });
    return rerun[which].violation?.path;
  };
  const verdictOf = (name: string, v: EngineVerdict, which: "conservation" | "noStuckSnapshot") => {
    const base = { name, holds: v.holds, complete: v.complete };
    const path = pathOf(which, v);
    if (v.violation === undefined || path === undefined) return base;
    const cx = { property: name, instance: 0, reason: v.violation.reason, ...path, loop: v.violation.loop };
    const stored = writeCounterexample(model, config, cx, options.outDir);
    return {
      ...base,
      counterexample: {
        file: stored.path,
        steps: path.steps.length,
        reason: cx.reason,
        written: stored.status === "written",
      },
    };
  };
  if (options.graphFile !== undefined) writeGraph(compactGraph(result, model), options.graphFile);
  const termination = config.properties.includes("termination") ? terminationOf(result) : undefined;
  const properties = [
    ...(config.properties.includes("conservation")
      ? [verdictOf("conservation", result.conservation, "conservation")]
      : []),
    ...(termination?.verdict === undefined
      ? []
      : [verdictOf("termination", termination.verdict, "noStuckSnapshot")]),
  ];
  const left = config.properties
    .filter((name) => !properties.some((p) => p.name === name))
    .map((name) => ({
      name,
      reason: name === "termination" ? (termination?.undecided ?? LEFT_TO_GENERIC) : LEFT_TO_GENERIC,
    }));
  return reportOf(resolved, result, properties, left, started, options.reduce);
}

/**
 * `explore --engine compact --workers N`: the same search on N worker threads. Its figures are the
 * sequential engine's; a violation has no path there (parent links do not cross workers), so the
 * sequential engine, which finds the same shortest violation, is run again to write it.
 */
export async function runCompactParallel(
  resolved: ResolvedConfig,
  options: CompactOptions & { readonly workers: number },
): Promise<CheckReport> {
  const started = performance.now();
  const { config } = resolved;
  const result = await exploreCompactParallel(engineModelOf(buildModel(config, resolved.plugins)), {
    workers: options.workers,
    mode: options.mode === "fingerprint" ? "fingerprint" : "exact",
    symmetry: options.reduce === "symmetry",
    maxDepth: config.maxDepth,
    maxMemoryBytes: config.maxMemoryMiB === undefined ? undefined : config.maxMemoryMiB * 2 ** 20,
  });
  if (!result.conservation.holds || !result.noStuckSnapshot.holds) {
    const sequential = runCompact(resolved, { ...options, progress: false });
    return { ...sequential, engine: { ...sequential.engine, workers: options.workers } };
  }
  const properties = config.properties.includes("conservation")
    ? [{ name: "conservation", holds: true, complete: result.conservation.complete }]
    : [];
  const left = config.properties
    .filter((name) => name !== "conservation")
    .map((name) => ({
      name,
      reason:
        name === "termination"
          ? "no snapshot gets stuck in a deadlock; fair cycles need the whole state graph in one process: run without --workers"
          : LEFT_TO_GENERIC,
    }));
  const report = reportOf(resolved, result, properties, left, started, options.reduce);
  return { ...report, engine: { ...report.engine, workers: result.parallel.workers } };
}

/** The report of a compact search: explore's shape, with the engine that ran. */
function reportOf(
  { config, defaultBound, skipped }: ResolvedConfig,
  result: EngineResult,
  properties: CheckReport["properties"],
  left: CheckReport["skipped"],
  started: number,
  reduce: Reduction,
): CheckReport {
  const { stats } = result;
  return {
    config,
    search: searchDescription(config, defaultBound),
    skipped: [...skipped, ...left],
    stats: {
      distinctStates: stats.distinctStates,
      transitions: stats.transitions,
      maxDepth: stats.maxDepth,
      completeSnapshots: stats.completeSnapshots,
      deadlocks: stats.deadlocks,
      // The whole run, the graph pass and the fair-cycle search included; the rate is the search's own.
      seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
      statesPerSecond: stats.statesPerSecond,
      stoppedBy: stats.stop === "exhausted" ? null : stats.stop,
    },
    properties,
    engine: {
      name: "compact",
      mode: result.mode,
      reduce,
      ...(result.symmetry === undefined ? {} : { orbits: result.symmetry.orbits }),
      bytesPerState: Number(stats.bytesPerState.toFixed(1)),
      ...(result.fingerprint === undefined
        ? {}
        : { collisionProbability: result.fingerprint.collisionProbability }),
      ...(result.bitstate === undefined
        ? {}
        : {
            bitstate: {
              hashFactor: result.bitstate.hashFactor,
              expectedMissed: result.bitstate.expectedMissed,
            },
          }),
    },
  };
}

/**
 * termination's verdict, or why it is undecided: whole in exact mode without reductions (stuck
 * snapshots and fair cycles); elsewhere only a stuck snapshot is a verdict ("holds" is not claimed).
 */
function terminationOf(result: EngineResult): { verdict?: EngineVerdict; undecided?: string } {
  if (!result.noStuckSnapshot.holds) return { verdict: result.noStuckSnapshot };
  const undecided = (why: string) => ({
    undecided: `no snapshot gets stuck in a deadlock; fair cycles ${why}: check them with --engine generic`,
  });
  if (result.space === undefined) {
    return undecided(
      result.stats.stop === "max-memory"
        ? "need the state graph, and the search stopped on its memory budget"
        : "need the whole state graph: an exact run without reductions",
    );
  }
  try {
    return { verdict: checkTermination(result) };
  } catch (error) {
    if (!(error instanceof OutOfMemoryBudget)) throw error;
    return undecided("need the state graph, and the memory budget has no room for it");
  }
}

/** The graphology graph of an exact run without reductions, or a ConfigError saying why not. */
function compactGraph(result: EngineResult, model: Model) {
  const space = result.space;
  if (space === undefined) {
    throw new ConfigError(
      "--graph",
      "the search stopped on its memory budget, so there is no complete state graph to write: raise --max-memory or leave --graph out",
    );
  }
  if (space.transitions > MAX_GRAPHOLOGY_EDGES) {
    throw new ConfigError(
      "--graph",
      `the state graph has ${space.transitions} edges; a graphology graph costs about 1 KB per edge, so the compact engine writes one only up to ${MAX_GRAPHOLOGY_EDGES} edges: bound the search (--max-depth, --max-states) or leave --graph out`,
    );
  }
  try {
    return toGraphologyCompact(space, model);
  } catch (error) {
    if (!(error instanceof OutOfMemoryBudget)) throw error;
    throw new ConfigError("--graph", "the memory budget has no room for the state graph: raise --max-memory");
  }
}
