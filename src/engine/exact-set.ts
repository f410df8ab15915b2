/**
 * Exact deduplication: every packed state is stored, by id in discovery (BFS) order, in one flat
 * Uint32Array, with its parent's id and the index of the step that reached it first — so the store
 * is also the BFS queue (ids are expanded in order) and a shortest path to any state is rebuilt by
 * following parents. An open-addressing index (linear probing, power-of-two size, at most half
 * full) maps a state's 32-bit hash to its id; the hash is kept beside the id so most probes never
 * touch the state words. Cost: 4 bytes per word of state + 6 for the parent link + 8 per slot.
 */
import { allocateOrStop, type MemoryBudget } from "./budget.js";

export class ExactSet {
  /** State `id` occupies states[id * words .. (id + 1) * words). */
  states: Uint32Array;
  /** parent[id]: the id of the state it was first reached from (−1 for the initial state). */
  parent: Int32Array;
  /** step[id]: the index, among its parent's enabled steps, of the step that reached it. */
  step: Uint16Array;
  count = 0;
  private capacity: number;
  /** Slot s is slots[2s] = id + 1 of its state (0 = empty) and slots[2s + 1] = its hash: one cache line. */
  private slots: Int32Array;
  private mask: number;

  constructor(
    readonly words: number,
    private readonly budget: MemoryBudget,
    expected: number,
  ) {
    this.capacity = Math.max(65536, expected);
    this.states = allocateOrStop(budget, Uint32Array, this.capacity * words, "the state store");
    this.parent = allocateOrStop(budget, Int32Array, this.capacity, "the parent links");
    this.step = allocateOrStop(budget, Uint16Array, this.capacity, "the parent links");
    const size = 2 ** Math.ceil(Math.log2(this.capacity * 2));
    this.slots = allocateOrStop(budget, Int32Array, size * 2, "the state index");
    this.mask = size - 1;
  }

  /** Bytes held by the store and its index. */
  get bytes(): number {
    return this.states.byteLength + this.parent.byteLength + this.step.byteLength + this.slots.byteLength;
  }

  /** Stores the state at `src[offset..]` (hash `h`) if new and returns its id, else returns −1. */
  insert(src: Uint32Array, offset: number, h: number): number {
    const ws = this.words;
    const slots = this.slots;
    let s = h & this.mask;
    for (;;) {
      const slot = slots[2 * s] as number;
      if (slot === 0) break;
      if (slots[2 * s + 1] === h && this.equals(slot - 1, src, offset)) return -1;
      s = (s + 1) & this.mask;
    }
    if (this.count === this.capacity) {
      this.growStore();
      return this.insert(src, offset, h);
    }
    const id = this.count++;
    const base = id * ws;
    for (let i = 0; i < ws; i++) this.states[base + i] = src[offset + i] as number;
    slots[2 * s] = id + 1;
    slots[2 * s + 1] = h;
    return id;
  }

  /** Is the state at `src[offset..]` (hash `h`) stored? */
  has(src: Uint32Array, offset: number, h: number): boolean {
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const slot = this.slots[2 * s] as number;
      if (slot === 0) return false;
      if (this.slots[2 * s + 1] === h && this.equals(slot - 1, src, offset)) return true;
    }
  }

  private equals(id: number, src: Uint32Array, offset: number): boolean {
    const ws = this.words;
    const base = id * ws;
    for (let i = 0; i < ws; i++) if (this.states[base + i] !== src[offset + i]) return false;
    return true;
  }

  /** Doubles the store (and, to stay at most half full, the index); may throw OutOfMemoryBudget. */
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
    if (capacity * 2 > this.mask + 1) this.rehash(capacity * 2);
  }

  private rehash(size: number): void {
    const slots = allocateOrStop(this.budget, Int32Array, size * 2, "the state index");
    const mask = size - 1;
    const old = this.slots;
    for (let o = 0; o < old.length; o += 2) {
      const slot = old[o] as number;
      if (slot === 0) continue;
      const h = old[o + 1] as number;
      let s = h & mask;
      while (slots[2 * s] !== 0) s = (s + 1) & mask;
      slots[2 * s] = slot;
      slots[2 * s + 1] = h;
    }
    this.budget.release(old);
    this.slots = slots;
    this.mask = mask;
  }
}
