/**
 * snapcheck as a library for your own property tests (vitest with fast-check, or
 * @fast-check/vitest): arbitraries for configurations and schedules, a helper that checks the
 * snapshot of every sampled run, and the simulation engine on one configuration.
 *
 * ```ts
 * import { assertSnapshotCorrect, configurations } from "snapcheck/testing";
 *
 * test("my algorithm's snapshot is a consistent, reachable cut on FIFO channels", () => {
 *   assertSnapshotCorrect({ algorithm: myAlgorithm, configurations: configurations({ maxProcesses: 5 }) });
 * });
 * ```
 *
 * A run is the schedule's steps, then no more application steps and deliveries forced fair (as
 * `snapcheck simulate` runs it); a failure is reported by fast-check with its seed and path.
 */
import fc from "fast-check";
import { properties as catalogue } from "../properties/index.js";
import type { SnapshotAlgorithm } from "./algorithms/algorithm.js";
import { buildModel } from "./config.js";
import type { Property } from "./engine/property.js";
import { ConfigError } from "./errors.js";
import { Model } from "./model/model.js";
import { configurations, type SystemConfig, schedules } from "./simulation/arbitraries.js";
import { execute } from "./simulation/execution.js";
import { judgeFor } from "./simulation/judges.js";
import { DEFAULT_MAX_STEPS, DEFAULT_RUNS, type SimulationResult, simulate } from "./simulation/simulate.js";
import { findStrategy } from "./simulation/strategies/index.js";
import { readModulo } from "./simulation/strategies/uniform.js";

export {
  type ConfigurationOptions,
  configurations,
  type SystemConfig,
  schedules,
} from "./simulation/arbitraries.js";
export type { SimulatedCounterexample, SimulationResult } from "./simulation/simulate.js";

export interface SnapshotCheck {
  /** The algorithm under test, in place of the one the configuration names. */
  readonly algorithm?: SnapshotAlgorithm;
  /** The properties to check (default: every one snapcheck decides on a run). */
  readonly properties?: readonly Property[];
}

export interface SnapshotPropertyOptions extends SnapshotCheck {
  /** The configurations to sample (default: `configurations()`). */
  readonly configurations?: fc.Arbitrary<SystemConfig>;
  /** Scheduled steps per run (default 50). */
  readonly maxSteps?: number;
}

/** A property violated by a run: its name, why, and the run's steps by label. */
export interface RunFailure {
  readonly property: string;
  readonly reason: string;
  readonly steps: readonly string[];
}

/** The model of `config`, with `algorithm` in place of the one it names. */
export function modelOf(config: SystemConfig, algorithm?: SnapshotAlgorithm): Model {
  const model = buildModel({ ...config, properties: [] });
  return algorithm === undefined ? model : new Model({ ...model.spec, algorithm });
}

/** The first property the run of `choices` on `config` violates, or undefined if it violates none. */
export function checkRun(
  config: SystemConfig,
  choices: readonly number[],
  check: SnapshotCheck = {},
): RunFailure | undefined {
  const model = modelOf(config, check.algorithm);
  const run = execute(model, readModulo(choices).start(), true);
  for (const property of check.properties ?? catalogue) {
    const verdict = judgeFor(property, model).judge(run);
    if (verdict.kind === "violated") {
      const { reason, steps } = verdict.violation;
      return { property: property.name, reason, steps: steps.map((s) => model.label(s)) };
    }
  }
  return undefined;
}

/** "For every sampled configuration and schedule, the snapshot passes every property", as a fast-check property. */
export function snapshotProperty(
  options: SnapshotPropertyOptions = {},
): fc.IPropertyWithHooks<[SystemConfig, number[]]> {
  return fc.property(
    options.configurations ?? configurations(),
    schedules(options.maxSteps),
    (config, choices) => {
      const failure = checkRun(config, choices, options);
      if (failure !== undefined) {
        throw new Error(
          `${failure.property} fails after ${failure.steps.length} steps: ${failure.reason}\n  ${failure.steps.join(", ")}`,
        );
      }
    },
  );
}

/**
 * Asserts `snapshotProperty(options)` with fast-check (`params`: numRuns, seed, path, …); a failure
 * says which property failed, why and on which run, with the seed and path that reproduce it.
 */
export function assertSnapshotCorrect(
  options: SnapshotPropertyOptions = {},
  params: fc.Parameters<[SystemConfig, number[]]> = {},
): void {
  fc.assert(snapshotProperty(options), { includeErrorInReport: true, ...params });
}

export interface SimulationOptions extends SnapshotCheck {
  readonly runs?: number;
  readonly maxSteps?: number;
  readonly seed?: number;
  /** uniform (default), pct or overtake. */
  readonly strategy?: string;
}

/** `snapcheck simulate` on one configuration: the runs, and each property's shrunk counterexample. */
export function simulateConfig(config: SystemConfig, options: SimulationOptions = {}): SimulationResult {
  const model = modelOf(config, options.algorithm);
  const strategy = findStrategy(options.strategy ?? "uniform");
  if (strategy === undefined)
    throw new ConfigError("strategy", `expected uniform, pct or overtake, got ${options.strategy}`);
  return simulate({
    model,
    judges: (options.properties ?? catalogue).map((p) => judgeFor(p, model)),
    strategy,
    maxSteps: options.maxSteps ?? DEFAULT_MAX_STEPS,
    seed: options.seed ?? 0,
    first: 0,
    end: options.runs ?? DEFAULT_RUNS,
  });
}
