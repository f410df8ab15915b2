/**
 * Symmetry reduction: when some processes are interchangeable, explore one
 * representative per orbit instead of every state. The group is every permutation π of the
 * processes that keeps the configuration: equal initial balances (b[π(p)] = b[p]), the initiator
 * set (π(p) is an initiator iff p is), and the topology (c(π(i),π(j)) exists iff c(i,j) does). Such
 * a π maps the initial state to itself and, relabelling channels c(i,j) → c(π(i),π(j)), every step
 * to a step (the rules of Chandy–Lamport and bank name no process in particular), so it is an
 * automorphism of the transition system: reachability, shortest distances, deadlocks, complete
 * snapshots and the money in S* are the same for every state of an orbit. The canonical
 * representative of a state is its image with the lexicographically least packed words.
 *
 * The search stores orbits, yet reports the state counts of semantics.md exactly: an orbit holds
 * |G| / |Stab(s)| states (Stab(s): the permutations mapping its representative s to itself), and
 * each of them has as many enabled steps as s, is complete or a deadlock when s is, and lies at
 * s's distance — so summing `orbitSize` over the representatives gives the distinct states, the
 * transitions, the complete snapshots and the deadlocks of the unreduced search. Verdicts and
 * shortest counterexample lengths are unchanged.
 */
import type { EngineModel } from "./config.js";
import type { Layout } from "./layout.js";

/** At most this many processes: the group is found by trying every permutation (8! = 40,320). */
const MAX_PROCESSES = 8;

export class Symmetry {
  /** The size of the group (1: no symmetry to exploit). */
  readonly order: number;
  /** Replaces the state at `words[offset..]` by the canonical representative of its orbit. */
  readonly canonicalize: (words: Uint32Array, offset: number) => void;
  /** How many states the orbit of the state at `words[offset..]` holds. */
  readonly orbitSize: (words: Uint32Array, offset: number) => number;

  constructor(model: EngineModel, layout: Layout) {
    const maps = symmetries(model).map((perm) => fieldMap(model, layout, perm));
    this.order = maps.length + 1;
    this.canonicalize = new Function(
      "words",
      "offset",
      canonicalizer(layout, maps),
    ) as Symmetry["canonicalize"];
    const fixes = new Function("words", "offset", fixedBy(layout, maps)) as (
      words: Uint32Array,
      offset: number,
    ) => number;
    const order = this.order;
    this.orbitSize = (words, offset) => order / (1 + fixes(words, offset));
  }
}

/** The source of a function counting the non-identity permutations that map a state to itself. */
function fixedBy(layout: Layout, maps: readonly Int32Array[]): string {
  const lines = [...unpacked(layout), "let fixed = 0;"];
  for (const map of maps) {
    const same = imageWords(layout, map).map((sum, i) => `${sum} === b${i}`);
    lines.push(`if (${same.join(" && ")}) fixed++;`);
  }
  lines.push("return fixed;");
  return lines.join("\n");
}

/** Statements reading the state's words into `b<i>` and its fields into `v<f>`. */
function unpacked(layout: Layout): string[] {
  const L = layout;
  const lines: string[] = [];
  for (let i = 0; i < L.words; i++) lines.push(`let b${i} = words[offset + ${i}];`);
  for (let f = 0; f < L.fields; f++)
    lines.push(`const v${f} = (b${L.word[f]} >>> ${L.shift[f]}) & ${L.mask[f]};`);
  return lines;
}

/** Per word, the expression of the image's word under the field map `map`, from the `v<f>` locals. */
function imageWords(layout: Layout, map: Int32Array): string[] {
  const L = layout;
  const terms: string[][] = Array.from({ length: L.words }, () => []);
  map.forEach((target, f) => {
    if ((L.mask[f] ?? 0) !== 0) terms[L.word[target] ?? 0]?.push(`v${f} * ${L.unit[target]}`);
  });
  return terms.map((t) => `(0 + ${t.join(" + ") || "0"})`);
}

/**
 * The source of `canonicalize`, compiled once per run like the kernel (kernel.ts) because it runs
 * on every successor: unpack the fields, then for each permutation build its image's words as
 * sums of field × 2^shift with constant positions (exact in doubles: a word is below 2^32), and
 * keep the lexicographically least.
 */
function canonicalizer(layout: Layout, maps: readonly Int32Array[]): string {
  const ws = layout.words;
  const lines = unpacked(layout);
  for (const map of maps) {
    lines.push("{");
    imageWords(layout, map).forEach((sum, i) => {
      lines.push(`const c${i} = ${sum};`);
    });
    // Is the image less than the best so far? Compare word by word.
    let less = "false";
    for (let i = ws - 1; i >= 0; i--) less = `(c${i} < b${i} || (c${i} === b${i} && ${less}))`;
    const take = Array.from({ length: ws }, (_, i) => `b${i} = c${i};`).join(" ");
    lines.push(`if ${less} { ${take} }`, "}");
  }
  for (let i = 0; i < ws; i++) lines.push(`words[offset + ${i}] = b${i};`);
  return lines.join("\n");
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
