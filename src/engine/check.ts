/**
 * Checking a model against properties: one breadth-first search of the model paired with the
 * safety properties' monitors (statistics, the state graph, shortest violations), then the
 * liveness properties on the state graph. Exploring never throws for a violation: results are data.
 */
import { ConfigError } from "../errors.js";
import type { Model } from "../model/model.js";
import { ProcessSymmetry } from "../model/symmetry.js";
import type { Run } from "../model/types.js";
import { type CoverageRow, vacuityWarnings } from "./coverage.js";
import {
  type HashedStore,
  type StoreFigures,
  type StoreMode,
  searchingHashed,
  type UnrebuiltViolation,
} from "./hashed-search.js";
import type { SearchFigures } from "./limits.js";
import { runToEnd, runYielding } from "./pacing.js";
import type { LivenessProperty, Monitor, Property, SafetyProperty } from "./property.js";
import { searching } from "./search.js";
import type { SearchBounds, SearchOptions, SearchOutcome } from "./search-contract.js";
import type { StateSpace } from "./state-space.js";

export interface ExplorationStats extends SearchFigures {
  /** Nodes searched: model states paired with the safety monitors' states (at least distinctStates). */
  readonly searched: number;
}

/** A run that violates a property. */
export interface Counterexample extends Run {
  readonly property: string;
  /** The snapshot instance the run violates the property for (0 with one snapshot). */
  readonly instance: number;
  readonly reason: string;
  /** For a lasso: the index in `states` where the loop starts (the last state equals it). */
  readonly loop?: number | undefined;
}

export interface PropertyVerdict {
  readonly property: Property;
  readonly holds: boolean;
  /** False when a limit cut the search short before a verdict could be reached. */
  readonly complete: boolean;
  readonly counterexample?: Counterexample | undefined;
}

export interface CheckResult<Space extends StateSpace | undefined = StateSpace | undefined> {
  readonly stats: ExplorationStats;
  readonly verdicts: readonly PropertyVerdict[];
  /** Properties that cannot be decided on this model (see `unsupported`), and why: not checked. */
  readonly skipped: readonly { readonly property: Property; readonly reason: string }[];
  /** The explored state space, with the exact store (a hashed store keeps no states). */
  readonly space: Space;
  /** With symmetry reduction: the permutations exploited, and the representatives stored. */
  readonly symmetry?: { readonly order: number; readonly orbits: number } | undefined;
  /** With a hashed store: how much it may have missed. */
  readonly store?: StoreFigures | undefined;
  /** Transitions explored from the distinct states, by kind of step (0: never enabled). */
  readonly coverage: readonly CoverageRow[];
  /** Why some verdict may be vacuous (nothing judged), in words. */
  readonly warnings: readonly string[];
}

export interface CheckOptions extends SearchBounds {
  /** Keep the state graph's edges even when no liveness property needs them (graph exports). */
  readonly graph?: boolean | undefined;
  /**
   * Keep one state per orbit of the model's symmetry of processes (src/model/symmetry.ts): the
   * figures stay the whole space's; properties whose monitors tell processes apart, liveness and
   * the state graph are left out, saying why.
   */
  readonly symmetry?: boolean | undefined;
  /** How states are stored: exactly (the default), or by fingerprints or bitstate hashing. */
  readonly store?: StoreMode | HashedStore | { readonly mode: "exact" } | undefined;
}

/** Options that store states exactly: the result has the state space. */
export type ExactCheckOptions = CheckOptions & {
  readonly store?: "exact" | { readonly mode: "exact" } | undefined;
};

/** Checks `model` against `requested`: one search, then the liveness properties on its graph. */
export function check(
  model: Model,
  requested: readonly Property[],
  options: ExactCheckOptions,
): CheckResult<StateSpace>;
export function check(model: Model, requested: readonly Property[], options: CheckOptions): CheckResult;
export function check(model: Model, requested: readonly Property[], options: CheckOptions): CheckResult {
  const plan = planCheck(model, requested, options);
  return concludeCheck(plan, runToEnd(searchOf(plan)));
}

/**
 * `check`, letting the event loop run while it searches, so that aborting `options.signal` (from a
 * signal handler, a stop button) stops it cleanly with partial statistics and the verdicts so far.
 */
export async function checkAsync(
  model: Model,
  requested: readonly Property[],
  options: ExactCheckOptions,
): Promise<CheckResult<StateSpace>>;
export async function checkAsync(
  model: Model,
  requested: readonly Property[],
  options: CheckOptions,
): Promise<CheckResult>;
export async function checkAsync(
  model: Model,
  requested: readonly Property[],
  options: CheckOptions,
): Promise<CheckResult> {
  const plan = planCheck(model, requested, options);
  return concludeCheck(plan, await runYielding(searchOf(plan)));
}

/** The plan's search, with its store: exact, or hashed. */
function searchOf(plan: CheckPlan): Generator<void, Searched> {
  const { model, monitors, hashed } = plan;
  if (hashed === undefined) return searching(model, monitors, plan.search);
  return searchingHashed(model, monitors, { ...plan.search, store: hashed });
}

interface CheckPlan {
  readonly model: Model;
  readonly started: number;
  readonly properties: readonly Property[];
  readonly safety: readonly SafetyProperty[];
  readonly skipped: CheckResult["skipped"];
  readonly monitors: readonly Monitor<unknown>[];
  readonly search: SearchOptions;
  /** The hashed store, when the states are not stored exactly. */
  readonly hashed: HashedStore | undefined;
}

/** Why a liveness property is left out with a hashed store. */
export const NEEDS_EXACT_STORE =
  "it is judged on the whole state graph, which only the exact store keeps: leave --mode out (exact), or leave the property out";

function planCheck(model: Model, requested: readonly Property[], options: CheckOptions): CheckPlan {
  const started = performance.now();
  const hashed = hashedStoreOf(options.store);
  if (hashed !== undefined && options.graph === true)
    throw new ConfigError(
      "graph",
      `a ${hashed.mode} store keeps no state graph: leave the graph out, or store states exactly`,
    );
  const symmetry = options.symmetry === true ? symmetryOf(model, options) : undefined;
  const skipped = requested.flatMap((property) => {
    const reason =
      property.unsupported?.(model) ??
      (hashed !== undefined && property.kind === "eventually" ? NEEDS_EXACT_STORE : undefined) ??
      (symmetry !== undefined ? unsymmetric(property) : undefined);
    return reason === undefined ? [] : [{ property, reason }];
  });
  // Work before the search, within its limits: a property that cannot be decided at this size is
  // left out, saying why, and the rest is checked.
  for (const property of requested) {
    if (skipped.some((s) => s.property === property)) continue;
    const reason = property.prepare?.(model, { limits: options.limits, progress: options.progress });
    if (reason !== undefined) skipped.push({ property, reason });
  }
  const properties = requested.filter((p) => !skipped.some((s) => s.property === p));
  const safety = properties.filter((p): p is SafetyProperty => p.kind === "always");
  // One monitor per property and snapshot instance: monitors[i * instances + k].
  const monitors = safety.flatMap((p) =>
    Array.from({ length: model.instances }, (_, k) => p.monitor(model, k)),
  );
  const search: SearchOptions = {
    limits: options.limits,
    progress: options.progress,
    graph: options.graph === true || properties.some((p) => p.kind === "eventually"),
    signal: options.signal,
    symmetry,
  };
  return { model, started, properties, safety, skipped, monitors, search, hashed };
}

/** The model's symmetry, refusing with the reason when it has none or the graph is wanted. */
function symmetryOf(model: Model, options: CheckOptions): ProcessSymmetry {
  const symmetry = ProcessSymmetry.of(model);
  const refused = symmetryRefusal(symmetry, options.graph === true);
  if (refused !== undefined) throw new ConfigError(refused.field, refused.reason);
  return symmetry as ProcessSymmetry;
}

/**
 * Why a check cannot keep one state per orbit, and which option is to blame: the model has no
 * symmetry (`ProcessSymmetry.of` says why), or the state graph is wanted.
 */
export function symmetryRefusal(
  symmetry: ProcessSymmetry | string,
  graph: boolean,
): { readonly field: "symmetry" | "graph"; readonly reason: string } | undefined {
  if (typeof symmetry === "string")
    return { field: "symmetry", reason: `no symmetry to reduce by: ${symmetry}` };
  if (graph)
    return {
      field: "graph",
      reason: "symmetry reduction keeps one state per orbit, not the state graph: leave one out",
    };
  return undefined;
}

/** Why a property cannot be checked on one state per orbit, if it cannot. */
function unsymmetric(property: Property): string | undefined {
  if (property.kind === "eventually")
    return "it is judged on the whole state graph, which symmetry reduction does not keep: leave --reduce symmetry out to check it";
  if (property.symmetric === true) return undefined;
  return "its monitor tells processes or channels apart, so one state per orbit could hide a violation: leave --reduce symmetry out to check it";
}

function hashedStoreOf(store: CheckOptions["store"]): HashedStore | undefined {
  if (store === undefined || store === "exact" || (typeof store !== "string" && store.mode === "exact"))
    return undefined;
  return typeof store === "string" ? { mode: store } : store;
}

type Searched = SearchOutcome & {
  readonly space?: StateSpace;
  readonly store?: StoreFigures;
  readonly unrebuilt?: readonly UnrebuiltViolation[];
};

function concludeCheck(plan: CheckPlan, result: Searched): CheckResult {
  const { model, started, properties, safety, skipped } = plan;
  const instances = model.instances;
  const { space } = result;
  const unrebuilt = result.unrebuilt ?? [];
  const seconds = (performance.now() - started) / 1000;
  const { figures } = result;
  const stats: ExplorationStats = {
    distinctStates: figures.distinctStates,
    transitions: figures.transitions,
    maxDepth: figures.maxDepth,
    completeSnapshots: figures.completeSnapshots,
    deadlocks: figures.deadlocks,
    seconds,
    statesPerSecond: seconds > 0 ? Math.round(figures.distinctStates / seconds) : figures.distinctStates,
    stop: result.stop,
    searched: result.nodes,
  };
  const exhaustive = result.stop === "exhausted";
  const verdicts = properties.map((property): PropertyVerdict => {
    if (property.kind === "eventually") {
      if (space === undefined) throw new RangeError(`${property.name} needs the state space`);
      return checkLiveness(space, property, exhaustive);
    }
    const first = safety.indexOf(property) * instances;
    const found = shortestOf(result.violations.slice(first, first + instances));
    if (found === undefined) {
      const violated = unrebuilt.some((u) => u.monitor >= first && u.monitor < first + instances);
      return violated
        ? { property, holds: false, complete: true }
        : { property, holds: true, complete: exhaustive };
    }
    const counterexample = { property: property.name, instance: found.instance, ...found.violation };
    return { property, holds: false, complete: true, counterexample };
  });
  const warnings = vacuityWarnings(
    result.coverage,
    { completeSnapshots: figures.completeSnapshots, inProgress: figures.inProgress },
    {
      safety: safety.length > 0,
      termination: properties.some((p) => p.kind === "eventually"),
      symmetric: plan.search.symmetry !== undefined,
    },
  );
  const lost = unrebuilt.map(
    (u) =>
      `${safety[Math.floor(u.monitor / instances)]?.name ?? "a property"} is violated at depth ${u.depth} (${u.reason}), but the memory budget left no room to rebuild the run to it: raise --max-memory`,
  );
  return {
    stats,
    verdicts,
    skipped,
    space,
    store: result.store,
    symmetry:
      plan.search.symmetry === undefined
        ? undefined
        : { order: plan.search.symmetry.order, orbits: result.stored },
    coverage: result.coverage,
    warnings: [...warnings, ...lost],
  };
}

/** The shortest of the violations found for one property's instances (the lowest instance, on a tie). */
function shortestOf<V extends { readonly steps: readonly unknown[] }>(
  found: readonly (V | undefined)[],
): { violation: V; instance: number } | undefined {
  let best: { violation: V; instance: number } | undefined;
  found.forEach((violation, instance) => {
    if (violation === undefined) return;
    if (best === undefined || violation.steps.length < best.violation.steps.length)
      best = { violation, instance };
  });
  return best;
}

function checkLiveness(space: StateSpace, property: LivenessProperty, exhaustive: boolean): PropertyVerdict {
  const violation = property.check(space, space.model);
  if (violation === undefined) return { property, holds: true, complete: exhaustive };
  const states = violation.path.map((id) => space.state(id));
  const steps = violation.path.slice(1).map((to, i) => {
    const from = violation.path[i] ?? 0;
    const edge = [...space.edges(from)].find(([, target]) => target === to);
    if (edge === undefined) throw new RangeError(`no edge ${from}→${to} in the state space`);
    return edge[0];
  });
  return {
    property,
    holds: false,
    complete: true,
    counterexample: {
      property: property.name,
      instance: violation.instance ?? 0,
      reason: violation.reason,
      steps,
      states,
      loop: violation.loop,
    },
  };
}
