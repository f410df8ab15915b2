/**
 * The searches' contract: what every search is asked (SearchOptions) and what it finds
 * (SearchOutcome; with the exact store, SearchResult and its state space), and how it tells of
 * each violation. search.ts drives the exact store's search, hashed-search.ts the hashed stores'.
 */
import type { ProcessSymmetry } from "../model/symmetry.js";
import type { GlobalState, Run } from "../model/types.js";
import type { CoverageRow } from "./coverage.js";
import type { Limits, ProgressSink, StopReason } from "./limits.js";
import type { ModelFigures } from "./model-figures.js";
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

/** How far any search goes, whom it tells how far it got, and what stops it: every store's, and the check's. */
export interface SearchBounds {
  readonly limits: Limits;
  readonly progress?: ProgressSink | undefined;
  /** Stops the search cleanly, with partial statistics and the verdicts so far, when aborted. */
  readonly signal?: AbortSignal | undefined;
}

/** What the exact store's search is asked. */
export interface SearchOptions extends SearchBounds {
  readonly onViolation?: ViolationSink | undefined;
  /** Keep the state graph's edges (liveness properties and graph exports need them). */
  readonly graph?: boolean | undefined;
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
