/**
 * The packed encoding of a global state, derived from the model's shape: one 32-bit word per part
 * of the state semantics.md names, each an interned id (intern.ts), in a fixed order —
 *
 *   [script position | app state of P0 … P(N-1) | per instance k: recorded state of each process
 *    (0 = not recorded, else 1 + its app state id) | per instance k: each channel's record id |
 *    each channel's contents id]
 *
 * so a state of N processes, C channels and K instances is 1 + N + K·(N + C) + C words. Interning
 * is canonical (multisets are kept sorted by the discipline), so two states are equal iff their
 * words are: the words are the state's key for hashing and storing. Decoding gives the immutable
 * `GlobalState` that traces, properties and pictures read; the engine never needs it to search.
 */
import { Interner } from "./intern.js";
import { messageKey } from "./message.js";
import type { AppState, ChannelRecord, GlobalState, Message, SnapshotState } from "./types.js";

/** A packed state: `width` words, written in place by the model's rules. */
export type Words = Int32Array;

export class StateCodec {
  /** Words per state. */
  readonly width: number;
  /** Offsets of each part of the state in its words. */
  readonly app = 1;
  readonly recorded: number;
  readonly records: number;
  readonly channels: number;
  readonly apps = new Interner<AppState>((s) => s.join(","));
  readonly channelRecords = new Interner<ChannelRecord>((r) => (r.closed ? "x" : "o") + r.messages.join(","));
  readonly contents = new Interner<readonly Message[]>((c) => c.map(messageKey).join(","));
  /** The words of states already encoded, or decoded with `remember`, by identity of the state. */
  private readonly encoded = new WeakMap<GlobalState, Words>();

  constructor(
    readonly processes: number,
    readonly channelCount: number,
    readonly instances: number,
  ) {
    this.recorded = this.app + processes;
    this.records = this.recorded + instances * processes;
    this.channels = this.records + instances * channelCount;
    this.width = this.channels + channelCount;
  }

  /** The words of `state`. */
  encode(state: GlobalState): Words {
    const known = this.encoded.get(state);
    if (known !== undefined) return known;
    const w = new Int32Array(this.width);
    w[0] = state.scriptPosition;
    state.procs.forEach((s, p) => {
      w[this.app + p] = this.apps.intern(s);
    });
    state.snapshots.forEach((snapshot, k) => {
      snapshot.recorded.forEach((r, p) => {
        w[this.recorded + k * this.processes + p] = r === null ? 0 : 1 + this.apps.intern(r);
      });
      snapshot.records.forEach((r, c) => {
        w[this.records + k * this.channelCount + c] = this.channelRecords.intern(r);
      });
    });
    state.channels.forEach((m, c) => {
      w[this.channels + c] = this.contents.intern(m);
    });
    this.encoded.set(state, w);
    return w;
  }

  /**
   * The global state of the words at `w[offset..]`. With `remember`, the state keeps its words, so
   * handing it back to `encode` (a simulation stepping on) costs no interning.
   */
  decode(w: ArrayLike<number>, offset = 0, remember = false): GlobalState {
    const procs: AppState[] = [];
    for (let p = 0; p < this.processes; p++) procs.push(this.apps.value(w[offset + this.app + p] as number));
    const snapshots: SnapshotState[] = [];
    for (let k = 0; k < this.instances; k++) snapshots.push(this.snapshotAt(w, offset, k));
    const channels: (readonly Message[])[] = [];
    for (let c = 0; c < this.channelCount; c++) {
      channels.push(this.contents.value(w[offset + this.channels + c] as number));
    }
    const state: GlobalState = { procs, snapshots, channels, scriptPosition: w[offset] as number };
    if (remember) this.encoded.set(state, Int32Array.prototype.slice.call(w, offset, offset + this.width));
    return state;
  }

  /**
   * Writes to out[i] a number above every value word i holds in any state encoded so far — the
   * interners' sizes — given that the script position stays below `positions` (what the stores'
   * packing needs to know).
   */
  bounds(out: Float64Array, positions: number): void {
    out[0] = positions;
    const apps = this.apps.size;
    for (let i = this.app; i < this.recorded; i++) out[i] = apps;
    for (let i = this.recorded; i < this.records; i++) out[i] = apps + 1;
    const records = this.channelRecords.size;
    for (let i = this.records; i < this.channels; i++) out[i] = records;
    const contents = this.contents.size;
    for (let i = this.channels; i < this.width; i++) out[i] = contents;
  }

  /** Every snapshot instance of the words at `w[offset..]` is complete. */
  complete(w: ArrayLike<number>, offset: number): boolean {
    for (let k = 0; k < this.instances; k++) if (!this.instanceComplete(w, offset, k)) return false;
    return true;
  }

  /** Instance k of the words at `w[offset..]` has started: some process has recorded. */
  instanceStarted(w: ArrayLike<number>, offset: number, k: number): boolean {
    const recorded = offset + this.recorded + k * this.processes;
    for (let p = 0; p < this.processes; p++) if (w[recorded + p] !== 0) return true;
    return false;
  }

  /** Instance k of the words at `w[offset..]` is complete: every process recorded, every record closed. */
  instanceComplete(w: ArrayLike<number>, offset: number, k: number): boolean {
    const recorded = offset + this.recorded + k * this.processes;
    for (let p = 0; p < this.processes; p++) if (w[recorded + p] === 0) return false;
    const records = offset + this.records + k * this.channelCount;
    for (let c = 0; c < this.channelCount; c++) {
      if (!this.channelRecords.value(w[records + c] as number).closed) return false;
    }
    return true;
  }

  /** The snapshot state of instance `k` in the words at `w[offset..]`. */
  snapshotAt(w: ArrayLike<number>, offset: number, k: number): SnapshotState {
    const recorded: (AppState | null)[] = [];
    const at = offset + this.recorded + k * this.processes;
    for (let p = 0; p < this.processes; p++) {
      const r = w[at + p] as number;
      recorded.push(r === 0 ? null : this.apps.value(r - 1));
    }
    const records: ChannelRecord[] = [];
    const from = offset + this.records + k * this.channelCount;
    for (let c = 0; c < this.channelCount; c++)
      records.push(this.channelRecords.value(w[from + c] as number));
    return { recorded, records };
  }
}
