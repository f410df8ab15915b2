/**
 * The BFS frontier of the fingerprint and bitstate modes, which keep no state store: the packed
 * states of the level being expanded and of the next level, in two flat Uint32Arrays that swap at
 * each level (so a state's depth is its level, and the frontier costs 4 bytes per word of the two
 * widest consecutive levels). The next level's buffer doubles through the memory budget.
 */
import { allocateOrStop, type MemoryBudget } from "./budget.js";

export class Frontier {
  /** The level being expanded: `length` states of `words` words each. */
  current: Uint32Array;
  length = 0;
  private next: Uint32Array;
  private nextLength = 0;

  constructor(
    readonly words: number,
    private readonly budget: MemoryBudget,
  ) {
    this.current = allocateOrStop(budget, Uint32Array, 1024 * words, "the frontier");
    this.next = allocateOrStop(budget, Uint32Array, 1024 * words, "the frontier");
  }

  /** Bytes held by both levels. */
  get bytes(): number {
    return this.current.byteLength + this.next.byteLength;
  }

  /** States queued for the next level. */
  get queued(): number {
    return this.nextLength;
  }

  /** Appends the state at `src[offset..]` to the next level; may throw OutOfMemoryBudget. */
  push(src: Uint32Array, offset: number): void {
    const ws = this.words;
    let base = this.nextLength * ws;
    if (base + ws > this.next.length) {
      const bigger = allocateOrStop(this.budget, Uint32Array, this.next.length * 2, "the frontier");
      bigger.set(this.next);
      this.budget.release(this.next);
      this.next = bigger;
      base = this.nextLength * ws;
    }
    for (let i = 0; i < ws; i++) this.next[base + i] = src[offset + i] as number;
    this.nextLength++;
  }

  /** The next level becomes the current one (the old current buffer is reused for the level after). */
  advance(): void {
    const done = this.current;
    this.current = this.next;
    this.length = this.nextLength;
    this.next = done;
    this.nextLength = 0;
  }
}
