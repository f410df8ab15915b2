/**
 * `snapcheck simulate`: the configuration of `explore` (--config and the same flags), runs sampled
 * with fast-check (src/simulation/), counterexamples shrunk and written like explore's, and the
 * report — printed, or as one JSON object — with the seed, the paths and the command lines that
 * reproduce it.
 */
import { properties as catalogue, findProperty } from "../../properties/index.js";
import { buildModel, type SnapcheckConfig } from "../config.js";
import type { Property } from "../engine/property.js";
import { ConfigError, UsageError } from "../errors.js";
import type { Model } from "../model/model.js";
import { NO_PLUGINS, type Plugins, propertyNamed, propertySpec } from "../plugins/plugins.js";
import { judgeFor } from "../simulation/judges.js";
import {
  buildReport,
  exitCodeOf,
  type SimulationReport,
  type SimulationSettings,
} from "../simulation/report.js";
import type { Strategy } from "../simulation/schedule.js";
import { parseShard, runRange } from "../simulation/shard.js";
import {
  DEFAULT_MAX_STEPS,
  DEFAULT_RUNS,
  type SimulatedCounterexample,
  type SimulationResult,
  simulate,
} from "../simulation/simulate.js";
import { findStrategy, strategies } from "../simulation/strategies/index.js";
import { writeCounterexample } from "../trace/counterexample-file.js";
import type { SnapcheckMeta } from "../trace/itf.js";
import { parseFlags, pickFlags } from "./args.js";
import { MODEL_FLAGS, readConfigFile } from "./model-input.js";
import { printJson, printText } from "./print.js";
import { n } from "./progress.js";
import { configFrom } from "./run-check.js";

/** explore's model flags (each sets the config field of its name), then the simulation's own. */
export const SIMULATE_FLAGS = {
  ...pickFlags(MODEL_FLAGS, [
    "processes",
    "topology",
    "balances",
    "stock",
    "workload",
    "algorithm",
    "channels",
    "initiators",
    "properties",
    "config",
  ]),
  runs: { type: "string", value: "K", description: "runs to sample", default: String(DEFAULT_RUNS) },
  "max-steps": {
    type: "string",
    value: "L",
    description: "scheduled steps per run; then no more application steps, deliveries forced fair",
    default: String(DEFAULT_MAX_STEPS),
  },
  seed: {
    type: "string",
    value: "S",
    description: "fast-check seed, 0 to 2^31-1",
    default: "random, printed",
  },
  strategy: { type: "string", value: "NAME", description: "uniform | pct | overtake", default: "uniform" },
  shard: {
    type: "string",
    value: "i/n",
    description: "run only the i-th of n blocks of the runs (merge the --json reports)",
  },
  path: {
    type: "string",
    value: "P",
    description: "replay one counterexample: the path a simulation printed (RUN:SHRINK…)",
  },
  out: {
    type: "string",
    value: "DIR",
    description: "where counterexamples are written",
    default: "counterexamples",
  },
  json: { type: "boolean", description: "print one JSON object on stdout" },
} as const;

/** The flags that are not config fields. */
const OWN_FLAGS = new Set([
  "config",
  "runs",
  "max-steps",
  "seed",
  "strategy",
  "shard",
  "path",
  "out",
  "json",
]);

/**
 * The loader of plug-ins comes from cli.ts: the playground bundles this module, and must not reach
 * the module loader (tsx) through it.
 */
export async function simulateCommand(
  argv: string[],
  loadPlugins: (raw: Record<string, unknown>) => Promise<Plugins>,
): Promise<number> {
  const { values, positionals } = parseFlags(argv, SIMULATE_FLAGS, "simulate");
  if (positionals.length > 0) {
    throw new UsageError(
      `simulate: unexpected argument "${positionals[0]}"; give a config with --config FILE`,
    );
  }
  const raw: Record<string, unknown> = values.config === undefined ? {} : readConfigFile(values.config);
  for (const [flag, value] of Object.entries(values)) if (!OWN_FLAGS.has(flag)) raw[flag] = value;
  const plugins = await loadPlugins(raw);
  const { config, skipped } = simulationConfig(raw, plugins);
  const settings = settingsFrom(values, config);
  const report = simulationReport(config, skipped, settings, values.out ?? "counterexamples", plugins);
  if (values.json === true) printJson(report);
  else printSimulation(report);
  return exitCodeOf(report);
}

/** The configuration a simulation runs on, from its raw fields; a ConfigError for one it cannot sample. */
export function simulationConfig(
  raw: Record<string, unknown>,
  plugins: Plugins = NO_PLUGINS,
): {
  config: SnapcheckConfig;
  skipped: SimulationReport["skipped"];
} {
  const resolved = configFrom(raw, plugins);
  if (resolved.config.script !== undefined || (resolved.config.instances ?? 1) > 1) {
    throw new ConfigError(
      resolved.config.script !== undefined ? "script" : "instances",
      "simulate samples runs of one free-running snapshot; check scripts and several instances with snapcheck explore (or snapshots)",
    );
  }
  // explore's search limits mean nothing to a simulation: leave them out of its reports and traces
  const config = { ...resolved.config, maxStates: undefined, maxDepth: undefined, maxMemoryMiB: undefined };
  return { config, skipped: resolved.skipped };
}

/** Runs the simulation `settings` describe on `config`, writes its counterexamples to `outDir`, and reports. */
function simulationReport(
  config: SnapcheckConfig,
  skipped: SimulationReport["skipped"],
  settings: SimulationSettings,
  outDir: string,
  plugins: Plugins,
): SimulationReport {
  const { first, end } =
    settings.path === null ? runRange(settings.runs, settings.shard) : pathRange(settings.path);
  const { model, result } = runSimulation(config, settings, first, end, plugins);
  return buildReport({
    config,
    skipped,
    settings,
    first,
    end,
    result,
    store(cx) {
      // A trace is about one property: so a --path replay, which checks that one, writes the same file.
      const stored = writeCounterexample(
        model,
        { ...config, properties: [propertySpec(cx.property, plugins)] },
        cx,
        outDir,
        simulationMeta(settings, cx),
      );
      return { file: stored.path, written: stored.status === "written" };
    },
  });
}

/** Samples runs `first` up to `end` of `config` as `settings` say, each property judged on each run. */
export function runSimulation(
  config: SnapcheckConfig,
  settings: Pick<SimulationSettings, "seed" | "strategy" | "maxSteps" | "path">,
  first: number,
  end: number,
  plugins: Plugins = NO_PLUGINS,
): { model: Model; result: SimulationResult } {
  const model = buildModel(config, plugins);
  const result = simulate({
    model,
    judges: config.properties.map((name) =>
      judgeFor(propertyNamed(name, catalogue, plugins) as Property, model),
    ),
    strategy: strategyNamed(settings.strategy),
    maxSteps: settings.maxSteps,
    seed: settings.seed,
    first,
    end,
    shrinkPath: settings.path?.split(":").slice(1).join(":"),
  });
  return { model, result };
}

/** What a simulated counterexample's trace records of the simulation that found it, in its #meta. */
export function simulationMeta(
  settings: Pick<SimulationSettings, "seed" | "strategy" | "maxSteps">,
  cx: SimulatedCounterexample,
): Partial<SnapcheckMeta> {
  const { seed, strategy, maxSteps } = settings;
  return {
    source: "simulate",
    seed,
    strategy,
    maxSteps,
    path: cx.path,
    stepsBeforeShrinking: cx.stepsBeforeShrinking,
  };
}

type Values = ReturnType<typeof parseFlags<typeof SIMULATE_FLAGS>>["values"];

/** The simulation's settings from its flags' texts, with the command's defaults (a random seed). */
export function settingsFrom(values: Values, config: SnapcheckConfig): SimulationSettings {
  const text = (flag: Exclude<keyof Values, "json">) => values[flag];
  const runs = wholeNumber("--runs", text("runs"), 1, DEFAULT_RUNS);
  const path = text("path") ?? null;
  if (path !== null && !/^\d+(:\d+)*$/.test(path)) {
    throw new ConfigError(
      "--path",
      `expected RUN or RUN:SHRINK… as a simulation printed it, e.g. 17:3:1, got ${JSON.stringify(path)}`,
    );
  }
  if (path?.includes(":") && config.properties.length !== 1) {
    throw new ConfigError(
      "--path",
      "a path with shrink steps belongs to one property's counterexample: add --properties NAME",
    );
  }
  const shard = text("shard");
  if (path !== null && shard !== undefined)
    throw new ConfigError("--path", "replays one run: leave out --shard");
  return {
    seed: wholeNumber("--seed", text("seed"), 0, Math.floor(Math.random() * 2 ** 31), 2 ** 31 - 1),
    strategy: strategyNamed(text("strategy") ?? "uniform").name,
    maxSteps: wholeNumber("--max-steps", text("max-steps"), 0, DEFAULT_MAX_STEPS),
    runs,
    shard: shard === undefined ? null : parseShard(shard, runs),
    path,
  };
}

function strategyNamed(name: string): Strategy {
  const strategy = findStrategy(name);
  if (strategy === undefined) {
    throw new ConfigError(
      "--strategy",
      `expected one of ${strategies.map((s) => s.name).join(", ")}, got ${JSON.stringify(name)}`,
    );
  }
  return strategy;
}

/** A path replays its run alone. */
function pathRange(path: string): { first: number; end: number } {
  const run = Number(path.split(":")[0]);
  return { first: run, end: run + 1 };
}

function wholeNumber(
  flag: string,
  text: string | undefined,
  min: number,
  fallback: number,
  max = 1e9,
): number {
  if (text === undefined) return fallback;
  const value = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new ConfigError(flag, `expected a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return value;
}

/** The human report: configuration, search, statistics, one block per property, the command that reproduces it. */
export function printSimulation(report: SimulationReport): void {
  const { config, stats } = report;
  const out = (line = "") => printText(`${line}\n`);
  out(
    `snapcheck simulate: ${config.workload}, ${config.algorithm}, ${config.channels} channels, ${config.processes} processes (${typeof config.topology === "string" ? config.topology : "links"}), balances ${config.balances.join(",")}, initiators ${config.initiators.map((p) => `P${p}`).join(",")}`,
  );
  out(`Search: ${report.search}`);
  out(
    `${n(stats.runs)} runs, ${n(stats.steps)} steps in ${stats.seconds.toFixed(2)} s (${n(stats.runsPerSecond)} runs/s, ${n(stats.stepsPerSecond)} steps/s); ${n(stats.completeSnapshots)} complete snapshots, ${n(stats.deadlocks)} deadlocks.`,
  );
  out();
  const width = Math.max(
    ...report.properties.map((p) => p.name.length),
    ...report.skipped.map((p) => p.name.length),
  );
  const indent = " ".repeat(width + 15);
  for (const p of report.properties) {
    const name = p.name.padEnd(width);
    const cx = p.counterexample;
    if (cx !== undefined) {
      out(
        `  ${name}  VIOLATED   run ${cx.run}: ${cx.stepsBeforeShrinking} steps, shrunk to ${cx.steps} — ${cx.reason}`,
      );
      out(
        `${indent}${cx.written ? "written to" : "already in"} ${cx.file} (and .txt); replay: snapcheck replay ${cx.file}`,
      );
      out(`${indent}path ${cx.path}; reproduce: ${cx.reproduce}`);
    } else if (!p.complete) {
      out(
        `  ${name}  UNDECIDED  no violation, but ${n(p.undecidedRuns)} runs could not decide it: ${p.undecidedWhy ?? ""}`,
      );
    } else {
      out(`  ${name}  holds      on every run — ${findProperty(p.name)?.description ?? ""}`);
    }
  }
  for (const s of report.skipped) out(`  ${s.name.padEnd(width)}  SKIPPED    ${s.reason}`);
  out();
  out(`Seed ${report.simulation.seed}. Reproduce: ${report.reproduce}`);
}
