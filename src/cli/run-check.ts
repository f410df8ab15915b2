/**
 * The explore pipeline shared by `explore` and `examples`: configuration → model → check →
 * counterexample files → the result as data (the `--json` shape). Printing is the caller's.
 */
import { properties as catalogue, settleProperties } from "../../properties/index.js";
import { buildModel, DEFAULT_DEPTH_BOUND, parseConfig, type SnapcheckConfig } from "../config.js";
import { type CheckOptions, type CheckResult, check, checkAsync, symmetryRefusal } from "../engine/check.js";
import type { StoreMode } from "../engine/hashed-search.js";
import type { ProgressSink, SearchFigures } from "../engine/limits.js";
import type { Property } from "../engine/property.js";
import { ConfigError } from "../errors.js";
import { toGraphology } from "../graph/state-graph.js";
import type { Model } from "../model/model.js";
import { ProcessSymmetry } from "../model/symmetry.js";
import { NO_PLUGINS, type Plugins, propertyNamed } from "../plugins/plugins.js";
import { writeCounterexample } from "../trace/counterexample-file.js";
import { writeNewFile } from "./output-file.js";

/** What a report says about the search: how it stored states, what it reduced. */
export interface EngineReport {
  readonly mode: "exact" | "fingerprint" | "bitstate";
  /** none, or symmetry: one state stored per orbit, the whole space's counts kept. */
  readonly reduce: "none" | "symmetry";
  /** Symmetry reduction: the orbits stored (the counts are still the whole space's). */
  readonly orbits?: number;
  /** Fingerprint mode: the probability that a collision hid a state. */
  readonly collisionProbability?: number;
  /** Bitstate mode: SPIN-style coverage figures. */
  readonly bitstate?: { readonly hashFactor: number; readonly expectedMissed: number };
  readonly bytesPerState?: number;
}

export interface CheckReport {
  /** Set when a signal stopped the search: the report is partial. */
  readonly stopped?: "signal";
  /** The signal that stopped it. */
  readonly signal?: NodeJS.Signals;
  readonly config: SnapcheckConfig;
  readonly engine: EngineReport;
  /** How the search was bounded, in words (e.g. "exhaustive", "depth ≤ 12 (default under nonfifo)"). */
  readonly search: string;
  /** Properties that could not be decided on this model, and why. */
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
  /** Transitions explored by kind of step, as TLC's coverage (0: never enabled). */
  readonly coverage?: readonly { readonly kind: string; readonly taken: number }[];
  /** Why some verdict may be vacuous. */
  readonly warnings?: readonly string[];
  readonly stats: Omit<SearchFigures, "stop"> & { readonly stoppedBy: string | null };
  readonly properties: readonly {
    readonly name: string;
    readonly holds: boolean;
    readonly complete: boolean;
    readonly counterexample?: {
      readonly file: string;
      readonly steps: number;
      /** The snapshot instance it violates, when several run. */
      readonly instance?: number;
      readonly reason: string;
      readonly written: boolean;
    };
  }[];
}

/**
 * Exit code of a report: 130 or 143 a signal (SIGINT, SIGTERM) stopped the search, 1 a property is
 * violated, 3 a limit stopped the search before a verdict, else 0.
 */
export function exitCodeOf(report: CheckReport): number {
  if (report.signal !== undefined) return report.signal === "SIGTERM" ? 143 : 130;
  if (report.properties.some((p) => !p.holds)) return 1;
  if (report.properties.some((p) => !p.complete)) return 3;
  return 0;
}

export interface ResolvedConfig {
  readonly config: SnapcheckConfig;
  /** The depth bound is the default one for an infinite space, not the user's. */
  readonly defaultBound: boolean;
  /** Properties of the default set that cannot be decided on this model, and why. */
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
  /** The modules the configuration names by path. */
  readonly plugins: Plugins;
}

/**
 * Validates raw fields and settles the properties: one that cannot be decided on the model is left
 * out of the default set (and reported), and refused when asked for by name.
 */
export function configFrom(raw: Record<string, unknown>, plugins: Plugins = NO_PLUGINS): ResolvedConfig {
  const parsed = parseConfig(
    raw,
    catalogue.map((p) => p.name),
    plugins,
  );
  const model = buildModel(parsed, plugins);
  const named = raw.properties !== undefined;
  const { properties, skipped } = settleProperties(model, parsed.properties, named, (name) =>
    propertyNamed(name, catalogue, plugins),
  );
  const config = { ...parsed, properties };
  const defaultBound = raw.maxDepth === undefined && config.maxDepth === DEFAULT_DEPTH_BOUND;
  return { config, defaultBound, skipped, plugins };
}

export interface RunOptions {
  readonly outDir: string;
  readonly progress?: ProgressSink | undefined;
  /** Write the global-state graph here (graphology's JSON serialisation); never over an existing file. */
  readonly graphFile?: string | undefined;
  /** How states are stored (default exact). */
  readonly store?: StoreMode | undefined;
  /** A state bound of the caller's own, beside the configuration's (the matrix's safety net). */
  readonly maxStates?: number | undefined;
  /**
   * One state per orbit of the model's symmetry of processes: asked for (--reduce symmetry), or
   * `auto` — wherever it keeps every verdict the run gives: the model has a symmetry, every
   * property checked allows it, and no graph is written.
   */
  readonly symmetry?: boolean | "auto" | undefined;
}

export function runCheck(resolved: ResolvedConfig, options: RunOptions): CheckReport {
  const model = buildModel(resolved.config, resolved.plugins);
  const symmetry = symmetryFor(model, resolved, options);
  return reportOf(
    resolved,
    model,
    check(model, selectedProperties(resolved), { ...checkOptions(resolved, options), symmetry }),
    options,
  );
}

/**
 * `runCheck` that SIGINT and SIGTERM stop cleanly: the search ends where it is, and the report has
 * the partial statistics, every verdict so far and every counterexample found, with
 * `stopped: "signal"` and the signal's name.
 */
export async function runCheckUntilSignalled(
  resolved: ResolvedConfig,
  options: RunOptions,
): Promise<CheckReport> {
  const model = buildModel(resolved.config, resolved.plugins);
  const symmetry = symmetryFor(model, resolved, options);
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const stop = (signal: NodeJS.Signals) => {
    received = signal;
    controller.abort();
  };
  // `on`, not `once`: a wrapper (npx, tsx) may relay the signal the terminal sent to the group too.
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  try {
    const result = await checkAsync(model, selectedProperties(resolved), {
      ...checkOptions(resolved, options),
      symmetry,
      signal: controller.signal,
    });
    const report = reportOf(resolved, model, result, options);
    return received === undefined ? report : { ...report, stopped: "signal", signal: received };
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}

/** Whether the check keeps one state per orbit; `--reduce symmetry` on a model without symmetry is refused with the reason. */
function symmetryFor(model: Model, resolved: ResolvedConfig, options: RunOptions): boolean {
  if (options.symmetry === undefined || options.symmetry === false) return false;
  const refused = symmetryRefusal(ProcessSymmetry.of(model), options.graphFile !== undefined);
  if (options.symmetry === "auto")
    return (
      refused === undefined &&
      selectedProperties(resolved).every((p) => p.kind === "always" && p.symmetric === true)
    );
  if (refused !== undefined)
    throw new ConfigError(refused.field === "graph" ? "--graph" : "--reduce", refused.reason);
  return true;
}

function selectedProperties({ config, plugins }: ResolvedConfig): Property[] {
  return config.properties.map((name) => propertyNamed(name, catalogue, plugins) as Property);
}

function checkOptions({ config }: ResolvedConfig, options: RunOptions): CheckOptions {
  const maxStates = Math.min(
    config.maxStates ?? Number.POSITIVE_INFINITY,
    options.maxStates ?? Number.POSITIVE_INFINITY,
  );
  return {
    limits: Number.isFinite(maxStates) ? { ...config, maxStates } : config,
    progress: options.progress,
    graph: options.graphFile !== undefined,
    store: options.store,
  };
}

function reportOf(
  { config, defaultBound, skipped }: ResolvedConfig,
  model: Model,
  result: CheckResult,
  options: RunOptions,
): CheckReport {
  const { outDir } = options;
  if (options.graphFile !== undefined && result.space !== undefined)
    writeGraph(toGraphology(result.space), options.graphFile);
  return {
    config,
    engine: engineOf(result),
    search: searchDescription(config, defaultBound),
    // Left out by the configuration, or by the check (a property that cannot be decided at this size).
    skipped: [
      ...skipped,
      ...result.skipped
        .filter((s) => !skipped.some((k) => k.name === s.property.name))
        .map((s) => ({ name: s.property.name, reason: s.reason })),
    ],
    coverage: result.coverage,
    warnings: result.warnings,
    stats: {
      ...result.stats,
      seconds: Number(result.stats.seconds.toFixed(3)),
      stoppedBy: result.stats.stop === "exhausted" ? null : result.stats.stop,
    },
    properties: result.verdicts.map((v) => {
      const base = { name: v.property.name, holds: v.holds, complete: v.complete };
      if (v.counterexample === undefined) return base;
      const stored = writeCounterexample(model, config, v.counterexample, outDir);
      return {
        ...base,
        counterexample: {
          file: stored.path,
          steps: v.counterexample.steps.length,
          ...(model.instances > 1 ? { instance: v.counterexample.instance } : {}),
          reason: v.counterexample.reason,
          written: stored.status === "written",
        },
      };
    }),
  };
}

/** The packed engine's report: its store, and what a hashed store may have missed. */
function engineOf({ store, stats, symmetry }: CheckResult): EngineReport {
  const reduced =
    symmetry === undefined
      ? { reduce: "none" as const }
      : { reduce: "symmetry" as const, orbits: symmetry.orbits };
  if (store === undefined) return { mode: "exact", ...reduced };
  const bytesPerState = stats.distinctStates === 0 ? 0 : Math.round(store.peakBytes / stats.distinctStates);
  return {
    mode: store.mode,
    ...reduced,
    bytesPerState,
    ...(store.collisionProbability === undefined ? {} : { collisionProbability: store.collisionProbability }),
    ...(store.bitstate === undefined
      ? {}
      : {
          bitstate: { hashFactor: store.bitstate.hashFactor, expectedMissed: store.bitstate.expectedMissed },
        }),
  };
}

/** Writes a state graph as graphology's JSON serialisation to `file`, never over a different file. */
export function writeGraph(graph: { export(): unknown }, file: string): void {
  writeNewFile(file, `${JSON.stringify(graph.export())}\n`, "--graph");
}

export function searchDescription(config: SnapcheckConfig, defaultBound: boolean): string {
  const why = defaultBound ? ` (default bound: under ${config.channels} the state space is infinite)` : "";
  const bounds = [
    config.maxDepth === undefined ? "" : `depth ≤ ${config.maxDepth}${why}`,
    config.maxStates === undefined ? "" : `at most ${config.maxStates} states`,
    config.maxMemoryMiB === undefined ? "" : `at most ${config.maxMemoryMiB} MiB`,
  ].filter((b) => b !== "");
  if (bounds.length === 0) return "exhaustive";
  return `bounded: ${bounds.join(", ")}`;
}
