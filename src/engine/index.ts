/**
 * The compact engine's public surface: an exhaustive breadth-first checker for the
 * reference model of semantics.md (bank, Chandy–Lamport, fifo/nonfifo, any topology) over packed
 * states — exact, fingerprint or bitstate deduplication, optional symmetry and partial-order reduction, a memory
 * budget, progress reports — whose statistics mean what the packed engine's mean; in exact mode
 * without reductions, the state graph after the search, termination decided whole on it, and the
 * graphology graph built from it; and the same search on several worker threads (parallel.ts),
 * with the same statistics and verdict depths.
 */

export { OutOfMemoryBudget } from "./budget.js";
export type { EngineMode, EngineModel, EngineOptions, EngineProgress } from "./config.js";
export { engineModelOf } from "./config.js";
export type { EngineResult, EngineStats, EngineVerdict, EngineViolation } from "./explore.js";
export { exploreCompact } from "./explore.js";
export type { EngineGraph, ExactSpace } from "./graph.js";
export type { ParallelOptions, ParallelResult } from "./parallel.js";
export { exploreCompactParallel } from "./parallel.js";
export { checkTermination } from "./termination.js";
