/**
 * Fingerprint deduplication (TLC's approach): a state is remembered only by its 64-bit hash, kept
 * in an open-addressing table (linear probing, power-of-two size) of two Uint32 words per slot; the
 * all-zero pair marks an empty slot. 8 bytes per slot, so 10.7–21 bytes per state at the load
 * factors it runs at. Two states with equal fingerprints are taken for one: the second is never
 * explored (probability estimated by the search). The table doubles at 3/4 full; when the budget
 * refuses the doubling it keeps filling up to 15/16 (slower probes, but the run goes on), and only
 * then throws OutOfMemoryBudget.
 */
import { allocateOrStop, type MemoryBudget, OutOfMemoryBudget } from "./budget.js";

export class FingerprintSet {
  count = 0;
  private table: Uint32Array;
  private mask: number;
  private growAt: number;

  constructor(
    private readonly budget: MemoryBudget,
    expected: number,
  ) {
    const size = 2 ** Math.ceil(Math.log2(Math.max(1024, (expected * 4) / 3 + 1)));
    this.table = allocateOrStop(budget, Uint32Array, size * 2, "the fingerprint table");
    this.mask = size - 1;
    this.growAt = Math.floor(size * 0.75);
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.table.byteLength;
  }

  /** Remembers fingerprint (h1, h2); true if it was not there before. */
  insert(h1: number, h2: number): boolean {
    const lo = h1 >>> 0;
    const hi = lo === 0 && h2 === 0 ? 1 : h2 >>> 0;
    const t = this.table;
    let s = lo & this.mask;
    for (;;) {
      const a = t[2 * s] as number;
      const b = t[2 * s + 1] as number;
      if (a === 0 && b === 0) break;
      if (a === lo && b === hi) return false;
      s = (s + 1) & this.mask;
    }
    if (this.count >= this.growAt) {
      this.grow();
      return this.insert(h1, h2);
    }
    t[2 * s] = lo;
    t[2 * s + 1] = hi;
    this.count++;
    return true;
  }

  /** Is fingerprint (h1, h2) remembered? */
  has(h1: number, h2: number): boolean {
    const lo = h1 >>> 0;
    const hi = lo === 0 && h2 === 0 ? 1 : h2 >>> 0;
    const t = this.table;
    for (let s = lo & this.mask; ; s = (s + 1) & this.mask) {
      const a = t[2 * s] as number;
      const b = t[2 * s + 1] as number;
      if (a === 0 && b === 0) return false;
      if (a === lo && b === hi) return true;
    }
  }

  private grow(): void {
    const size = this.table.length; // slots × 2 = the doubled slot count
    const full = Math.floor(((this.mask + 1) * 15) / 16);
    const table = this.budget.allocate(Uint32Array, size * 2);
    if (table === undefined) {
      if (this.growAt >= full) throw new OutOfMemoryBudget("the fingerprint table");
      this.growAt = full;
      return;
    }
    const mask = size - 1;
    const old = this.table;
    for (let s = 0; s < old.length; s += 2) {
      const lo = old[s] as number;
      const hi = old[s + 1] as number;
      if (lo === 0 && hi === 0) continue;
      let t = lo & mask;
      while (table[2 * t] !== 0 || table[2 * t + 1] !== 0) t = (t + 1) & mask;
      table[2 * t] = lo;
      table[2 * t + 1] = hi;
    }
    this.budget.release(old);
    this.table = table;
    this.mask = mask;
    this.growAt = Math.floor(size * 0.75);
  }
}
