/**
 * The playground's randomized check: the configuration's runs sampled and judged as `snapcheck
 * simulate` does (its settings, defaults and validation), each violated property's failing run
 * shrunk and sent as an ITF trace the walk-through opens. A sample never proves a property.
 */
import { runSimulation, settingsFrom, simulationConfig, simulationMeta } from "../cli/simulate-command.js";
import { describeSearch } from "../simulation/report.js";
import { counterexampleTrace } from "../trace/counterexample-file.js";
import type { SimulateOutcome, SimulationFields } from "./protocol.js";

/** Samples runs of the configuration `raw`; throws a ConfigError for a field that does not fit. */
export function simulateRuns(raw: Record<string, unknown>, fields: SimulationFields): SimulateOutcome {
  const { config, skipped } = simulationConfig(raw);
  // The flags' texts as the command line would have them: an empty field is a flag left out.
  const flags = Object.fromEntries(
    (
      [
        ["runs", fields.runs],
        ["max-steps", fields.maxSteps],
        ["seed", fields.seed],
        ["strategy", fields.strategy],
      ] as const
    ).flatMap(([flag, text]) => (text === undefined || text.trim() === "" ? [] : [[flag, text.trim()]])),
  );
  const settings = settingsFrom(flags, config);
  const { model, result } = runSimulation(config, settings, 0, settings.runs);
  const { seed } = settings;
  return {
    mode: "simulate",
    search: describeSearch(settings, 0, settings.runs),
    seed,
    runs: result.stats.runs,
    steps: result.stats.steps,
    seconds: result.stats.seconds,
    properties: result.verdicts.map((v) => {
      const cx = v.counterexample;
      if (cx === undefined) return { name: v.name, holds: v.holds, complete: v.complete };
      const meta = simulationMeta(settings, cx);
      const trace = counterexampleTrace(model, { ...config, properties: [cx.property] }, cx, meta);
      return {
        name: v.name,
        holds: false,
        complete: true,
        steps: cx.steps.length,
        trace: JSON.stringify(trace),
      };
    }),
    skipped,
  };
}
