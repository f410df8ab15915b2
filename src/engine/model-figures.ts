/**
 * The figures of the model states a search found (README, "Statistics"), tallied as it finds them,
 * whichever store keeps the states: distinct states, transitions (every explored (state, enabled
 * step) pair), the largest shortest distance, states with a complete snapshot and states with one
 * in progress (counted as each distinct state is stored), deadlocks (counted as it is visited: a
 * state a limit kept unvisited is not judged).
 */
import { someInProgress } from "../model/codec.js";
import type { Model } from "../model/model.js";

export interface ModelFigures {
  readonly distinctStates: number;
  readonly transitions: number;
  readonly maxDepth: number;
  readonly completeSnapshots: number;
  /** States where some snapshot instance has started and not completed. */
  readonly inProgress: number;
  readonly deadlocks: number;
}

export class FigureTally {
  private distinct = 0;
  private transitions = 0;
  private maxDepth = 0;
  private completeSnapshots = 0;
  private inProgress = 0;
  private deadlocks = 0;

  /** The progress (StateCodec.progress) of a state in which every instance is complete. */
  private readonly everyComplete: number;

  constructor(private readonly model: Model) {
    this.everyComplete = 4 ** model.instances - 1;
  }

  /**
   * A new distinct state, at `words[offset..]`, at shortest distance `depth`; under symmetry it
   * stands for the `weight` states of its orbit, which share its depth and its figures. Returns
   * whether some snapshot instance is in progress in it.
   */
  stored(words: ArrayLike<number>, offset: number, depth: number, weight = 1): boolean {
    const progress = this.model.codec.progress(words, offset);
    this.distinct += weight;
    if (depth > this.maxDepth) this.maxDepth = depth;
    if (progress === this.everyComplete) this.completeSnapshots += weight;
    if (!someInProgress(progress)) return false;
    this.inProgress += weight;
    return true;
  }

  /**
   * A distinct state (standing for `weight` states) visited for the first time: it enables
   * `enabled` steps, `explored` of them taken.
   */
  visited(enabled: number, explored: number, weight = 1): void {
    if (enabled === 0) this.deadlocks += weight;
    this.transitions += explored * weight;
  }

  figures(): ModelFigures {
    return {
      distinctStates: this.distinct,
      transitions: this.transitions,
      maxDepth: this.maxDepth,
      completeSnapshots: this.completeSnapshots,
      inProgress: this.inProgress,
      deadlocks: this.deadlocks,
    };
  }
}
