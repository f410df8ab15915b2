/** `snapcheck explore`: configuration from --config and flags, check, report. */
import { readFileSync } from "node:fs";
import { ConfigError } from "../errors.js";
import { parseFlags } from "./args.js";
import { printReport } from "./print-report.js";
import { stderrProgress } from "./progress.js";
import { configFrom, exitCodeOf, runCheck } from "./run-check.js";
import { runCompact } from "./run-compact.js";
import { scenarioInput } from "./scenario-input.js";

const FLAGS = {
  config: { type: "string" },
  processes: { type: "string" },
  topology: { type: "string" },
  balances: { type: "string" },
  stock: { type: "string" },
  workload: { type: "string" },
  algorithm: { type: "string" },
  channels: { type: "string" },
  initiators: { type: "string" },
  instances: { type: "string" },
  events: { type: "string" },
  ticks: { type: "boolean" },
  properties: { type: "string" },
  "max-states": { type: "string" },
  "max-depth": { type: "string" },
  "max-memory": { type: "string" },
  engine: { type: "string" },
  mode: { type: "string" },
  reduce: { type: "string" },
  out: { type: "string" },
  graph: { type: "string" },
  json: { type: "boolean" },
} as const;

/** Flag name → config field. */
const FIELD_OF: Record<string, string> = {
  processes: "processes",
  topology: "topology",
  balances: "balances",
  stock: "stock",
  workload: "workload",
  algorithm: "algorithm",
  channels: "channels",
  initiators: "initiators",
  instances: "instances",
  ticks: "ticks",
  properties: "properties",
  "max-states": "maxStates",
  "max-depth": "maxDepth",
  "max-memory": "maxMemoryMiB",
};

export function exploreCommand(argv: string[]): number {
  const { values, positionals } = parseFlags(argv, FLAGS, "explore");
  if (positionals.length > 0)
    throw new ConfigError(
      "explore",
      `unexpected argument "${positionals[0]}"; give a config with --config FILE`,
    );
  const raw: Record<string, unknown> = values.config === undefined ? {} : readConfigFile(values.config);
  const scenario = scenarioInput(values.topology, values.events);
  if (scenario !== undefined) Object.assign(raw, scenario.config);
  for (const [flag, field] of Object.entries(FIELD_OF)) {
    const value = values[flag as keyof typeof values];
    // With --events, --topology named the scenario's topology file, read above.
    if (value !== undefined && !(scenario !== undefined && flag === "topology")) raw[field] = value;
  }
  const engine = choice("--engine", values.engine ?? "generic", ["generic", "compact"]);
  const mode = choice("--mode", values.mode ?? "exact", ["exact", "fingerprint", "bitstate"]);
  const reduce = choice("--reduce", values.reduce ?? "none", ["none", "symmetry"]);
  if (engine === "generic" && (mode !== "exact" || reduce !== "none" || values.mode !== undefined)) {
    throw new ConfigError(
      values.mode !== undefined ? "--mode" : "--reduce",
      "fingerprint and bitstate modes and symmetry reduction belong to the compact engine: add --engine compact",
    );
  }
  if (engine === "compact" && values.graph !== undefined)
    throw new ConfigError(
      "--graph",
      "the compact engine keeps no state graph: leave --graph out or use --engine generic",
    );
  const resolved = configFrom(raw);
  const outDir = values.out ?? "counterexamples";
  const report =
    engine === "compact"
      ? runCompact(resolved, { outDir, mode, symmetry: reduce === "symmetry", progress: true })
      : runCheck(resolved, { outDir, progress: stderrProgress, graphFile: values.graph });
  if (values.json === true) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else printReport(report);
  return exitCodeOf(report);
}

/** The flag's value if it is one of `names`, or a ConfigError listing them. */
function choice<const T extends string>(flag: string, value: string, names: readonly T[]): T {
  if (!(names as readonly string[]).includes(value))
    throw new ConfigError(flag, `expected one of ${names.join(", ")}, got ${JSON.stringify(value)}`);
  return value as T;
}

/** Reads a JSON config file, or a ConfigError naming the file and what is wrong with it. */
export function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new ConfigError("--config", `cannot read ${path}: give the path of a JSON config file`);
  }
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json !== "object" || json === null || Array.isArray(json)) throw new Error("not an object");
    return json as Record<string, unknown>;
  } catch (e) {
    throw new ConfigError("--config", `${path} is not a JSON object (${(e as Error).message})`);
  }
}
