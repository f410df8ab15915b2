/**
 * `snapcheck export --format F`: a run or the state space in a format other tools read.
 * - svg | shiviz | mermaid FILE.itf.json — the run of a trace: its space-time diagram, a ShiViz
 *   log (host and vector clock per event), a Mermaid sequence diagram;
 * - gexf | graphml | dot [--config FILE] [model flags] — the global-state graph of a configuration,
 *   states with their key, depth and whether the snapshot is complete, edges with their step;
 * - size-plot [--processes 2,3] [--max-money N] [--channels …] [--max-states N] — a plot of the
 *   number of distinct states against processes and money, counted by exploring each point;
 * - promela [--config FILE] [model flags] — the configuration as a Promela model whose SPIN state
 *   count equals snapcheck's (bank, Chandy–Lamport, fifo or nonfifo; src/render/promela.ts).
 * Output goes to stdout, or to --out F (never over a different file).
 */
import { buildModel, parseConfig, type SnapcheckConfig } from "../config.js";
import { check } from "../engine/check.js";
import { ConfigError, UsageError } from "../errors.js";
import { toGraphology } from "../graph/state-graph.js";
import type { Model } from "../model/model.js";
import { toDot } from "../render/dot.js";
import { toGexf } from "../render/gexf.js";
import { toGraphml } from "../render/graphml.js";
import { linePlotSvg } from "../render/line-plot.js";
import { mermaidSequence } from "../render/mermaid.js";
import { promelaModel } from "../render/promela.js";
import { shivizLog } from "../render/shiviz.js";
import { spaceTimeSvg } from "../render/space-time.js";
import { stateSpaceSizes } from "../render/state-space-sizes.js";
import type { RunView } from "../render/timeline.js";
import { parseFlags, pickFlags } from "./args.js";
import { MODEL_FLAGS as EXPLORE_MODEL_FLAGS, readConfigFile } from "./model-input.js";
import { writeNewFile } from "./output-file.js";
import { printNote, printText } from "./print.js";
import { loadTraceInput } from "./trace-plugins.js";

const RUN_FORMATS: Record<string, (model: Model, view: RunView) => string> = {
  svg: spaceTimeSvg,
  shiviz: shivizLog,
  mermaid: mermaidSequence,
};

type StateGraph = ReturnType<typeof toGraphology>;

const GRAPH_FORMATS: Record<string, (graph: StateGraph) => string> = {
  gexf: (graph) => toGexf(graph, "step"),
  graphml: toGraphml,
  dot: (graph) =>
    toDot(graph, "snapcheck state graph", {
      node: (key, a) => ({ label: key, shape: a.complete === true ? "doublecircle" : "circle" }),
      edge: (a) => ({ label: String(a.step) }),
    }),
};

/** The flags that describe a model, as `explore` reads them; each sets the field of its camel-case name. */
const MODEL_FLAGS = [
  "processes",
  "topology",
  "balances",
  "stock",
  "workload",
  "algorithm",
  "channels",
  "initiators",
  "max-states",
  "max-depth",
  "max-memory",
] as const;

/** The model flags the Promela export reads (workload and algorithm only to refuse the others). */
const PROMELA_FLAGS = [
  "config",
  "processes",
  "topology",
  "balances",
  "workload",
  "algorithm",
  "channels",
  "initiators",
  "max-depth",
] as const;

const PLOT_FLAGS = ["processes", "max-money", "channels", "max-states", "max-depth"] as const;

export const EXPORT_FLAGS = {
  format: {
    type: "string",
    value: "F",
    description:
      "svg | shiviz | mermaid (a trace FILE) · gexf | graphml | dot | promela (a model) · size-plot",
  },
  out: {
    type: "string",
    value: "FILE",
    description: "write here, never over a different file",
    default: "stdout",
  },
  "max-money": {
    type: "string",
    value: "N",
    description: "size-plot: the money axis goes up to N",
    default: "4",
  },
  ...pickFlags(EXPLORE_MODEL_FLAGS, ["config", ...MODEL_FLAGS]),
} as const;

const FORMATS = [...Object.keys(RUN_FORMATS), ...Object.keys(GRAPH_FORMATS), "size-plot", "promela"];

export function exportCommand(argv: string[]): number | Promise<number> {
  const { values, positionals } = parseFlags(argv, EXPORT_FLAGS, "export");
  const format = values.format;
  if (format === undefined || !FORMATS.includes(format)) {
    throw new UsageError(
      `export: --format must be one of ${FORMATS.join(", ")}${format === undefined ? "" : `, got "${format}"`}`,
    );
  }
  const given = Object.keys(values).filter((f) => f !== "format" && f !== "out");
  const run = RUN_FORMATS[format];
  const graph = GRAPH_FORMATS[format];
  let text: string;
  if (run !== undefined) {
    onlyFlags(format, given, []);
    const [file, ...extra] = positionals;
    if (file === undefined || extra.length > 0) {
      throw new UsageError(
        `export: --format ${format} takes exactly one trace file, e.g. counterexamples/X.itf.json`,
      );
    }
    // The trace may name plug-ins by path: they load first (the arguments are checked above, at once).
    return loadTraceInput(file, { drawn: true }).then(({ run: replayed, view }) =>
      output(run(replayed.model, view), values.out),
    );
  } else {
    if (positionals.length > 0) {
      throw new UsageError(
        `export: --format ${format} takes no file; give the configuration with --config FILE or flags`,
      );
    }
    const flags = values as Record<string, string | undefined>;
    if (graph !== undefined) {
      onlyFlags(format, given, ["config", ...MODEL_FLAGS]);
      text = graph(stateGraph(flags));
    } else if (format === "promela") {
      onlyFlags(format, given, PROMELA_FLAGS);
      text = promelaModel(configOf(flags));
    } else {
      onlyFlags(format, given, PLOT_FLAGS);
      text = linePlotSvg(stateSpaceSizes(plotGrid(flags)));
    }
  }
  return output(text, values.out);
}

/** The export on stdout, or in `out` (never over a different file). */
function output(text: string, out: string | undefined): number {
  if (out === undefined) printText(text);
  else {
    const status = writeNewFile(out, text, "--out");
    printNote(`${status === "written" ? "wrote" : "unchanged:"} ${out}`);
  }
  return 0;
}

function onlyFlags(format: string, given: readonly string[], allowed: readonly string[]): void {
  const wrong = given.find((f) => !allowed.includes(f));
  if (wrong !== undefined) {
    const which = allowed.length === 0 ? "only --out" : allowed.map((f) => `--${f}`).join(" ");
    throw new UsageError(`export: --${wrong} does not apply to --format ${format}; it takes ${which}`);
  }
}

/** The configuration --config and the model flags describe, as `explore` reads it, properties aside. */
function configOf(flags: Record<string, string | undefined>): SnapcheckConfig {
  const raw: Record<string, unknown> = flags.config === undefined ? {} : readConfigFile(flags.config);
  for (const flag of MODEL_FLAGS) {
    const value = flags[flag];
    if (value !== undefined) raw[flag === "max-memory" ? "maxMemoryMiB" : camel(flag)] = value;
  }
  delete raw.properties;
  return parseConfig(raw, []);
}

/** Explores the configuration the flags describe (as `explore` would, properties aside): its graph. */
function stateGraph(flags: Record<string, string | undefined>): StateGraph {
  const config = configOf(flags);
  const { space, stats } = check(buildModel(config), [], { limits: config, graph: true });
  const bound = stats.stop === "exhausted" ? "every reachable state" : `stopped by ${stats.stop}`;
  printNote(`${space.size} states, ${space.edgeCount} transitions (${bound})`);
  return toGraphology(space);
}

function plotGrid(flags: Record<string, string | undefined>) {
  const processes = (flags.processes ?? "2,3").split(",").map((s) => whole("--processes", s, 2, 12));
  return {
    processes,
    maxMoney: whole("--max-money", flags["max-money"] ?? "4", 1, 50),
    channels: flags.channels ?? "fifo",
    maxStates: whole("--max-states", flags["max-states"] ?? "200000", 1, 10_000_000),
    maxDepth:
      flags["max-depth"] === undefined ? undefined : whole("--max-depth", flags["max-depth"], 0, 10_000),
  };
}

function whole(flag: string, text: string, min: number, max: number): number {
  const n = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || n < min || n > max) {
    throw new ConfigError(flag, `expected whole numbers from ${min} to ${max}, got "${text}"`);
  }
  return n;
}

function camel(flag: string): string {
  return flag.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}
