/**
 * Bitstate deduplication (SPIN's supertrace, Holzmann's bit-state hashing): a fixed array of 2^w
 * bits; a state sets k bits chosen by double hashing from its 64-bit hash (bit_i = h1 + i·h2, top w
 * bits). A state whose k bits are all set already is taken as visited — possibly wrongly, so the
 * search may miss states, never invent them: counts are lower bounds. The array never grows; the
 * run reports the hash factor (bits per stored state) and the fill ratio, from which the chance that
 * a new state was taken for a visited one is estimated.
 */
import { allocateOrStop, type MemoryBudget } from "./budget.js";

export class BitstateSet {
  count = 0;
  /** Bits set so far. */
  bitsSet = 0;
  /** Sum over stored states of the chance, when it was stored, that a new state would be missed. */
  expectedMissed = 0;
  private readonly bits: Uint32Array;
  private readonly down: number;

  constructor(
    budget: MemoryBudget,
    readonly log2Bits: number,
    readonly hashes: number,
  ) {
    this.bits = allocateOrStop(budget, Uint32Array, 2 ** Math.max(0, log2Bits - 5), "the bitstate array");
    this.down = 32 - log2Bits;
  }

  /** Size of the bit array in bits. */
  get size(): number {
    return 2 ** this.log2Bits;
  }

  /** Sets the k bits of hash (h1, h2); true if some was clear (the state is taken as new). */
  insert(h1: number, h2: number): boolean {
    let fresh = false;
    for (let i = 0; i < this.hashes; i++) {
      const bit = ((h1 + Math.imul(i, h2 | 1)) >>> 0) >>> this.down;
      const word = bit >>> 5;
      const m = 1 << (bit & 31);
      const w = this.bits[word] as number;
      if ((w & m) === 0) {
        this.bits[word] = w | m;
        this.bitsSet++;
        fresh = true;
      }
    }
    if (fresh) {
      this.count++;
      this.expectedMissed += this.fill() ** this.hashes;
    }
    return fresh;
  }

  /** Are all k bits of hash (h1, h2) set? */
  has(h1: number, h2: number): boolean {
    for (let i = 0; i < this.hashes; i++) {
      const bit = ((h1 + Math.imul(i, h2 | 1)) >>> 0) >>> this.down;
      if (((this.bits[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }

  /** The fraction of bits set. */
  fill(): number {
    return this.bitsSet / this.size;
  }
}
