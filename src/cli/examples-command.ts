/**
 * `snapcheck examples`: checks every configuration in snapcheck's own examples/ (or --dir) and
 * prints the verdict table (the one in the README). Exit 0 once every example ran, whatever its
 * verdicts: the table is the output.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { parseFlags } from "./args.js";
import { readConfigFile } from "./model-input.js";
import { examplesFolder } from "./package-files.js";
import { printJson, printText } from "./print.js";
import { n } from "./progress.js";
import { type CheckReport, configFrom, runCheck } from "./run-check.js";

export const EXAMPLES_FLAGS = {
  json: { type: "boolean", description: "print one JSON object on stdout" },
  out: {
    type: "string",
    value: "DIR",
    description: "where counterexamples are written",
    default: "counterexamples",
  },
  dir: {
    type: "string",
    value: "DIR",
    description: "check the configurations in this folder",
    default: "snapcheck's examples",
  },
} as const;

export function examplesCommand(argv: string[]): number {
  const { values } = parseFlags(argv, EXAMPLES_FLAGS, "examples");
  const dir = values.dir ?? examplesFolder();
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort();
  const reports = files.map((f) => {
    const resolved = configFrom(readConfigFile(join(dir, f)));
    return {
      example: f.replace(/\.json$/, ""),
      report: runCheck(resolved, { outDir: values.out ?? "counterexamples" }),
    };
  });
  if (values.json === true) printJson(reports);
  else {
    const out = values.out ?? "counterexamples";
    printText(
      `${verdictTable(reports)}\n✓ holds on every state searched · ✗ violated: the shortest failing run is in ${out}/ (.txt to read, .svg to look at; replay it with snapcheck replay FILE) · ? bound: no violation within the depth bound\n`,
    );
  }
  return 0;
}

/** A Markdown table: one row per example, one column per property. */
export function verdictTable(reports: readonly { example: string; report: CheckReport }[]): string {
  const names = [...new Set(reports.flatMap((r) => r.report.properties.map((p) => p.name)))];
  const header = `| example | channels | search | states | ${names.join(" | ")} |`;
  const rule = `|${" --- |".repeat(names.length + 4)}`;
  const rows = reports.map(({ example, report }) => {
    const cells = names.map((name) => {
      const p = report.properties.find((q) => q.name === name);
      if (p === undefined) return "–";
      if (!p.holds) return `✗ ${p.counterexample?.steps ?? "?"} steps`;
      return p.complete ? "✓" : "? bound";
    });
    const search = report.search.startsWith("bounded")
      ? report.search.replace(/ \(.*\)$/, "").replace("bounded: ", "")
      : "exhaustive";
    return `| ${example} | ${report.config.channels} | ${search} | ${n(report.stats.distinctStates)} | ${cells.join(" | ")} |`;
  });
  return `${[header, rule, ...rows].join("\n")}\n`;
}
