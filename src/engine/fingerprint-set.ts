/**
 * Fingerprint deduplication (TLC's approach): a state is remembered only by its 64-bit hash, kept
 * in an open-addressing table (linear probing) of two Uint32 words per slot, and, when the table
 * carries a payload beside each fingerprint, a 16-bit one (32-bit once a payload needs it) in a
 * parallel array — the search keeps there a model state's first product node's combination of
 * monitor states, so one probe serves both; the all-zero pair marks an empty slot. The table need not be a power of two (a slot is chosen by scaling the hash's low lane
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
  /** Slot s holds the fingerprint (table[2s], table[2s + 1]) and the payload payloads[s]. */
  private table: Uint32Array;
  private payloads: Uint16Array | Uint32Array | undefined;
  /** Slots in the table. */
  private size: number;
  private growAt: number;

  constructor(
    private readonly budget: MemoryBudget,
    expected: number,
    /** Keep a payload (a non-negative 32-bit integer) beside each fingerprint. */
    payload = false,
  ) {
    this.size = Math.max(1024, Math.ceil(expected / MAX_LOAD) + 1);
    this.table = allocateOrStop(budget, Uint32Array, this.size * 2, "the fingerprint table");
    if (payload) this.payloads = allocateOrStop(budget, Uint16Array, this.size, "the fingerprint table");
    this.growAt = Math.floor(this.size * MAX_LOAD);
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.table.byteLength + (this.payloads?.byteLength ?? 0);
  }

  /**
   * Remembers fingerprint (h1, h2) with `payload`, and returns NEW; if it was remembered already,
   * returns the payload it was remembered with (0 in a table without payloads).
   */
  insert(h1: number, h2: number, payload = 0): number {
    const lo = h1 >>> 0;
    const hi = lo === 0 && h2 === 0 ? 1 : h2 >>> 0;
    const t = this.table;
    let s = slotOf(lo, this.size);
    for (;;) {
      const a = t[2 * s] as number;
      const b = t[2 * s + 1] as number;
      if (a === 0 && b === 0) break;
      if (a === lo && b === hi) return (this.payloads?.[s] as number | undefined) ?? 0;
      s = s + 1 === this.size ? 0 : s + 1;
    }
    const full = this.count >= this.growAt;
    const narrow = payload > 0xffff && this.payloads instanceof Uint16Array;
    if (full || narrow) {
      this.grow(full, narrow);
      return this.insert(h1, h2, payload);
    }
    t[2 * s] = lo;
    t[2 * s + 1] = hi;
    if (this.payloads !== undefined) this.payloads[s] = payload;
    this.count++;
    return NEW;
  }

  /** The payload fingerprint (h1, h2) was remembered with (0 without payloads), or NEW if it was not. */
  find(h1: number, h2: number): number {
    const lo = h1 >>> 0;
    const hi = lo === 0 && h2 === 0 ? 1 : h2 >>> 0;
    const t = this.table;
    for (let s = slotOf(lo, this.size); ; s = s + 1 === this.size ? 0 : s + 1) {
      const a = t[2 * s] as number;
      const b = t[2 * s + 1] as number;
      if (a === 0 && b === 0) return NEW;
      if (a === lo && b === hi) return (this.payloads?.[s] as number | undefined) ?? 0;
    }
  }

  /**
   * Doubles the table (putting every fingerprint back), or widens its payloads to 32 bits, or both.
   * Widening alone leaves every fingerprint where it is and copies only the payloads: at the scale
   * where payloads outgrow 16 bits, a second table held beside the first would set the run's peak.
   */
  private grow(double: boolean, widen: boolean): void {
    if (!double) {
      this.widenPayloads();
      return;
    }
    const size = this.size * 2;
    const table = this.budget.allocate(Uint32Array, size * 2);
    const wide = widen || this.payloads instanceof Uint32Array;
    const payloads =
      this.payloads === undefined
        ? undefined
        : wide
          ? this.budget.allocate(Uint32Array, size)
          : this.budget.allocate(Uint16Array, size);
    if (table === undefined || (this.payloads !== undefined && payloads === undefined)) {
      if (table !== undefined) this.budget.release(table);
      const full = Math.floor(this.size * 0.95);
      if (widen || this.growAt >= full) throw new OutOfMemoryBudget("the fingerprint table");
      this.growAt = full;
      return;
    }
    const old = this.table;
    const oldPayloads = this.payloads;
    for (let o = 0; o < old.length / 2; o++) {
      const lo = old[2 * o] as number;
      const hi = old[2 * o + 1] as number;
      if (lo === 0 && hi === 0) continue;
      let s = slotOf(lo, size);
      while (table[2 * s] !== 0 || table[2 * s + 1] !== 0) s = s + 1 === size ? 0 : s + 1;
      table[2 * s] = lo;
      table[2 * s + 1] = hi;
      if (payloads !== undefined) payloads[s] = oldPayloads?.[o] as number;
    }
    this.budget.release(old);
    if (oldPayloads !== undefined) this.budget.release(oldPayloads);
    this.table = table;
    this.payloads = payloads;
    this.size = size;
    this.growAt = Math.floor(size * MAX_LOAD);
  }

  /** The payloads in 32 bits, slot for slot. */
  private widenPayloads(): void {
    const narrow = this.payloads as Uint16Array;
    const wide = this.budget.allocate(Uint32Array, this.size);
    if (wide === undefined) throw new OutOfMemoryBudget("the fingerprint table");
    wide.set(narrow);
    this.budget.release(narrow);
    this.payloads = wide;
  }
}

/** The home slot of a fingerprint whose low lane is `lo` (unsigned) in a table of `size` slots. */
function slotOf(lo: number, size: number): number {
  return Math.min(size - 1, Math.floor((lo * size) / 4294967296));
}
