/**
 * A simulation's result as `snapcheck simulate --json` prints it: the shape of `explore`'s report
 * (`config`, `search`, `stats`, `properties` with `holds`, `complete` and `counterexample: { file,
 * steps, … }`) plus what reproduces it — the settings, and for the whole result and for each
 * counterexample the one command line that gives it again.
 */
import type { SnapcheckConfig } from "../config.js";
import type { Shard } from "./shard.js";
import type { RunStats, SimulatedCounterexample, SimulationResult } from "./simulate.js";

export interface SimulationSettings {
  readonly seed: number;
  readonly strategy: string;
  readonly maxSteps: number;
  /** Runs of the whole simulation, all shards together. */
  readonly runs: number;
  readonly shard: Shard | null;
  /** Replaying one counterexample along its path (`RUN:SHRINK…`) instead of running them all. */
  readonly path: string | null;
}

export interface PropertyReport {
  readonly name: string;
  readonly holds: boolean;
  /** Violated, or decided on every run (a sample, never a proof that it holds). */
  readonly complete: boolean;
  readonly undecidedRuns: number;
  readonly undecidedWhy?: string | undefined;
  readonly counterexample?: {
    readonly file: string;
    readonly steps: number;
    readonly reason: string;
    readonly written: boolean;
    readonly run: number;
    readonly path: string;
    readonly stepsBeforeShrinking: number;
    readonly reproduce: string;
  };
}

export interface SimulationReport {
  readonly config: SnapcheckConfig;
  readonly search: string;
  /** The settings, and the run indices `[first, end)` executed. */
  readonly simulation: SimulationSettings & { readonly first: number; readonly end: number };
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
  readonly stats: {
    readonly runs: number;
    readonly steps: number;
    readonly completeSnapshots: number;
    readonly deadlocks: number;
    readonly seconds: number;
    readonly runsPerSecond: number;
    readonly stepsPerSecond: number;
  };
  readonly properties: readonly PropertyReport[];
  /** The command line that gives this result again (timings aside). */
  readonly reproduce: string;
}

/** Exit code as `explore`'s: 1 a property is violated, 3 some run left a property undecided, else 0. */
export function exitCodeOf(report: SimulationReport): number {
  if (report.properties.some((p) => !p.holds)) return 1;
  if (report.properties.some((p) => !p.complete)) return 3;
  return 0;
}

/** The `snapcheck simulate` command line for `config` and `settings`, every setting spelled out. */
export function commandLine(config: SnapcheckConfig, settings: SimulationSettings): string {
  const topology =
    typeof config.topology === "string"
      ? config.topology
      : config.topology.map(([f, t]) => `${f}-${t}`).join(",");
  const flags = [
    ["processes", config.processes],
    ["topology", topology],
    ["balances", config.balances.join(",")],
    ["stock", config.stock?.join(",")],
    ["workload", config.workload],
    ["algorithm", config.algorithm],
    ["channels", config.channels],
    ["initiators", config.initiators.join(",")],
    ["properties", config.properties.join(",")],
    ["strategy", settings.strategy],
    ["max-steps", settings.maxSteps],
    ["seed", settings.seed],
    ...(settings.path === null
      ? [
          ["runs", settings.runs],
          ["shard", settings.shard === null ? undefined : `${settings.shard.index}/${settings.shard.count}`],
        ]
      : [["path", settings.path]]),
  ] as const;
  const given = flags.filter(([, value]) => value !== undefined).map(([flag, value]) => `--${flag} ${value}`);
  return ["snapcheck simulate", ...given].join(" ");
}

/** The search line of a report, in words. */
export function describeSearch(settings: SimulationSettings, first: number, end: number): string {
  const how = `seed ${settings.seed}, strategy ${settings.strategy}, at most ${settings.maxSteps} scheduled steps per run, then deliveries forced fair`;
  if (settings.path !== null) return `simulation: run ${first} replayed along path ${settings.path} (${how})`;
  const shard = settings.shard === null ? "" : `shard ${settings.shard.index}/${settings.shard.count}: `;
  return `simulation: ${shard}runs ${first}–${end - 1} of ${settings.runs} (${how})`;
}

/** Where a counterexample was stored. */
export interface Stored {
  readonly file: string;
  readonly written: boolean;
}

export interface ReportInput {
  readonly config: SnapcheckConfig;
  readonly skipped: SimulationReport["skipped"];
  readonly settings: SimulationSettings;
  readonly first: number;
  readonly end: number;
  readonly result: SimulationResult;
  /** Stores a counterexample (the caller writes its files). */
  readonly store: (cx: SimulatedCounterexample) => Stored;
}

/** A report's statistics: the counts, the seconds (to the millisecond) and the rates. */
export function statsOf(counts: RunStats, seconds: number): SimulationReport["stats"] {
  const rate = (total: number) => (seconds > 0 ? Math.round(total / seconds) : total);
  const { runs, steps, completeSnapshots, deadlocks } = counts;
  return {
    runs,
    steps,
    completeSnapshots,
    deadlocks,
    seconds: Number(seconds.toFixed(3)),
    runsPerSecond: rate(runs),
    stepsPerSecond: rate(steps),
  };
}

/** The report of a simulation's result. */
export function buildReport(input: ReportInput): SimulationReport {
  const { config, settings, result } = input;
  return {
    config,
    search: describeSearch(settings, input.first, input.end),
    simulation: { ...settings, first: input.first, end: input.end },
    skipped: input.skipped,
    stats: statsOf(result.stats, result.stats.seconds),
    properties: result.verdicts.map(({ counterexample: cx, ...verdict }) => {
      if (cx === undefined) return verdict;
      const replay = { ...settings, shard: null, path: cx.path };
      return {
        ...verdict,
        counterexample: {
          ...input.store(cx),
          steps: cx.steps.length,
          reason: cx.reason,
          run: cx.run,
          path: cx.path,
          stepsBeforeShrinking: cx.stepsBeforeShrinking,
          reproduce: commandLine({ ...config, properties: [cx.property] }, replay),
        },
      };
    }),
    reproduce: commandLine(config, settings),
  };
}
