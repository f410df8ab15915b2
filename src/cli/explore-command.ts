/** `snapcheck explore`: configuration from --config and flags, check, report. */
import { ConfigError } from "../errors.js";
import { loadPlugins } from "../plugins/load.js";
import { parseFlags } from "./args.js";
import { MODEL_FLAGS, modelInput } from "./model-input.js";
import { printJson } from "./print.js";
import { printReport } from "./print-report.js";
import { stderrProgress } from "./progress.js";
import {
  type CheckReport,
  configFrom,
  exitCodeOf,
  type Reduction,
  runCheckUntilSignalled,
} from "./run-check.js";
import { runCompact, runCompactParallel } from "./run-compact.js";

export const EXPLORE_FLAGS = {
  ...MODEL_FLAGS,
  engine: {
    type: "string",
    value: "NAME",
    description:
      "generic (the packed engine: every model, every property) | compact (bank, chandy-lamport, one snapshot)",
    default: "generic",
  },
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
      "none | symmetry (one state per orbit) | auto (symmetry where every property checked allows it); compact engine also: por | all",
    default: "auto",
  },
  workers: {
    type: "string",
    value: "N",
    description: "compact engine: search on N worker threads",
    default: "1",
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
  const engine = choice("--engine", values.engine ?? "generic", ["generic", "compact"]);
  const mode = choice("--mode", values.mode ?? "exact", ["exact", "fingerprint", "bitstate"]);
  const reduce = choice("--reduce", values.reduce ?? "auto", ["auto", "none", "symmetry", "por", "all"]);
  if (engine === "generic" && !["auto", "none", "symmetry"].includes(reduce))
    throw new ConfigError(
      "--reduce",
      "partial-order reduction of a free-running model belongs to the compact engine: add --engine compact",
    );
  if (values.graph !== undefined && mode !== "exact")
    throw new ConfigError(
      "--graph",
      `a ${mode} store keeps no state graph: use --mode exact, or leave --graph out`,
    );
  if (engine === "compact" && values.graph !== undefined && !["auto", "none"].includes(reduce))
    throw new ConfigError(
      "--graph",
      "the compact engine builds the state graph without reductions only: use --reduce none, or leave --graph out",
    );
  const workers = values.workers === undefined ? 1 : workerCount(values.workers);
  if (
    workers > 1 &&
    (engine !== "compact" ||
      mode === "bitstate" ||
      !["auto", "none", "symmetry"].includes(reduce) ||
      values.graph !== undefined)
  )
    throw new ConfigError(
      "--workers",
      "several workers run the compact engine in exact or fingerprint mode, with no reduction but symmetry and without --graph: add --engine compact",
    );
  const resolved = configFrom(raw, await loadPlugins(raw));
  const outDir = values.out ?? "counterexamples";
  const print = (report: CheckReport) => {
    if (values.json === true) printJson(report);
    else printReport(report);
    return exitCodeOf(report);
  };
  const chosen =
    reduce === "auto"
      ? defaultReduction(mode, resolved.config.properties, values.graph !== undefined, workers)
      : reduce;
  if (workers > 1)
    return runCompactParallel(resolved, { outDir, mode, reduce: chosen, progress: false, workers }).then(
      print,
    );
  if (engine === "compact") {
    return print(
      runCompact(resolved, { outDir, mode, reduce: chosen, progress: true, graphFile: values.graph }),
    );
  }
  return runCheckUntilSignalled(resolved, {
    outDir,
    progress: stderrProgress,
    graphFile: values.graph,
    store: mode,
    symmetry: reduce === "symmetry" ? true : reduce === "auto" ? "auto" : false,
  }).then(print);
}

/**
 * `--reduce auto`, the compact engine's default: the reductions that are sound for every verdict
 * the run gives and keep semantics.md's counts. Symmetry keeps both (orbits are counted by their
 * size) — but termination's fair cycles and --graph need the whole state graph, which only an
 * exact run without reductions on one thread builds. Partial-order reduction changes the counts,
 * so it is only ever asked for (por, all).
 */
function defaultReduction(
  mode: string,
  properties: readonly string[],
  graph: boolean,
  workers: number,
): Reduction {
  const needsWholeGraph = graph || (workers === 1 && mode === "exact" && properties.includes("termination"));
  return needsWholeGraph ? "none" : "symmetry";
}

function workerCount(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 1 && n <= 64))
    throw new ConfigError("--workers", `expected a whole number from 1 to 64, got "${value}"`);
  return n;
}

/** The flag's value if it is one of `names`, or a ConfigError listing them. */
function choice<const T extends string>(flag: string, value: string, names: readonly T[]): T {
  if (!(names as readonly string[]).includes(value))
    throw new ConfigError(flag, `expected one of ${names.join(", ")}, got ${JSON.stringify(value)}`);
  return value as T;
}
