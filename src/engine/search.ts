/**
 * The searches' contract, and the drive of the exact store's search (exact-search.ts):
 * breadth-first over the product of the model and the safety properties' monitors, pausing every
 * CHECK_EVERY nodes so that a caller can let the event loop run, check memory and progress, and
 * stop cleanly. hashed-search.ts runs the same product with fingerprints or bits.
 */
import type { Model } from "../model/model.js";
import type { ProcessSymmetry } from "../model/symmetry.js";
import type { GlobalState, Run } from "../model/types.js";
import { MemoryBudget, OutOfMemoryBudget } from "./budget.js";
import type { CoverageRow } from "./coverage.js";
import { ExactSearch } from "./exact-search.js";
import type { Limits, ProgressSink, StopReason } from "./limits.js";
import type { ModelFigures } from "./model-figures.js";
import { CHECK_EVERY, Checkpoints, runToEnd } from "./pacing.js";
import type { Monitor } from "./property.js";
import type { StateSpace } from "./state-space.js";
import type { StepReduction } from "./stubborn-steps.js";

/** A shortest run violating one property. */
export interface FoundViolation extends Run {
  readonly reason: string;
}

/** What every search finds, whichever store kept its states. */
export interface SearchOutcome {
  /** The figures of the model states (the projection of the product onto them). */
  readonly figures: ModelFigures;
  /** Per monitor, in order: its first (shortest) violation, if any. */
  readonly violations: readonly (FoundViolation | undefined)[];
  readonly stop: StopReason;
  /** Nodes searched: model states paired with monitor states. */
  readonly nodes: number;
  /** Model states stored: the distinct states, or under symmetry one per orbit. */
  readonly stored: number;
  /** Transitions explored from the distinct states, by kind of step. */
  readonly coverage: readonly CoverageRow[];
}

/** A search with the exact store: the state space it explored, too. */
export interface SearchResult extends SearchOutcome {
  readonly space: StateSpace;
}

/**
 * Told of every violating step the search meets, not only the first per monitor: the monitor's
 * index, why, the state the step reaches, and (on demand) the shortest run found to it.
 */
export type ViolationSink = (found: {
  readonly monitor: number;
  readonly reason: string;
  readonly state: GlobalState;
  readonly run: () => FoundViolation;
}) => void;

export interface SearchOptions {
  readonly limits: Limits;
  readonly progress?: ProgressSink | undefined;
  readonly onViolation?: ViolationSink | undefined;
  /** Keep the state graph's edges (liveness properties and graph exports need them). */
  readonly graph?: boolean | undefined;
  /** Stops the search cleanly (partial statistics, verdicts so far) when aborted. */
  readonly signal?: AbortSignal | undefined;
  /** Expands only the steps this reduction chooses in each state (stubborn-steps.ts). */
  readonly reduction?: StepReduction | undefined;
  /**
   * Keeps one state per orbit of this symmetry (src/model/symmetry.ts); the figures stay the whole
   * space's (each representative counts for its orbit) and runs are concrete runs of the model.
   * Only for monitors that renaming processes leaves alike (SafetyProperty.symmetric).
   */
  readonly symmetry?: ProcessSymmetry | undefined;
  /** The state the search starts from, in place of the model's initial state (a run's last state, to look on from there). */
  readonly root?: GlobalState | undefined;
}

/** Runs the search to its end. */
export function search(
  model: Model,
  monitors: readonly Monitor<unknown>[],
  options: SearchOptions,
): SearchResult {
  return runToEnd(searching(model, monitors, options));
}

/**
 * The search, pausing (yielding) every CHECK_EVERY nodes: run it with pacing.ts's runToEnd, or
 * runYielding so that a signal handler can abort `options.signal` and it stops cleanly.
 */
export function* searching(
  model: Model,
  monitors: readonly Monitor<unknown>[],
  options: SearchOptions,
): Generator<void, SearchResult> {
  const budget = new MemoryBudget(memoryLimit(options.limits.maxMemoryMiB));
  const checkpoints = new Checkpoints(budget, options.progress, options.signal);
  const search = new ExactSearch(model, monitors, options, budget);
  try {
    for (let head = 0; head < search.queued; head++) {
      const depth = search.expand(head);
      if (head % CHECK_EVERY !== 0) continue;
      yield;
      const halt = checkpoints.check({
        phase: "explore",
        states: search.states,
        queue: search.queued - head - 1,
        depth,
      });
      if (halt !== undefined) {
        search.stop = halt;
        break;
      }
    }
  } catch (error) {
    if (!(error instanceof OutOfMemoryBudget)) throw error;
    search.stop = "max-memory";
  }
  return search.result();
}

/** The budget in bytes: the user's, or by default 80% of the machine's memory (budget.ts). */
export function memoryLimit(maxMemoryMiB: number | undefined): number | undefined {
  return maxMemoryMiB === undefined ? undefined : maxMemoryMiB * 2 ** 20;
}
