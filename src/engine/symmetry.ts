/**
 * Symmetry reduction (issue 5, item 4): when some processes are interchangeable, explore one
 * representative per orbit instead of every state. The group is every permutation π of the
 * processes that keeps the configuration: equal initial balances (b[π(p)] = b[p]), the initiator
 * set (π(p) is an initiator iff p is), and the topology (c(π(i),π(j)) exists iff c(i,j) does). Such
 * a π maps the initial state to itself and, relabelling channels c(i,j) → c(π(i),π(j)), every step
 * to a step (the rules of Chandy–Lamport and bank name no process in particular), so it is an
 * automorphism of the transition system: reachability, shortest distances, deadlocks, complete
 * snapshots and the money in S* are the same for every state of an orbit. The canonical
 * representative of a state is its image with the lexicographically least packed words.
 *
 * With symmetry, the counts are orbit counts (distinct orbits, transitions out of representatives),
 * not the state counts of semantics.md; verdicts and shortest counterexample lengths are unchanged.
 */
import type { EngineModel } from "./config.js";
import type { Layout } from "./layout.js";

/** At most this many processes: the group is found by trying every permutation (8! = 40,320). */
const MAX_PROCESSES = 8;

export class Symmetry {
  /** The permutations other than the identity; perm k maps field f to field fieldMaps[k][f]. */
  readonly fieldMaps: readonly Int32Array[];
  private readonly value: Int32Array;
  private readonly candidate: Uint32Array;
  private readonly best: Uint32Array;

  constructor(
    model: EngineModel,
    private readonly layout: Layout,
  ) {
    this.fieldMaps = symmetries(model).map((perm) => fieldMap(model, layout, perm));
    this.value = new Int32Array(layout.fields);
    this.candidate = new Uint32Array(layout.words);
    this.best = new Uint32Array(layout.words);
  }

  /** The size of the group (1: no symmetry to exploit). */
  get order(): number {
    return this.fieldMaps.length + 1;
  }

  /** Replaces the state at `words[offset..]` by the canonical representative of its orbit. */
  canonicalize(words: Uint32Array, offset: number): void {
    const L = this.layout;
    const ws = L.words;
    const v = this.value;
    const best = this.best;
    const candidate = this.candidate;
    for (let f = 0; f < L.fields; f++) v[f] = L.get(words, offset, f);
    for (let i = 0; i < ws; i++) best[i] = words[offset + i] as number;
    for (const map of this.fieldMaps) {
      candidate.fill(0);
      for (let f = 0; f < L.fields; f++) L.add(candidate, 0, map[f] as number, v[f] as number);
      let i = 0;
      while (i < ws && candidate[i] === best[i]) i++;
      if (i < ws && (candidate[i] as number) < (best[i] as number)) best.set(candidate);
    }
    for (let i = 0; i < ws; i++) words[offset + i] = best[i] as number;
  }
}

/** Every permutation of the processes, other than the identity, that keeps the configuration. */
function symmetries(model: EngineModel): number[][] {
  const { topology, balances } = model;
  const n = topology.processes;
  if (n > MAX_PROCESSES) return [];
  const initiator = (p: number) => model.initiators.includes(p);
  const keeps = (perm: readonly number[]) =>
    perm.every((q, p) => balances[q] === balances[p] && initiator(q) === initiator(p)) &&
    topology.channels.every(
      ({ from, to }) => topology.channelIndex(perm[from] as number, perm[to] as number) !== undefined,
    );
  const found: number[][] = [];
  const perm: number[] = [];
  const used = new Array<boolean>(n).fill(false);
  const extend = (): void => {
    if (perm.length === n) {
      if (keeps(perm) && perm.some((q, p) => q !== p)) found.push([...perm]);
      return;
    }
    for (let q = 0; q < n; q++) {
      if (used[q]) continue;
      used[q] = true;
      perm.push(q);
      extend();
      perm.pop();
      used[q] = false;
    }
  };
  extend();
  return found;
}

/** Where each field goes under `perm`: Pp's fields to Pπ(p)'s, c(i,j)'s to c(π(i),π(j))'s. */
function fieldMap(model: EngineModel, layout: Layout, perm: readonly number[]): Int32Array {
  const map = new Int32Array(layout.fields);
  const moveAll = (from: Int32Array, to: Int32Array, image: (x: number) => number) => {
    from.forEach((f, x) => {
      map[f] = to[image(x)] as number;
    });
  };
  const process = (p: number) => perm[p] as number;
  const channel = (c: number) => {
    const { from, to } = model.topology.channel(c);
    return model.topology.channelIndex(process(from), process(to)) ?? c;
  };
  moveAll(layout.balance, layout.balance, process);
  moveAll(layout.recorded, layout.recorded, process);
  moveAll(layout.closed, layout.closed, channel);
  moveAll(layout.count, layout.count, channel);
  moveAll(layout.queue, layout.queue, channel);
  moveAll(layout.marker, layout.marker, channel);
  return map;
}
