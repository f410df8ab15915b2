/**
 * Exact deduplication: every row is stored, by id in discovery (BFS) order, in Uint32Array chunks
 * that are never moved once full (growth copies nothing but the small first chunk). A row is its
 * key (the first `keyWords` words: what tells rows apart) followed by a payload the row carries
 * along (the search keeps there the monitor words of a model state's first product node). An
 * open-addressing index (linear probing, at most 80% full, any size: the slot is the hash scaled
 * into [0, size), as in fingerprint-set.ts) maps a key's hash to its id; each slot holds the id and
 * a copy of the row, so a lookup — and the payload check after it — touches one cache line instead
 * of two (index, then store): lookups are the engine's main cost, and mostly cache misses. Cost: 4
 * bytes per word of row + 4·(words + 1) per slot. A set that only names rows (WordIds) keeps no
 * rows by id.
 */
import { allocateOrStop, type MemoryBudget } from "./budget.js";
import { hashState } from "./hash.js";

/** Rows per chunk of the store: 2^16. */
const CHUNK_BITS = 16;
const CHUNK_ROWS = 1 << CHUNK_BITS;
const IN_CHUNK = CHUNK_ROWS - 1;

/** The index holds at most this fraction of its slots (linear probing stays short below it). */
const MAX_LOAD = 0.8;
/**
 * The index grows by half when full: it is the search's main cache miss, so it should stay as
 * small as the load allows (doubling would leave it, right after a growth, twice the size needed).
 */
const INDEX_GROWTH = 1.5;

export class ExactSet {
  /** Rows by id: row `id` is at offsetOf(id) in chunkOf(id). */
  private readonly chunks: Uint32Array[] = [];
  count = 0;
  /** After an `insert` that met its key: whether the stored row's payload equals the one offered. */
  samePayload = true;
  /** Rows the chunks have room for (unbounded when no rows are kept). */
  private capacity: number;
  /** Slot s is slots[s·stride] = id + 1 of its row (0 = empty), then the row's words. */
  private slots: Uint32Array;
  private readonly stride: number;
  /** Slots in the index. */
  private size: number;
  private readonly hash = new Int32Array(2);

  constructor(
    /** Words per row. */
    readonly words: number,
    private readonly budget: MemoryBudget,
    expected: number,
    /** Leading words of a row that are its key (all of them by default). */
    readonly keyWords = words,
    /** Whether rows are kept by id, to be read back (chunkOf); a set that only names rows needs none. */
    keepsRows = true,
  ) {
    this.capacity = keepsRows ? 0 : Number.POSITIVE_INFINITY;
    this.size = Math.ceil(Math.max(1024, expected) / MAX_LOAD) + 1;
    this.stride = words + 1;
    this.slots = allocateOrStop(budget, Uint32Array, this.size * this.stride, "the state index");
  }

  /** Rows the set holds before its index must grow. */
  get room(): number {
    return Math.floor(this.size * MAX_LOAD);
  }

  /** Gives the store's and the index's bytes back to the budget (the set is not used after). */
  release(): void {
    for (const array of [...this.chunks, this.slots]) this.budget.release(array);
  }

  /** The chunk that holds row `id`. */
  chunkOf(id: number): Uint32Array {
    return this.chunks[id >>> CHUNK_BITS] as Uint32Array;
  }

  /** Where row `id` starts in its chunk. */
  offsetOf(id: number): number {
    return (id & IN_CHUNK) * this.words;
  }

  /**
   * Stores the row at `src[offset..]` (its key's hash `h`) if its key is new and returns its id;
   * if the key was stored already, returns −1 − its id (a negative result means "met before") and
   * sets `samePayload`.
   */
  insert(src: Uint32Array, offset: number, h: number): number {
    const s = this.find(src, offset, h);
    const met = this.slots[s] as number;
    if (met !== 0) {
      let same = true;
      for (let i = this.keyWords; i < this.words; i++) {
        if (this.slots[s + 1 + i] !== src[offset + i]) {
          same = false;
          break;
        }
      }
      this.samePayload = same;
      return -met;
    }
    if (this.count === this.capacity) this.growStore();
    if (this.count + 1 > this.size * MAX_LOAD) {
      this.rehash(this.size * INDEX_GROWTH);
      return this.insert(src, offset, h);
    }
    const ws = this.words;
    const id = this.count++;
    for (let i = 0; i < ws; i++) this.slots[s + 1 + i] = src[offset + i] as number;
    this.slots[s] = id + 1;
    if (this.chunks.length > 0) {
      const chunk = this.chunkOf(id);
      const base = this.offsetOf(id);
      for (let i = 0; i < ws; i++) chunk[base + i] = src[offset + i] as number;
    }
    return id;
  }

  /** The id of the row whose key is at `src[offset..]` (hash `h`), or −1 if it is not stored. */
  idOf(src: Uint32Array, offset: number, h: number): number {
    return (this.slots[this.find(src, offset, h)] as number) - 1;
  }

  /** The index in `slots` of the key's slot, or of the empty slot where it would go. */
  private find(src: Uint32Array, offset: number, h: number): number {
    const slots = this.slots;
    const ws = this.keyWords;
    const stride = this.stride;
    const size = this.size;
    for (let s = slotOf(h >>> 0, size); ; s = s + 1 === size ? 0 : s + 1) {
      const at = s * stride;
      if (slots[at] === 0) return at;
      let i = 0;
      while (i < ws && slots[at + 1 + i] === src[offset + i]) i++;
      if (i === ws) return at;
    }
  }

  /**
   * Room for more rows: the first chunk doubled, up to a whole chunk, or a whole chunk added; may
   * throw OutOfMemoryBudget.
   */
  private growStore(): void {
    const first = this.chunks[0];
    const rows = first === undefined ? 0 : first.length / this.words;
    if (rows < CHUNK_ROWS) {
      const grown = allocateOrStop(
        this.budget,
        Uint32Array,
        Math.min(CHUNK_ROWS, Math.max(1024, 2 * rows)) * this.words,
        "the state store",
      );
      if (first !== undefined) {
        grown.set(first);
        this.budget.release(first);
      }
      this.chunks[0] = grown;
      this.capacity = grown.length / this.words;
      return;
    }
    this.chunks.push(allocateOrStop(this.budget, Uint32Array, CHUNK_ROWS * this.words, "the state store"));
    this.capacity += CHUNK_ROWS;
  }

  /** Moves every slot into a new index of `slots` slots (in slot order, so the writes run mostly forward). */
  private rehash(slots: number): void {
    const old = this.slots;
    const { stride, keyWords, hash } = this;
    const size = Math.ceil(slots);
    const fresh = allocateOrStop(this.budget, Uint32Array, size * stride, "the state index");
    for (let at = 0; at < old.length; at += stride) {
      if (old[at] === 0) continue;
      hashState(old, at + 1, keyWords, hash);
      let s = slotOf((hash[0] as number) >>> 0, size);
      while (fresh[s * stride] !== 0) s = s + 1 === size ? 0 : s + 1;
      const to = s * stride;
      for (let i = 0; i < stride; i++) fresh[to + i] = old[at + i] as number;
    }
    this.slots = fresh;
    this.size = size;
    this.budget.release(old);
  }
}

/** The slot of hash `h` (unsigned) in an index of `size` slots: h scaled into [0, size). */
function slotOf(h: number, size: number): number {
  return Math.min(size - 1, Math.floor((h * size) / 4294967296));
}
