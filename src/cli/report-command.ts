/**
 * `snapcheck report FILE [--out F.html]`: one self-contained HTML page for a counterexample or a
 * scenario — its space-time diagram, a step slider, the state at each step, and the global-state
 * graph when the exploration around the run is small. Written next to the trace by default, never
 * over a different file.
 */
import { UsageError } from "../errors.js";
import { reportHtml } from "../render/html-report.js";
import { runGraph } from "../render/run-graph.js";
import { parseFlags } from "./args.js";
import { writeNewFile } from "./output-file.js";
import { printText } from "./print.js";
import { loadTraceInput } from "./trace-plugins.js";

export const REPORT_FLAGS = {
  out: {
    type: "string",
    value: "F.html",
    description: "where the page is written",
    default: "beside the trace, .html",
  },
} as const;

export function reportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, REPORT_FLAGS, "report");
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) {
    throw new UsageError(
      "report: give exactly one trace file, e.g. snapcheck report counterexamples/X.itf.json",
    );
  }
  // The arguments are checked before anything is read, so that a wrong command line throws at once.
  return loadTraceInput(file, { drawn: true }).then(({ run, view }) => {
    const graph = runGraph(run.model, run.states);
    const html = reportHtml(run.model, view, {
      source: file,
      ...(graph.kind === "drawn" ? { graph } : { graphNote: graph.note }),
    });
    const out = values.out ?? `${file.replace(/(\.itf)?\.json$/, "")}.html`;
    const status = writeNewFile(out, html, "--out");
    printText(`${status === "written" ? "wrote" : "unchanged:"} ${out}\n`);
    return 0;
  });
}
