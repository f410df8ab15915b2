/**
 * Fingerprint deduplication (TLC's approach): a state is remembered only by its 64-bit hash, kept
 * in an open-addressing table (linear probing) of two Uint32 words per slot; the all-zero pair
 * marks an empty slot. 8 bytes per slot, so 10.7–21 bytes per state at the load factors it runs
 * at. The table need not be a power of two (a slot is chosen by scaling the hash's low lane into
 * [0, size), Lemire's "fastrange"), so a run told how many states to expect gets a table of just
 * the right size: 145 million states fit in 1.6 GB instead of the next power of two's 2 GB. Two states with equal fingerprints are taken for one: the second is never
 * explored (probability estimated by the search). The table doubles at 3/4 full; when the budget
 * refuses the doubling it keeps filling up to 15/16 (slower probes, but the run goes on), and only
 * then throws OutOfMemoryBudget.
 */
import { allocateOrStop, type MemoryBudget, OutOfMemoryBudget } from "./budget.js";

export class FingerprintSet {
  count = 0;
  private table: Uint32Array;
  /** Slots in the table. */
  private size: number;
  private growAt: number;

  constructor(
    private readonly budget: MemoryBudget,
    expected: number,
  ) {
    this.size = Math.max(1024, Math.ceil((expected * 4) / 3) + 1);
    this.table = allocateOrStop(budget, Uint32Array, this.size * 2, "the fingerprint table");
    this.growAt = Math.floor(this.size * 0.75);
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
    let s = slotOf(lo, this.size);
    for (;;) {
      const a = t[2 * s] as number;
      const b = t[2 * s + 1] as number;
      if (a === 0 && b === 0) break;
      if (a === lo && b === hi) return false;
      s = s + 1 === this.size ? 0 : s + 1;
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
    for (let s = slotOf(lo, this.size); ; s = s + 1 === this.size ? 0 : s + 1) {
      const a = t[2 * s] as number;
      const b = t[2 * s + 1] as number;
      if (a === 0 && b === 0) return false;
      if (a === lo && b === hi) return true;
    }
  }

  private grow(): void {
    const full = Math.floor((this.size * 15) / 16);
    const size = this.size * 2;
    const table = this.budget.allocate(Uint32Array, size * 2);
    if (table === undefined) {
      if (this.growAt >= full) throw new OutOfMemoryBudget("the fingerprint table");
      this.growAt = full;
      return;
    }
    const old = this.table;
    for (let o = 0; o < old.length; o += 2) {
      const lo = old[o] as number;
      const hi = old[o + 1] as number;
      if (lo === 0 && hi === 0) continue;
      let s = slotOf(lo, size);
      while (table[2 * s] !== 0 || table[2 * s + 1] !== 0) s = s + 1 === size ? 0 : s + 1;
      table[2 * s] = lo;
      table[2 * s + 1] = hi;
    }
    this.budget.release(old);
    this.table = table;
    this.size = size;
    this.growAt = Math.floor(size * 0.75);
  }
}

/** The home slot of a fingerprint whose low lane is `lo` (unsigned) in a table of `size` slots. */
function slotOf(lo: number, size: number): number {
  return Math.min(size - 1, Math.floor((lo * size) / 4294967296));
}
