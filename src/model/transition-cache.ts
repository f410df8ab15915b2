/**
 * The model's transition cache: what a step does, learned from the rules the first time and looked
 * up after. The handlers (workload and algorithm) are pure functions of the words they read through
 * the draft, so a step's effect — the words it writes, with their values, and the events it emits —
 * is determined by the values of the source words it reads; and which word it reads next is
 * determined by the values read before. So each step has a decision tree: a branch names the next
 * word the rules read and leads on by its value; a leaf holds the effect. Applying a cached step is
 * a walk of a few words and a copy with a few words patched — no handler runs, nothing is
 * allocated — and it names the list of events emitted by an id (one per sequence of events), on
 * which the monitors' product memoizes. This is
 * LTSmin's caching of transition groups on their read dependencies, with the dependencies found by
 * watching the rules run rather than declared next to them.
 */
import type { Words } from "./codec.js";
import type { Step } from "./types.js";

/** A node of a step's tree: a branch on word `index` (then `next` by its value), or a leaf (index −1). */
export class CachedEffect {
  constructor(
    /** The word whose value decides the next node; −1 at a leaf. */
    readonly index: number,
    /** By value of word `index`: the node it leads to. */
    readonly next: (CachedEffect | undefined)[],
    /** At a leaf: the words written, as (index, value) pairs. */
    readonly writes: Int32Array,
    /** At a leaf: the id of the list of events emitted. */
    readonly events: number,
  ) {}
}

const NO_WRITES = new Int32Array(0);

/** Leaves kept at the most; past it the cache starts again (a space whose local states never repeat). */
const MAX_LEAVES = 1 << 22;

export class TransitionCache {
  private readonly roots = new Map<Step, CachedEffect>();
  private leaves = 0;

  /** The cached effect of `step` on the words `w`, if the rules have met these values before. */
  find(step: Step, w: Words): CachedEffect | undefined {
    let node = this.roots.get(step);
    while (node !== undefined && node.index >= 0) node = node.next[w[node.index] as number];
    return node;
  }

  /**
   * Learns the effect of `step` from one run of the rules: they read `reads` ((index, value) pairs
   * in the order first read), wrote `writes` and emitted the list `events`. `describe` names the
   * step if the rules turn out not to be a function of what they read.
   */
  learn(
    step: Step,
    reads: readonly number[],
    writes: Int32Array,
    events: number,
    describe: (step: Step) => string,
  ): void {
    if (this.leaves >= MAX_LEAVES) {
      this.roots.clear();
      this.leaves = 0;
    }
    const leaf = new CachedEffect(-1, [], writes, events);
    const nodeFor = (i: number) =>
      i < reads.length ? new CachedEffect(reads[i] as number, [], NO_WRITES, -1) : leaf;
    let node: CachedEffect | undefined = this.roots.get(step);
    if (node === undefined) {
      node = nodeFor(0);
      this.roots.set(step, node);
    }
    for (let i = 0; ; i += 2) {
      const expected = i < reads.length ? (reads[i] as number) : -1;
      if (node.index !== expected) throw new RangeError(impure(describe(step)));
      if (expected < 0) break;
      const value = reads[i + 1] as number;
      let next: CachedEffect | undefined = node.next[value];
      if (next === undefined) {
        next = nodeFor(i + 2);
        node.next[value] = next;
      }
      node = next;
    }
    if (node !== leaf) throw new RangeError(impure(describe(step)));
    this.leaves++;
  }
}

function impure(step: string): string {
  return `${step} read the state differently on the same values: the workload's and the algorithm's handlers must be functions of the state they read through the draft alone`;
}
