/**
 * The library's `check` and `simulate`: the engine's, with the model's own properties and limits
 * as defaults, so that `check(model({ … }))` checks what `snapcheck explore` would.
 */
import { properties as catalogue, findProperty } from "../../properties/index.js";
import { DEFAULT_DEPTH_BOUND } from "../config.js";
import { type CheckOptions, type CheckResult, check as checkModel } from "../engine/check.js";
import type { Limits } from "../engine/limits.js";
import type { Property } from "../engine/property.js";
import { ConfigError } from "../errors.js";
import type { Model } from "../model/model.js";
import { judgeFor } from "../simulation/judges.js";
import {
  DEFAULT_MAX_STEPS,
  DEFAULT_RUNS,
  type SimulationResult,
  simulate as simulateRuns,
} from "../simulation/simulate.js";
import { findStrategy, strategies } from "../simulation/strategies/index.js";
import { ConfiguredModel } from "./model.js";

/** The properties checked by default: the model's own, or every one that applies to it. */
export function defaultProperties(model: Model): Property[] {
  if (model instanceof ConfiguredModel)
    return model.config.properties.map((name) => findProperty(name) as Property);
  return catalogue.filter((p) => p.appliesTo?.(model) !== false);
}

/** The limits by default: the model's own, or the CLI's depth bound when the space is infinite. */
export function defaultLimits(model: Model): Limits {
  if (model instanceof ConfiguredModel) return model.config;
  const { discipline, faults, script } = model.spec;
  const infinite =
    script === undefined ? !discipline.ordered || faults.lossy || faults.duplicating : faults.duplicating;
  return infinite ? { maxDepth: DEFAULT_DEPTH_BOUND } : {};
}

/**
 * Explores every interleaving of `model` and checks `requested` (default: the model's properties)
 * within `options.limits` (default: the model's limits). Returns the verdicts as data, never throws
 * for a violation.
 *
 * ```ts
 * const { stats, verdicts } = check(model({ balances: [1, 1, 0] }));
 * ```
 */
export function check(
  model: Model,
  requested: readonly Property[] = defaultProperties(model),
  options: Partial<CheckOptions> = {},
): CheckResult {
  return checkModel(model, requested, { ...options, limits: options.limits ?? defaultLimits(model) });
}

/** How `simulate` samples runs. */
export interface SimulateOptions {
  /** Runs to sample (default 1000). */
  readonly runs?: number;
  /** Scheduled steps per run, then deliveries forced fair (default 50). */
  readonly maxSteps?: number;
  /** fast-check's seed (default 0: the same runs every time). */
  readonly seed?: number;
  /** uniform (default), pct or overtake. */
  readonly strategy?: string;
  /** The properties judged on each run (default: the model's). */
  readonly properties?: readonly Property[];
}

/**
 * `snapcheck simulate` on `model`: sampled runs judged against each property, each violated
 * property's failing run shrunk. Returns the statistics and verdicts as data.
 */
export function simulate(model: Model, options: SimulateOptions = {}): SimulationResult {
  if (model.spec.script !== undefined || model.instances > 1) {
    throw new ConfigError(
      model.spec.script !== undefined ? "script" : "instances",
      "simulate samples runs of one free-running snapshot; check scripts and several instances with check",
    );
  }
  const strategy = findStrategy(options.strategy ?? "uniform");
  if (strategy === undefined) {
    throw new ConfigError(
      "strategy",
      `expected one of ${strategies.map((s) => s.name).join(", ")}, got ${JSON.stringify(options.strategy)}`,
    );
  }
  return simulateRuns({
    model,
    judges: (options.properties ?? defaultProperties(model)).map((p) => judgeFor(p, model)),
    strategy,
    maxSteps: options.maxSteps ?? DEFAULT_MAX_STEPS,
    seed: options.seed ?? 0,
    first: 0,
    end: options.runs ?? DEFAULT_RUNS,
  });
}
