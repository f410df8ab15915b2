/**
 * Fingerprint deduplication (TLC's approach): a state is remembered only by its 64-bit hash, kept
 * in an open-addressing table (linear probing) of two Uint32 words per slot — three when the table
 * carries a payload beside each fingerprint (the search keeps there a model state's first product
 * node's combination of monitor states, so one probe serves both); the all-zero pair marks an
 * empty slot. The table need not be a power of two (a slot is chosen by scaling the hash's low lane
 * into [0, size), Lemire's "fastrange"), so a run told how many states to expect (`--max-states`)
 * gets a table of just the right size. Two states with equal fingerprints are taken for one: the
 * second is never explored (probability estimated by the search). The table doubles at 85% full;
 * when the budget refuses the doubling it keeps filling up to 95% (slower probes, but the run goes
 * on), and only then throws OutOfMemoryBudget.
 */
import { allocateOrStop, type MemoryBudget, OutOfMemoryBudget } from "./budget.js";

/** What `insert` returns for a fingerprint it had not met. */
export const NEW = -1;

/** The table holds at most this fraction of its slots, while it may grow. */
const MAX_LOAD = 0.85;

export class FingerprintSet {
  count = 0;
  private table: Uint32Array;
  /** Words per slot: the fingerprint's two, and the payload's. */
  private readonly stride: number;
  /** Slots in the table. */
  private size: number;
  private growAt: number;

  constructor(
    private readonly budget: MemoryBudget,
    expected: number,
    /** Keep a payload (a non-negative 32-bit integer) beside each fingerprint. */
    payload = false,
  ) {
    this.stride = payload ? 3 : 2;
    this.size = Math.max(1024, Math.ceil(expected / MAX_LOAD) + 1);
    this.table = allocateOrStop(budget, Uint32Array, this.size * this.stride, "the fingerprint table");
    this.growAt = Math.floor(this.size * MAX_LOAD);
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.table.byteLength;
  }

  /**
   * Remembers fingerprint (h1, h2) with `payload`, and returns NEW; if it was remembered already,
   * returns the payload it was remembered with (0 in a table without payloads).
   */
  insert(h1: number, h2: number, payload = 0): number {
    const lo = h1 >>> 0;
    const hi = lo === 0 && h2 === 0 ? 1 : h2 >>> 0;
    const t = this.table;
    const stride = this.stride;
    let s = slotOf(lo, this.size);
    for (;;) {
      const a = t[stride * s] as number;
      const b = t[stride * s + 1] as number;
      if (a === 0 && b === 0) break;
      if (a === lo && b === hi) return stride === 3 ? (t[stride * s + 2] as number) : 0;
      s = s + 1 === this.size ? 0 : s + 1;
    }
    if (this.count >= this.growAt) {
      this.grow();
      return this.insert(h1, h2, payload);
    }
    t[stride * s] = lo;
    t[stride * s + 1] = hi;
    if (stride === 3) t[stride * s + 2] = payload;
    this.count++;
    return NEW;
  }

  /** The payload fingerprint (h1, h2) was remembered with (0 without payloads), or NEW if it was not. */
  find(h1: number, h2: number): number {
    const lo = h1 >>> 0;
    const hi = lo === 0 && h2 === 0 ? 1 : h2 >>> 0;
    const t = this.table;
    const stride = this.stride;
    for (let s = slotOf(lo, this.size); ; s = s + 1 === this.size ? 0 : s + 1) {
      const a = t[stride * s] as number;
      const b = t[stride * s + 1] as number;
      if (a === 0 && b === 0) return NEW;
      if (a === lo && b === hi) return stride === 3 ? (t[stride * s + 2] as number) : 0;
    }
  }

  private grow(): void {
    const full = Math.floor(this.size * 0.95);
    const size = this.size * 2;
    const stride = this.stride;
    const table = this.budget.allocate(Uint32Array, size * stride);
    if (table === undefined) {
      if (this.growAt >= full) throw new OutOfMemoryBudget("the fingerprint table");
      this.growAt = full;
      return;
    }
    const old = this.table;
    for (let o = 0; o < old.length; o += stride) {
      const lo = old[o] as number;
      const hi = old[o + 1] as number;
      if (lo === 0 && hi === 0) continue;
      let s = slotOf(lo, size);
      while (table[stride * s] !== 0 || table[stride * s + 1] !== 0) s = s + 1 === size ? 0 : s + 1;
      for (let i = 0; i < stride; i++) table[stride * s + i] = old[o + i] as number;
    }
    this.budget.release(old);
    this.table = table;
    this.size = size;
    this.growAt = Math.floor(size * MAX_LOAD);
  }
}

/** The home slot of a fingerprint whose low lane is `lo` (unsigned) in a table of `size` slots. */
function slotOf(lo: number, size: number): number {
  return Math.min(size - 1, Math.floor((lo * size) / 4294967296));
}
