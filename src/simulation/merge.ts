/**
 * Merging the reports of a simulation's shards into the report of the whole. They must be the
 * shards 1…n of one simulation (same configuration, seed, strategy, steps and runs). A property
 * holds if it holds in every shard; its counterexample is the one shrunk from the lowest run, as
 * the unsharded simulation would have found it. Counts add up; seconds are summed over shards.
 */
import { UsageError } from "../errors.js";
import {
  commandLine,
  describeSearch,
  type PropertyReport,
  type SimulationReport,
  statsOf,
} from "./report.js";

export function mergeReports(reports: readonly SimulationReport[]): SimulationReport {
  const [first] = reports;
  if (first === undefined) throw new UsageError("merge: give the --json reports of a simulation's shards");
  const identity = ({ config, simulation: s }: SimulationReport) =>
    JSON.stringify([config, s.seed, s.strategy, s.maxSteps, s.runs, s.path, s.shard?.count]);
  const count = first.simulation.shard?.count;
  if (count === undefined || reports.some((r) => identity(r) !== identity(first))) {
    throw new UsageError(
      "merge: the reports are not shards of one simulation (configuration, seed, strategy, --max-steps, --runs and n of --shard i/n must agree)",
    );
  }
  const indices = reports.map((r) => r.simulation.shard?.index);
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !indices.includes(i));
  if (missing.length > 0 || reports.length !== count) {
    throw new UsageError(
      `merge: expected shards 1 to ${count} once each; ${missing.length > 0 ? `missing ${missing.join(", ")}` : "a shard is given twice"}`,
    );
  }
  const { seed, strategy, maxSteps, runs } = first.simulation;
  const settings = { seed, strategy, maxSteps, runs, shard: null, path: null };
  const sum = (key: keyof SimulationReport["stats"]) => reports.reduce((total, r) => total + r.stats[key], 0);
  const counts = {
    runs: sum("runs"),
    steps: sum("steps"),
    completeSnapshots: sum("completeSnapshots"),
    deadlocks: sum("deadlocks"),
  };
  return {
    config: first.config,
    search: `${describeSearch(settings, 0, settings.runs)}; merged from ${count} shards`,
    simulation: { ...settings, first: 0, end: settings.runs },
    skipped: first.skipped,
    stats: statsOf(counts, sum("seconds")),
    properties: first.properties.map((_, i) =>
      mergeProperty(reports.map((r) => r.properties[i] as PropertyReport)),
    ),
    reproduce: commandLine(first.config, settings),
  };
}

function mergeProperty(shards: readonly PropertyReport[]): PropertyReport {
  const failing = shards.flatMap((p) => (p.counterexample === undefined ? [] : [p.counterexample]));
  const earliest = failing.sort((a, b) => a.run - b.run)[0];
  const undecided = shards.reduce((total, p) => total + p.undecidedRuns, 0);
  const merged = {
    name: (shards[0] as PropertyReport).name,
    holds: earliest === undefined,
    complete: earliest !== undefined || shards.every((p) => p.complete),
    undecidedRuns: undecided,
    undecidedWhy: shards.find((p) => p.undecidedWhy !== undefined)?.undecidedWhy,
  };
  return earliest === undefined ? merged : { ...merged, counterexample: earliest };
}
