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
  /** Per channel record id: 2 closed, 1 open, 0 not read yet. */
  private closedRecords = new Uint8Array(64);
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

  /**
   * The progress of every snapshot instance in the words at `w[offset..]`, as bits: bit 2k is set
   * when instance k has started (some process recorded), bit 2k + 1 when it is complete (every
   * process recorded, every record closed). Bits are only ever set by steps, never cleared, so two
   * states' progress differs exactly where a run between them starts or completes an instance.
   */
  progress(w: ArrayLike<number>, offset: number): number {
    let progress = 0;
    for (let k = 0; k < this.instances; k++) {
      const recorded = offset + this.recorded + k * this.processes;
      let some = false;
      let every = true;
      for (let p = 0; p < this.processes; p++) {
        if (w[recorded + p] === 0) every = false;
        else some = true;
      }
      if (!some) continue;
      progress |= 1 << (2 * k);
      if (!every) continue;
      const records = offset + this.records + k * this.channelCount;
      let closed = true;
      for (let c = 0; c < this.channelCount && closed; c++) closed = this.closed(w[records + c] as number);
      if (closed) progress |= 2 << (2 * k);
    }
    return progress;
  }

  /** Is channel record `id` closed? (Read once per record.) */
  private closed(id: number): boolean {
    if (id >= this.closedRecords.length) {
      const grown = new Uint8Array(Math.max(2 * this.closedRecords.length, id + 1));
      grown.set(this.closedRecords);
      this.closedRecords = grown;
    }
    let known = this.closedRecords[id] as number;
    if (known === 0) {
      known = this.channelRecords.value(id).closed ? 2 : 1;
      this.closedRecords[id] = known;
    }
    return known === 2;
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

/** Has instance k started, in a progress of StateCodec.progress? */
export function isStarted(progress: number, k: number): boolean {
  return (progress & (1 << (2 * k))) !== 0;
}

/** Is instance k complete, in a progress of StateCodec.progress? */
export function isComplete(progress: number, k: number): boolean {
  return (progress & (2 << (2 * k))) !== 0;
}

/** Is some instance in progress (started, not complete), in a progress of StateCodec.progress? */
export function someInProgress(progress: number): boolean {
  // Each instance's pair of bits is 01 exactly while it is in progress.
  return (progress & ~(progress >>> 1) & 0x55555555) !== 0;
}
