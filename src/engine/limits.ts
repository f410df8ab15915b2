/** Search limits, and why a search ended. */

export interface Limits {
  /** Keep only states whose shortest distance from the initial state is at most this. */
  readonly maxDepth?: number | undefined;
  /** Stop once this many distinct states have been found. */
  readonly maxStates?: number | undefined;
  /**
   * Stop cleanly, with partial statistics, once the JS heap holds this many MiB (default, and at
   * most: 85% of the heap limit, so a search never dies of memory; NODE_OPTIONS=--max-old-space-size
   * raises the limit).
   */
  readonly maxMemoryMiB?: number | undefined;
}

/** `exhausted`: every reachable state was explored; otherwise the limit that cut the search short. */
export type StopReason = "exhausted" | "max-depth" | "max-states" | "max-memory" | "signal";

/**
 * The figures every exhaustive search reports, whichever engine ran it (README, "Statistics"):
 * distinct states within the bound, transitions (every explored (state, enabled step) pair), the
 * largest shortest distance, states with a complete snapshot, deadlocks, time, and why it ended.
 */
export interface SearchFigures {
  readonly distinctStates: number;
  readonly transitions: number;
  readonly maxDepth: number;
  readonly completeSnapshots: number;
  readonly deadlocks: number;
  readonly seconds: number;
  readonly statesPerSecond: number;
  readonly stop: StopReason;
}

/** Progress of a running search, reported about once a second (TLC-style figures). */
export interface ProgressReport {
  readonly phase: string;
  readonly states: number;
  readonly queue: number;
  readonly depth: number;
  readonly seconds: number;
}

export type ProgressSink = (report: ProgressReport) => void;
