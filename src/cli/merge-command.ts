/**
 * `snapcheck merge FILE…`: the `--json` reports of a simulation's shards (`simulate --shard i/n
 * --json`) combined into the verdict of the whole simulation, printed or as one JSON object; the
 * exit code is the one the whole simulation would give.
 */
import { readFileSync } from "node:fs";
import { UsageError } from "../errors.js";
import { mergeReports } from "../simulation/merge.js";
import { exitCodeOf, type SimulationReport } from "../simulation/report.js";
import { parseFlags } from "./args.js";
import { printJson } from "./print.js";
import { printSimulation } from "./simulate-command.js";

export const MERGE_FLAGS = {
  json: { type: "boolean", description: "print one JSON object on stdout" },
} as const;

export function mergeCommand(argv: string[]): number {
  const { values, positionals } = parseFlags(argv, MERGE_FLAGS, "merge");
  if (positionals.length === 0) {
    throw new UsageError(
      "merge: give the --json reports of a simulation's shards, e.g. snapcheck merge shard-*.json",
    );
  }
  const merged = mergeReports(positionals.map(readReport));
  if (values.json === true) printJson(merged);
  else printSimulation(merged);
  return exitCodeOf(merged);
}

function readReport(file: string): SimulationReport {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    throw new UsageError(
      `merge: cannot read ${file} as JSON; give files written by snapcheck simulate --json`,
    );
  }
  const report = json as Partial<SimulationReport> | null;
  if (
    typeof report?.simulation !== "object" ||
    !Array.isArray(report.properties) ||
    typeof report.stats !== "object"
  ) {
    throw new UsageError(`merge: ${file} is not a report of snapcheck simulate --json`);
  }
  return report as SimulationReport;
}
