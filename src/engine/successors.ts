/**
 * The transition relation of the reference model on packed states (semantics.md, Chandy–Lamport as
 * in the lecture). `load` unpacks a state once and lists its enabled steps in the generic model's
 * order — initiate(p) for initiators that have not recorded; send(i→j) for each channel out of i
 * while b[i] ≥ 1; then per channel its deliveries (fifo: the head; nonfifo: the marker, then a
 * transfer, as the multiset's sorted order "M" < "T") — so step index k here is index k of
 * `Model.steps`, and a path of indices is a path of the generic model. `apply` writes the k-th
 * successor into a caller's buffer: it copies the parent's words and rewrites only the fields the
 * step changes, from the unpacked values. Nothing is allocated per state or per step.
 *
 * This is the interpreted, readable form of the relation: the search runs the compiled kernel
 * (kernel.ts), and uses this one to rebuild and decode paths; the tests check the kernel against it
 * (successors, counts, snapshot status) state by state.
 *
 * A step touches each channel at most once (a delivery takes from a channel into Pj, the markers Pj
 * sends go out on channels from Pj), so every write can start from the parent's value of its field.
 */
import type { EngineModel } from "./config.js";
import type { Layout } from "./layout.js";

export const INITIATE = 0;
export const SEND = 1;
export const DELIVER_TRANSFER = 2;
export const DELIVER_MARKER = 3;

export class Transitions {
  /** Per enabled step of the loaded state: its kind, and its process (initiate) or channel. */
  readonly stepKind: Uint8Array;
  readonly stepArg: Int32Array;
  /** The number of enabled steps of the loaded state. */
  enabled = 0;
  /** The loaded state's field values, by field id. */
  readonly value: Int32Array;
  private readonly parent: Uint32Array;
  /** In the loaded state: how many processes have recorded, how many channels are closed. */
  private recordedProcesses = 0;
  private closedChannels = 0;
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private readonly outStart: Int32Array;
  private readonly outChannels: Int32Array;
  private readonly initiator: Uint8Array;
  private readonly fifo: boolean;
  private readonly n: number;
  private readonly c: number;

  constructor(
    readonly model: EngineModel,
    readonly layout: Layout,
  ) {
    const { topology } = model;
    this.n = topology.processes;
    this.c = topology.channels.length;
    this.fifo = model.channels === "fifo";
    this.from = Int32Array.from(topology.channels, (ch) => ch.from);
    this.to = Int32Array.from(topology.channels, (ch) => ch.to);
    this.outStart = new Int32Array(this.n + 1);
    this.outChannels = Int32Array.from(topology.outgoing.flat());
    topology.outgoing.forEach((out, p) => {
      this.outStart[p + 1] = (this.outStart[p] as number) + out.length;
    });
    this.initiator = new Uint8Array(this.n);
    for (const p of model.initiators) this.initiator[p] = 1;
    const maxSteps = this.n + this.c * 2;
    this.stepKind = new Uint8Array(maxSteps);
    this.stepArg = new Int32Array(maxSteps);
    this.value = new Int32Array(layout.fields);
    this.parent = new Uint32Array(layout.words);
  }

  /** Packs the initial state (configured balances, empty channels, nothing recorded) into `out`. */
  initial(out: Uint32Array, offset: number): void {
    const L = this.layout;
    out.fill(0, offset, offset + L.words);
    for (let p = 0; p < this.n; p++) {
      L.add(out, offset, L.balance[p] as number, this.model.balances[p] ?? 0);
      L.add(out, offset, L.recorded[p] as number, L.notRecorded);
    }
    if (this.fifo) for (let c = 0; c < this.c; c++) L.add(out, offset, L.queue[c] as number, 1);
  }

  /** Unpacks the state at `words[offset..]` and lists its enabled steps; returns how many. */
  load(words: Uint32Array, offset: number): number {
    const L = this.layout;
    const v = this.value;
    const ws = L.words;
    const word = L.word;
    const shift = L.shift;
    const mask = L.mask;
    for (let i = 0; i < ws; i++) this.parent[i] = words[offset + i] as number;
    for (let f = 0; f < L.fields; f++) {
      v[f] = ((this.parent[word[f] as number] as number) >>> (shift[f] as number)) & (mask[f] as number);
    }
    let k = 0;
    let recorded = 0;
    for (let p = 0; p < this.n; p++) {
      if (v[L.recorded[p] as number] !== L.notRecorded) recorded++;
      else if (this.initiator[p] === 1) {
        this.stepKind[k] = INITIATE;
        this.stepArg[k++] = p;
      }
    }
    let closed = 0;
    for (let c = 0; c < this.c; c++) closed += v[L.closed[c] as number] as number;
    this.recordedProcesses = recorded;
    this.closedChannels = closed;
    for (let p = 0; p < this.n; p++) {
      if ((v[L.balance[p] as number] as number) < 1) continue;
      for (let o = this.outStart[p] as number; o < (this.outStart[p + 1] as number); o++) {
        this.stepKind[k] = SEND;
        this.stepArg[k++] = this.outChannels[o] as number;
      }
    }
    for (let c = 0; c < this.c; c++) {
      const q = v[L.queue[c] as number] as number;
      if (this.fifo) {
        if (q > 1) {
          this.stepKind[k] = (q & 1) === 1 ? DELIVER_MARKER : DELIVER_TRANSFER;
          this.stepArg[k++] = c;
        }
      } else {
        if (v[L.marker[c] as number] === 1) {
          this.stepKind[k] = DELIVER_MARKER;
          this.stepArg[k++] = c;
        }
        if (q > 0) {
          this.stepKind[k] = DELIVER_TRANSFER;
          this.stepArg[k++] = c;
        }
      }
    }
    this.enabled = k;
    return k;
  }

  /** Writes the state after the loaded state's step `k` to `out[offset..]`. */
  apply(k: number, out: Uint32Array, offset: number): void {
    const L = this.layout;
    const v = this.value;
    for (let i = 0; i < L.words; i++) out[offset + i] = this.parent[i] as number;
    const arg = this.stepArg[k] as number;
    switch (this.stepKind[k]) {
      case INITIATE:
        this.record(arg, out, offset);
        break;
      case SEND:
        L.add(out, offset, L.balance[this.from[arg] as number] as number, -1);
        this.push(arg, 0, out, offset);
        break;
      case DELIVER_TRANSFER: {
        this.take(arg, 0, out, offset);
        const j = this.to[arg] as number;
        L.add(out, offset, L.balance[j] as number, 1);
        if (v[L.recorded[j] as number] !== L.notRecorded && v[L.closed[arg] as number] === 0) {
          L.add(out, offset, L.count[arg] as number, 1);
        }
        break;
      }
      default: {
        this.take(arg, 1, out, offset);
        L.add(out, offset, L.closed[arg] as number, 1);
        const j = this.to[arg] as number;
        if (v[L.recorded[j] as number] === L.notRecorded) this.record(j, out, offset);
        break;
      }
    }
  }

  /** Pp records its balance and sends a marker on every channel out of it. */
  private record(p: number, out: Uint32Array, offset: number): void {
    const L = this.layout;
    L.add(
      out,
      offset,
      L.recorded[p] as number,
      (this.value[L.balance[p] as number] as number) - L.notRecorded,
    );
    for (let o = this.outStart[p] as number; o < (this.outStart[p + 1] as number); o++) {
      this.push(this.outChannels[o] as number, 1, out, offset);
    }
  }

  /** Puts a transfer (0) or a marker (1) on channel c. */
  private push(c: number, message: number, out: Uint32Array, offset: number): void {
    const L = this.layout;
    if (this.fifo) {
      // Sentinel encoding: the sentinel bit at `length` moves up one and the message takes its place.
      const q = this.value[L.queue[c] as number] as number;
      const length = 31 - Math.clz32(q);
      L.add(out, offset, L.queue[c] as number, (1 + message) * 2 ** length);
    } else {
      L.add(out, offset, message === 1 ? (L.marker[c] as number) : (L.queue[c] as number), 1);
    }
  }

  /** Takes a transfer (0) or a marker (1) off channel c (under fifo: its head, which it is). */
  private take(c: number, message: number, out: Uint32Array, offset: number): void {
    const L = this.layout;
    if (this.fifo) {
      const q = this.value[L.queue[c] as number] as number;
      L.add(out, offset, L.queue[c] as number, (q >>> 1) - q);
    } else {
      L.add(out, offset, message === 1 ? (L.marker[c] as number) : (L.queue[c] as number), -1);
    }
  }

  /** Has every process recorded and every channel closed, in the loaded state? */
  complete(): boolean {
    return this.recordedProcesses === this.n && this.closedChannels === this.c;
  }

  /** Has some process recorded, in the loaded state? */
  initiated(): boolean {
    return this.recordedProcesses > 0;
  }

  /** The money in S* of the loaded state: recorded balances plus recorded transfers. */
  recordedMoney(): number {
    const L = this.layout;
    let money = 0;
    for (let p = 0; p < this.n; p++) {
      const r = this.value[L.recorded[p] as number] as number;
      if (r !== L.notRecorded) money += r;
    }
    for (let c = 0; c < this.c; c++) money += this.value[L.count[c] as number] as number;
    return money;
  }
}
