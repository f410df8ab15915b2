/**
 * Exact deduplication: every row is stored, by id in discovery (BFS) order, in one flat
 * Uint32Array, with its parent's id and the index of the step that reached it first — so a shortest
 * path to any row is rebuilt by following parents. A row is its key (the first `keyWords` words:
 * what tells rows apart) followed by a payload the row carries along (the search keeps there the
 * monitor words of a model state's first product node). An open-addressing index (linear probing,
 * at most 80% full, any size: the slot is the hash scaled into [0, size), as in
 * fingerprint-set.ts) maps a key's hash to its id; each slot holds the id and a copy of the row, so
 * a lookup — and the payload check after it — touches one cache line instead of two (index, then
 * store): lookups are the engine's main cost, and mostly cache misses. Cost: 4 bytes per word of
 * row + 6 for the parent link + 4·(words + 1) per slot.
 */
import { allocateOrStop, type MemoryBudget } from "./budget.js";
import { hashState } from "./hash.js";

/** The index holds at most this fraction of its slots (linear probing stays short below it). */
const MAX_LOAD = 0.8;
/**
 * The index grows by half when full: it is the search's main cache miss, so it should stay as
 * small as the load allows (doubling would leave it, right after a growth, twice the size needed).
 */
const INDEX_GROWTH = 1.5;

export class ExactSet {
  /** Row `id` occupies states[id * words .. (id + 1) * words). */
  states: Uint32Array;
  /** parent[id]: the id of the row it was first reached from (−1 for the first). */
  parent: Int32Array;
  /** step[id]: the index, among its parent's enabled steps, of the step that reached it. */
  step: Uint16Array;
  count = 0;
  /** After an `insert` that met its key: whether the stored row's payload equals the one offered. */
  samePayload = true;
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
  ) {
    this.capacity = Math.max(1024, expected);
    this.states = allocateOrStop(budget, Uint32Array, this.capacity * words, "the state store");
    this.parent = allocateOrStop(budget, Int32Array, this.capacity, "the parent links");
    this.step = allocateOrStop(budget, Uint16Array, this.capacity, "the parent links");
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
    for (const array of [this.states, this.parent, this.step, this.slots]) this.budget.release(array);
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
    const base = id * ws;
    for (let i = 0; i < ws; i++) {
      const w = src[offset + i] as number;
      this.states[base + i] = w;
      this.slots[s + 1 + i] = w;
    }
    this.slots[s] = id + 1;
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

  /** Doubles the store; may throw OutOfMemoryBudget. */
  private growStore(): void {
    const capacity = this.capacity * 2;
    const states = allocateOrStop(this.budget, Uint32Array, capacity * this.words, "the state store");
    states.set(this.states);
    this.budget.release(this.states);
    this.states = states;
    const parent = allocateOrStop(this.budget, Int32Array, capacity, "the parent links");
    parent.set(this.parent);
    this.budget.release(this.parent);
    this.parent = parent;
    const step = allocateOrStop(this.budget, Uint16Array, capacity, "the parent links");
    step.set(this.step);
    this.budget.release(this.step);
    this.step = step;
    this.capacity = capacity;
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
