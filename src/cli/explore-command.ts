/** `snapcheck explore`: configuration from --config and flags, check, report. */
import { ConfigError } from "../errors.js";
import { loadPlugins } from "../plugins/load.js";
import { parseFlags } from "./args.js";
import { MODEL_FLAGS, modelInput } from "./model-input.js";
import { printJson } from "./print.js";
import { printReport } from "./print-report.js";
import { stderrProgress } from "./progress.js";
import { type CheckReport, configFrom, exitCodeOf, runCheckUntilSignalled } from "./run-check.js";

export const EXPLORE_FLAGS = {
  ...MODEL_FLAGS,
  mode: {
    type: "string",
    value: "NAME",
    description:
      "how states are stored: exact | fingerprint (64-bit, TLC-style) | bitstate (SPIN supertrace)",
    default: "exact",
  },
  reduce: {
    type: "string",
    value: "NAME",
    description:
      "none | symmetry (one state per orbit) | auto (symmetry where every property checked allows it)",
    default: "auto",
  },
  out: {
    type: "string",
    value: "DIR",
    description: "where counterexamples are written",
    default: "counterexamples",
  },
  graph: {
    type: "string",
    value: "FILE",
    description: "also write the global-state graph (graphology JSON; small runs)",
  },
  json: { type: "boolean", description: "print one JSON object on stdout" },
} as const;

export async function exploreCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, EXPLORE_FLAGS, "explore");
  if (positionals.length > 0)
    throw new ConfigError(
      "explore",
      `unexpected argument "${positionals[0]}"; give a config with --config FILE`,
    );
  const { raw } = modelInput(values);
  const mode = choice("--mode", values.mode ?? "exact", ["exact", "fingerprint", "bitstate"]);
  const reduce = choice("--reduce", values.reduce ?? "auto", ["auto", "none", "symmetry"]);
  if (values.graph !== undefined && mode !== "exact")
    throw new ConfigError(
      "--graph",
      `a ${mode} store keeps no state graph: use --mode exact, or leave --graph out`,
    );
  const resolved = configFrom(raw, await loadPlugins(raw));
  const outDir = values.out ?? "counterexamples";
  const print = (report: CheckReport) => {
    if (values.json === true) printJson(report);
    else printReport(report);
    return exitCodeOf(report);
  };
  return runCheckUntilSignalled(resolved, {
    outDir,
    progress: stderrProgress,
    graphFile: values.graph,
    store: mode,
    symmetry: reduce === "symmetry" ? true : reduce === "auto" ? "auto" : false,
  }).then(print);
}

/** The flag's value if it is one of `names`, or a ConfigError listing them. */
function choice<const T extends string>(flag: string, value: string, names: readonly T[]): T {
  if (!(names as readonly string[]).includes(value))
    throw new ConfigError(flag, `expected one of ${names.join(", ")}, got ${JSON.stringify(value)}`);
  return value as T;
}
