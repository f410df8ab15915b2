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
  /** The decoded state of each packed state recently handed out, by identity of its words. */
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

  /** The global state of the words at `w[offset..]`. */
  decode(w: ArrayLike<number>, offset = 0): GlobalState {
    const at = (i: number) => w[offset + i] as number;
    const procs = Array.from({ length: this.processes }, (_, p) => this.apps.value(at(this.app + p)));
    const snapshots = Array.from({ length: this.instances }, (_, k) => this.snapshotAt(w, offset, k));
    const channels = Array.from({ length: this.channelCount }, (_, c) =>
      this.contents.value(at(this.channels + c)),
    );
    const state: GlobalState = { procs, snapshots, channels, scriptPosition: at(0) };
    this.encoded.set(
      state,
      Int32Array.from({ length: this.width }, (_, i) => at(i)),
    );
    return state;
  }

  /** Every snapshot instance of the words at `w[offset..]` is complete (every process recorded, every record closed). */
  complete(w: ArrayLike<number>, offset: number): boolean {
    for (let i = this.recorded; i < this.records; i++) if (w[offset + i] === 0) return false;
    for (let i = this.records; i < this.channels; i++) {
      if (!this.channelRecords.value(w[offset + i] as number).closed) return false;
    }
    return true;
  }

  /** The snapshot state of instance `k` in the words at `w[offset..]`. */
  snapshotAt(w: ArrayLike<number>, offset: number, k: number): SnapshotState {
    const recorded = Array.from({ length: this.processes }, (_, p) => {
      const r = w[offset + this.recorded + k * this.processes + p] as number;
      return r === 0 ? null : this.apps.value(r - 1);
    });
    const records = Array.from({ length: this.channelCount }, (_, c) =>
      this.channelRecords.value(w[offset + this.records + k * this.channelCount + c] as number),
    );
    return { recorded, records };
  }
}
