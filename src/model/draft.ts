/**
 * A copy-on-write draft of a global state, through which a step's handlers (workload and snapshot
 * algorithm) express its effects. It never mutates the state it started from, copies only the
 * parts a step touches, and logs the events the step emits in order — so `next` stays a pure
 * function while the handlers read like the lecture's pseudo-code.
 */
import type { ChannelDiscipline } from "./channels/discipline.js";
import { removeAt } from "./channels/discipline.js";
import type { Topology } from "./topology.js";
import type {
  AppState,
  ChannelRecord,
  GlobalState,
  Message,
  ModelEvent,
  SnapshotState,
  Transition,
} from "./types.js";

/** The copied parts of one instance's snapshot state. */
interface SnapshotDraft {
  recorded?: (AppState | null)[];
  records?: ChannelRecord[];
}

export class StateDraft {
  private procs: AppState[] | undefined;
  private snapshots: SnapshotDraft[] | undefined;
  private channels: (readonly Message[])[] | undefined;
  private scriptPosition: number | undefined;
  private readonly events: ModelEvent[] = [];

  constructor(
    private readonly base: GlobalState,
    readonly topology: Topology,
    private readonly discipline: ChannelDiscipline,
  ) {}

  proc(p: number): AppState {
    return at(this.procs ?? this.base.procs, p);
  }

  setProc(p: number, state: AppState): void {
    this.procs ??= [...this.base.procs];
    this.procs[p] = state;
  }

  /** How many snapshot instances the state has. */
  get instances(): number {
    return this.base.snapshots.length;
  }

  private snapshot(k: number): SnapshotState {
    return at(this.base.snapshots, k);
  }

  private snapshotDraft(k: number): SnapshotDraft {
    this.snapshots ??= this.base.snapshots.map(() => ({}));
    return at(this.snapshots, k);
  }

  recordedState(p: number, k: number): AppState | null {
    return at(this.snapshots?.[k]?.recorded ?? this.snapshot(k).recorded, p);
  }

  hasRecorded(p: number, k: number): boolean {
    return this.recordedState(p, k) !== null;
  }

  /** Pp records its current application state for instance k (the cut of k passes here). */
  recordProcess(p: number, k: number): void {
    const draft = this.snapshotDraft(k);
    draft.recorded ??= [...this.snapshot(k).recorded];
    draft.recorded[p] = this.proc(p);
    this.events.push({ kind: "record", process: p, instance: k });
  }

  channelRecord(c: number, k: number): ChannelRecord {
    return at(this.snapshots?.[k]?.records ?? this.snapshot(k).records, c);
  }

  setChannelRecord(c: number, k: number, record: ChannelRecord): void {
    const draft = this.snapshotDraft(k);
    draft.records ??= [...this.snapshot(k).records];
    draft.records[c] = record;
  }

  /** The scripted scenario moves on to its next command. */
  advanceScript(): void {
    this.scriptPosition = (this.scriptPosition ?? this.base.scriptPosition) + 1;
  }

  contents(c: number): readonly Message[] {
    return at(this.channels ?? this.base.channels, c);
  }

  /** Put `message` on channel `c`. */
  send(c: number, message: Message): void {
    this.channels ??= [...this.base.channels];
    this.channels[c] = this.discipline.append(this.contents(c), message);
    this.events.push({ kind: "send", channel: c, message });
  }

  /** Log the receipt of the message at `index` of channel `c`, and take it off unless it is `kept` (duplicated). */
  receive(c: number, index: number, kept: boolean): Message {
    const message = at(this.contents(c), index);
    if (!kept) this.remove(c, index);
    this.events.push({ kind: "receive", channel: c, message, kept });
    return message;
  }

  /** The message at `index` of channel `c` is lost. */
  lose(c: number, index: number): void {
    const message = at(this.contents(c), index);
    this.remove(c, index);
    this.events.push({ kind: "lose", channel: c, message });
  }

  private remove(c: number, index: number): void {
    this.channels ??= [...this.base.channels];
    this.channels[c] = removeAt(this.contents(c), index);
  }

  finish(): Transition {
    const { snapshots } = this;
    const state: GlobalState = {
      procs: this.procs ?? this.base.procs,
      snapshots:
        snapshots === undefined
          ? this.base.snapshots
          : this.base.snapshots.map((s, k) => {
              const draft = snapshots[k];
              if (draft?.recorded === undefined && draft?.records === undefined) return s;
              return { recorded: draft.recorded ?? s.recorded, records: draft.records ?? s.records };
            }),
      channels: this.channels ?? this.base.channels,
      scriptPosition: this.scriptPosition ?? this.base.scriptPosition,
    };
    return { state, events: this.events };
  }
}

function at<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new RangeError(`index ${i} out of range`);
  return item;
}
