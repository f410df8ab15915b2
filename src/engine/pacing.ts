/**
 * How a search is driven: a search is a generator that pauses every CHECK_EVERY nodes, run either
 * to its end at once or letting the event loop run about every 50 ms (so that a signal handler or
 * a stop button can abort it); and what it checks at each pause — memory, an abort, progress.
 */
import { getHeapStatistics } from "node:v8";
import type { MemoryBudget } from "./budget.js";
import type { ProgressReport, ProgressSink, StopReason } from "./limits.js";

/** Nodes a search expands between two pauses. */
export const CHECK_EVERY = 1024;

/**
 * Milliseconds between two readings of the memory in use: reading the resident size costs a system
 * call, too much for every pause of a fast search, and the big tables ask the budget themselves
 * before they grow.
 */
const MEMORY_EVERY_MS = 25;

/** Runs a paused search to its end. */
export function runToEnd<T>(running: Generator<void, T>): T {
  for (;;) {
    const next = running.next();
    if (next.done === true) return next.value;
  }
}

/** Runs a paused search to its end, letting the event loop run about every 50 ms. */
export async function runYielding<T>(running: Generator<void, T>): Promise<T> {
  let yielded = performance.now();
  for (;;) {
    const next = running.next();
    if (next.done === true) return next.value;
    if (performance.now() - yielded < 50) continue;
    // setTimeout, not setImmediate: the same code runs in a browser's worker.
    await new Promise((resolve) => setTimeout(resolve, 0));
    yielded = performance.now();
  }
}

/** The checks of a search's pauses. */
export class Checkpoints {
  private readonly started = performance.now();
  private nextReport = this.started + 1000;
  private nextMemoryReading = this.started;
  // The JS heap dies at its own limit, whatever the budget: stop well before it.
  private readonly heapCeiling = 0.85 * getHeapStatistics().heap_size_limit;

  constructor(
    private readonly budget: MemoryBudget,
    private readonly progress: ProgressSink | undefined,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** Seconds since the search started. */
  get seconds(): number {
    return (performance.now() - this.started) / 1000;
  }

  /**
   * Why the search must stop now, if it must; else reports progress about once a second. (The
   * report is a value, not a function: a closure over a search loop's variables would cost the
   * loop an allocation per iteration.)
   */
  check(report: Omit<ProgressReport, "seconds">): StopReason | undefined {
    const now = performance.now();
    if (now >= this.nextMemoryReading) {
      this.nextMemoryReading = now + MEMORY_EVERY_MS;
      if (this.budget.inUse() > this.budget.limit || getHeapStatistics().used_heap_size > this.heapCeiling)
        return "max-memory";
    }
    if (this.signal?.aborted === true) return "signal";
    if (this.progress !== undefined && now >= this.nextReport) {
      this.nextReport = now + 1000;
      this.progress({ ...report, seconds: this.seconds });
    }
    return undefined;
  }
}
