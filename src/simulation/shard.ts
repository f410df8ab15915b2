/**
 * Sharding a simulation: shard i of n executes the i-th of n contiguous blocks of run indices,
 * cut at window boundaries (simulate.ts). Run k's randomness is derived from the seed and k alone,
 * so the shards of one simulation execute, between them, exactly its runs, each exactly once, and
 * pick the same runs to shrink.
 */
import { ConfigError } from "../errors.js";
import { WINDOW } from "./simulate.js";

/** Shard `index` (1-based, as in CI matrices) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Reads `i/n`, e.g. "2/4", or says what is wrong with it. */
export function parseShard(text: string, runs: number): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || index < 1 || index > count) {
    throw new ConfigError("--shard", `expected i/n with 1 ≤ i ≤ n, e.g. 2/4, got ${JSON.stringify(text)}`);
  }
  if (count > runs)
    throw new ConfigError("--shard", `${count} shards need at least ${count} runs; raise --runs`);
  return { index, count };
}

/** The run indices `[first, end)` that `shard` of a simulation of `runs` runs executes. */
export function runRange(runs: number, shard: Shard | null): { first: number; end: number } {
  if (shard === null) return { first: 0, end: runs };
  const windows = Math.ceil(runs / WINDOW);
  const boundary = (i: number) => Math.min(runs, Math.floor((i * windows) / shard.count) * WINDOW);
  return { first: boundary(shard.index - 1), end: boundary(shard.index) };
}
