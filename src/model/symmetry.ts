/**
 * Symmetry of processes, as a hook on packed states (Stateright's `Representative`): when renaming
 * processes by a permutation π maps the model onto itself — the topology's channels onto channels,
 * the initiators onto initiators, the initial state onto itself — and neither the workload nor the
 * algorithm treats a process by its index (both declare it), then π(s) behaves as s does, and a
 * search may keep one state per orbit: the representative is the least of the π(s) as word vectors.
 * Renaming moves words only: a process's app and recorded words to π(p)'s place, a channel's record
 * and contents words to the place of the channel (π(from), π(to)); no value names a process, by the
 * declarations. A script names processes: no symmetry with one.
 */
import { isDeclaredFor } from "../algorithms/algorithm.js";
import type { Model } from "./model.js";

/** Beyond this many processes the permutations (720 at 6) are too many to try for each state. */
const MAX_PROCESSES = 6;

export class ProcessSymmetry {
  /** Number of permutations of the group, the identity included. */
  readonly order: number;
  /** For each permutation but the identity: out[i] = in[source[i]]. */
  private readonly sources: readonly Int32Array[];
  private readonly scratch: Int32Array;
  private readonly identity: Int32Array;

  private constructor(
    readonly width: number,
    sources: readonly Int32Array[],
  ) {
    this.sources = sources;
    this.order = sources.length + 1;
    this.scratch = new Int32Array(width);
    this.identity = Int32Array.from({ length: width }, (_, i) => i);
  }

  /** The symmetry of `model`, or why it has none to exploit. */
  static of(model: Model): ProcessSymmetry | string {
    const { spec, topology } = model;
    if (spec.script !== undefined) return "a script names processes, so they are not interchangeable";
    if (spec.workload.symmetric !== true)
      return `the ${spec.workload.name} workload does not declare its processes interchangeable`;
    if (!isDeclaredFor(spec.algorithm.symmetric, spec.algorithm))
      return `the ${spec.algorithm.name} algorithm does not declare its processes interchangeable`;
    const n = topology.processes;
    if (n > MAX_PROCESSES) return `more than ${MAX_PROCESSES} processes: too many permutations to try`;
    const initial = model.codec.encode(model.initial);
    const initiators = new Set(spec.initiators);
    const sources: Int32Array[] = [];
    for (const pi of permutations(n)) {
      if (pi.every((q, p) => q === p)) continue;
      if (!spec.initiators.every((p) => initiators.has(pi[p] as number))) continue;
      const source = wordSources(model, pi);
      if (source === undefined) continue;
      if (source.some((from, i) => initial[from] !== initial[i])) continue;
      sources.push(source);
    }
    if (sources.length === 0)
      return "no renaming of processes maps the topology, the initiators and the initial state onto themselves";
    return new ProcessSymmetry(model.width, sources);
  }

  /**
   * Replaces the state at `w[offset..]` by its orbit's representative, and returns how many
   * permutations fix the state (its stabilizer: the orbit has order / that many states).
   */
  canonicalize(w: Int32Array, offset: number): number {
    const width = this.width;
    const best = this.scratch;
    for (let i = 0; i < width; i++) best[i] = w[offset + i] as number;
    let fixing = 1;
    for (const source of this.sources) {
      // Compare π(s) with the best so far, word by word, without building π(s) unless it is less.
      let order = 0;
      let equal = true;
      for (let i = 0; i < width; i++) {
        const candidate = w[offset + (source[i] as number)] as number;
        const current = best[i] as number;
        if (candidate !== (w[offset + i] as number)) equal = false;
        if (order === 0 && candidate !== current) order = candidate < current ? -1 : 1;
        if (order !== 0 && !equal) break;
      }
      if (equal) fixing++;
      if (order < 0) for (let i = 0; i < width; i++) best[i] = w[offset + (source[i] as number)] as number;
    }
    for (let i = 0; i < width; i++) w[offset + i] = best[i] as number;
    return fixing;
  }

  /**
   * A renaming π (as word sources, applied by `rename`) with π(from) = to, when the two states lie
   * in one orbit.
   */
  renamingBetween(from: ArrayLike<number>, to: ArrayLike<number>): Int32Array | undefined {
    const width = this.width;
    if (Array.prototype.every.call(to, (w: number, i: number) => w === from[i])) return this.identity;
    return this.sources.find((source) => {
      for (let i = 0; i < width; i++) if (from[source[i] as number] !== to[i]) return false;
      return true;
    });
  }

  /** Writes π(w) to `out`, for π given by its word sources. */
  rename(source: Int32Array, w: ArrayLike<number>, out: Int32Array): void {
    for (let i = 0; i < this.width; i++) out[i] = w[source[i] as number] as number;
  }

  /** How many states the orbit of a state fixed by `fixing` permutations holds. */
  orbitSize(fixing: number): number {
    return this.order / fixing;
  }
}

/** Where each word of π(s) comes from in s, or undefined when π does not map channels onto channels. */
function wordSources(model: Model, pi: readonly number[]): Int32Array | undefined {
  const { codec, topology } = model;
  const n = topology.processes;
  const channels = topology.channels.length;
  // The channel c' = (π(from), π(to)) of each channel c.
  const image: number[] = [];
  for (const { from, to } of topology.channels) {
    const c = topology.channelIndex(pi[from] as number, pi[to] as number);
    if (c === undefined) return undefined;
    image.push(c);
  }
  const source = new Int32Array(codec.width);
  source[0] = 0;
  for (let p = 0; p < n; p++) source[codec.app + (pi[p] as number)] = codec.app + p;
  for (let k = 0; k < codec.instances; k++) {
    for (let p = 0; p < n; p++)
      source[codec.recorded + k * n + (pi[p] as number)] = codec.recorded + k * n + p;
    for (let c = 0; c < channels; c++)
      source[codec.records + k * channels + (image[c] as number)] = codec.records + k * channels + c;
  }
  for (let c = 0; c < channels; c++) source[codec.channels + (image[c] as number)] = codec.channels + c;
  return source;
}

/** Every permutation of 0 … n−1 (Heap's algorithm). */
function permutations(n: number): number[][] {
  const a = Array.from({ length: n }, (_, i) => i);
  const result: number[][] = [[...a]];
  const c = new Array<number>(n).fill(0);
  for (let i = 1; i < n; ) {
    if ((c[i] as number) < i) {
      const j = i % 2 === 0 ? 0 : (c[i] as number);
      [a[j], a[i]] = [a[i] as number, a[j] as number];
      result.push([...a]);
      c[i] = (c[i] as number) + 1;
      i = 1;
    } else {
      c[i] = 0;
      i++;
    }
  }
  return result;
}
