/**
 * Dense ids for tuples of words — interning on typed arrays: equal tuples, and only they, get one
 * id, in the order first met. What the product names its monitor combinations by, and the
 * observation the application states and snapshots it has decoded: a hash and one probe, where a
 * string key would cost an allocation per lookup.
 */
import { MemoryBudget } from "./budget.js";
import { ExactSet } from "./exact-set.js";
import { hashState } from "./hash.js";

export class WordIds {
  private readonly set: ExactSet;
  private readonly hash = new Int32Array(2);
  /** Whether the last `id` met its tuple for the first time. */
  added = false;

  constructor(readonly words: number) {
    // Small tables of the search's own bookkeeping: outside its memory budget.
    this.set = new ExactSet(Math.max(1, words), new MemoryBudget(), 1024, Math.max(1, words), false);
  }

  /** How many distinct tuples have ids. */
  get size(): number {
    return this.set.count;
  }

  /** The id of the tuple `src[offset .. offset + words)`: a new one if it was never met. */
  id(src: Uint32Array, offset = 0): number {
    hashState(src, offset, this.words, this.hash);
    const id = this.set.insert(src, offset, this.hash[0] as number);
    this.added = id >= 0;
    return id >= 0 ? id : -1 - id;
  }
}
