/**
 * The drive of the exact store's search (exact-search.ts; every search's contract is in
 * search-contract.ts): breadth-first over the product of the model and the safety properties'
 * monitors, pausing every CHECK_EVERY nodes so that a caller can let the event loop run, check
 * memory and progress, and stop cleanly. hashed-search.ts runs the same product with fingerprints
 * or bits.
 */
import type { Model } from "../model/model.js";
import { MemoryBudget, OutOfMemoryBudget } from "./budget.js";
import { ExactSearch } from "./exact-search.js";
import { CHECK_EVERY, Checkpoints, runToEnd } from "./pacing.js";
import type { Monitor } from "./property.js";
import type { SearchOptions, SearchResult } from "./search-contract.js";

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
