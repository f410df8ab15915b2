/**
 * The model's transition cache: what a step does, learned from the rules the first time and looked
 * up after. The handlers (workload and algorithm) are pure functions of the words they read through
 * the draft, so a step's effect — the words it writes, with their values, and the events it emits —
 * is determined by the values of the source words it reads; and which word it reads next is
 * determined by the values read before. So each step has a decision tree: a branch names the next
 * word the rules read and leads on by its value; a leaf holds the effect. Applying a cached step is
 * a walk of a few words and a copy with a few words patched — no handler runs, nothing is
 * allocated — and it names the list of events emitted by an id (one per sequence of events), on
 * which the monitors' product memoizes. This is LTSmin's caching of transition groups on their
 * read dependencies, with the dependencies found by watching the rules run rather than declared
 * next to them. The trees live in typed arrays (a node is a number), so a walk touches a few
 * small arrays that stay in cache instead of chasing objects.
 */
import type { Words } from "./codec.js";

/** Leaves kept at the most; past it the cache starts again (a space whose local states never repeat). */
const MAX_LEAVES = 1 << 22;

const LEAF = -1;

export class TransitionCache {
  /** The root node of each step's tree, by the step's number (−1: none yet). */
  private roots = new Int32Array(64).fill(-1);
  private nodes = 0;
  private leaves = 0;
  /** Per node: the word whose value decides the next node, or LEAF. */
  private branchOn = new Int32Array(256);
  /**
   * Per branching node: where its children start in `children`, and for how many values there is
   * room; per leaf: where its writes start in `writes`, and how many words they take.
   */
  private start = new Int32Array(256);
  private span = new Int32Array(256);
  /** Per leaf: the id of the list of events emitted, and whether it writes a word of the snapshot. */
  private events = new Int32Array(256);
  private snapshot = new Uint8Array(256);
  /** children[start[n] + v]: 1 + the node that value v of node n's word leads to, 0 for none yet. */
  private children = new Int32Array(1024);
  private childrenUsed = 0;
  /** The words leaves write, as (index, value) pairs. */
  private writes = new Int32Array(1024);
  private writesUsed = 0;

  constructor(
    /** Is word i part of the snapshot (a recorded state or a channel's record)? */
    private readonly inSnapshot: (i: number) => boolean,
  ) {}

  /**
   * The leaf of step number `step` (Model.stepNumber) for the words `w`, if the rules have met
   * these values before, else −1.
   */
  find(step: number, w: Words): number {
    let node = step < this.roots.length ? (this.roots[step] as number) : -1;
    if (node < 0) return -1;
    const { branchOn, start, span, children } = this;
    for (;;) {
      const index = branchOn[node] as number;
      if (index === LEAF) return node;
      const value = w[index] as number;
      if (value >= (span[node] as number)) return -1;
      node = (children[(start[node] as number) + value] as number) - 1;
      if (node < 0) return -1;
    }
  }

  /** Writes the words leaf `leaf` writes into `out`. */
  patch(leaf: number, out: Words): void {
    const { writes } = this;
    const end = (this.start[leaf] as number) + (this.span[leaf] as number);
    for (let i = this.start[leaf] as number; i < end; i += 2)
      out[writes[i] as number] = writes[i + 1] as number;
  }

  /** Writes back into `out` the words of `w` that leaf `leaf` writes (undoes `patch`). */
  restore(leaf: number, w: Words, out: Words): void {
    const { writes } = this;
    const end = (this.start[leaf] as number) + (this.span[leaf] as number);
    for (let i = this.start[leaf] as number; i < end; i += 2) {
      const index = writes[i] as number;
      out[index] = w[index] as number;
    }
  }

  /** The words leaf `leaf` writes, as (index, value) pairs. */
  writesOf(leaf: number): Int32Array {
    return this.writes.subarray(this.start[leaf], (this.start[leaf] as number) + (this.span[leaf] as number));
  }

  /** The id of the list of events leaf `leaf` emits. */
  eventsOf(leaf: number): number {
    return this.events[leaf] as number;
  }

  /** Does leaf `leaf` write a word of the snapshot part? */
  writesSnapshot(leaf: number): boolean {
    return this.snapshot[leaf] === 1;
  }

  /**
   * Learns the effect of step number `step` from one run of the rules: they read `reads` ((index,
   * value) pairs in the order first read), wrote `writes` and emitted the list `events`. `describe`
   * names the step if the rules turn out not to be a function of what they read.
   */
  learn(
    step: number,
    reads: readonly number[],
    writes: Int32Array,
    events: number,
    describe: () => string,
  ): void {
    if (this.leaves >= MAX_LEAVES) this.clear();
    let node = step < this.roots.length ? (this.roots[step] as number) : -1;
    if (node < 0) {
      if (step >= this.roots.length) {
        const roots = new Int32Array(Math.max(2 * this.roots.length, step + 1)).fill(-1);
        roots.set(this.roots);
        this.roots = roots;
      }
      this.roots[step] = this.chain(reads, 0, writes, events);
      return;
    }
    for (let i = 0; ; i += 2) {
      const expected = i < reads.length ? (reads[i] as number) : LEAF;
      // Another word read next, or an effect already known where find found none: not a function.
      if (this.branchOn[node] !== expected || expected === LEAF) throw new RangeError(impure(describe()));
      const value = reads[i + 1] as number;
      const child = this.child(node, value);
      if (child < 0) {
        this.setChild(node, value, this.chain(reads, i + 2, writes, events));
        return;
      }
      node = child;
    }
  }

  private child(node: number, value: number): number {
    if (value >= (this.span[node] as number)) return -1;
    return (this.children[(this.start[node] as number) + value] as number) - 1;
  }

  /** New nodes reading reads[at], reads[at + 2], … down to the leaf of the effect; returns the first. */
  private chain(reads: readonly number[], at: number, writes: Int32Array, events: number): number {
    const node = this.nodes++;
    if (node === this.branchOn.length) this.growNodes();
    if (at < reads.length) {
      this.branchOn[node] = reads[at] as number;
      this.start[node] = 0;
      this.span[node] = 0;
      this.setChild(node, reads[at + 1] as number, this.chain(reads, at + 2, writes, events));
      return node;
    }
    this.leaves++;
    this.branchOn[node] = LEAF;
    this.start[node] = this.writesUsed;
    this.span[node] = writes.length;
    this.writes = ensure(this.writes, this.writesUsed + writes.length);
    this.writes.set(writes, this.writesUsed);
    this.writesUsed += writes.length;
    this.events[node] = events;
    this.snapshot[node] = writesSnapshot(writes, this.inSnapshot) ? 1 : 0;
    return node;
  }

  /** Node `node`'s value `value` leads to `child`; its room for values moves to the end when it must grow. */
  private setChild(node: number, value: number, child: number): void {
    const span = this.span[node] as number;
    if (value >= span) {
      const grown = Math.max(4, 2 * span, value + 1);
      this.children = ensure(this.children, this.childrenUsed + grown);
      this.children.copyWithin(
        this.childrenUsed,
        this.start[node] as number,
        (this.start[node] as number) + span,
      );
      this.children.fill(0, this.childrenUsed + span, this.childrenUsed + grown);
      this.start[node] = this.childrenUsed;
      this.span[node] = grown;
      this.childrenUsed += grown;
    }
    this.children[(this.start[node] as number) + value] = child + 1;
  }

  private growNodes(): void {
    const size = 2 * this.branchOn.length;
    this.branchOn = copied(this.branchOn, new Int32Array(size));
    this.start = copied(this.start, new Int32Array(size));
    this.span = copied(this.span, new Int32Array(size));
    this.events = copied(this.events, new Int32Array(size));
    this.snapshot = copied(this.snapshot, new Uint8Array(size));
  }

  private clear(): void {
    this.roots.fill(-1);
    this.nodes = 0;
    this.leaves = 0;
    this.childrenUsed = 0;
    this.writesUsed = 0;
  }
}

/** Does one of the (index, value) pairs `writes` write a word of the snapshot? */
export function writesSnapshot(writes: Int32Array, inSnapshot: (i: number) => boolean): boolean {
  for (let i = 0; i < writes.length; i += 2) if (inSnapshot(writes[i] as number)) return true;
  return false;
}

/** `array`, or a copy of it twice as long (or more) when it has fewer than `length` elements. */
function ensure(array: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  return length <= array.length ? array : copied(array, new Int32Array(Math.max(length, 2 * array.length)));
}

function copied<A extends Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>>(from: A, to: A): A {
  to.set(from);
  return to;
}

function impure(step: string): string {
  return `${step} read the state differently on the same values: the workload's and the algorithm's handlers must be functions of the state they read through the draft alone`;
}
