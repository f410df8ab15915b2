/**
 * A copy-on-write draft of a global state, through which a step's handlers (workload and snapshot
 * algorithm) express its effects. It never mutates the state it started from, copies only the
 * parts a step touches, and logs the events the step emits in order — so `next` stays a pure
 * function while the handlers read like the lecture's pseudo-code.
 */
import type { ChannelDiscipline } from "./channels/discipline.js";
import { removeAt } from "./channels/discipline.js";
import type { Topology } from "./topology.js";
import type { AppState, ChannelRecord, GlobalState, Message, ModelEvent, Transition } from "./types.js";

export class StateDraft {
  private procs: AppState[] | undefined;
  private recordedStates: (AppState | null)[] | undefined;
  private records: ChannelRecord[] | undefined;
  private channels: (readonly Message[])[] | undefined;
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

  recordedState(p: number): AppState | null {
    return at(this.recordedStates ?? this.base.recorded, p);
  }

  hasRecorded(p: number): boolean {
    return this.recordedState(p) !== null;
  }

  /** Pp records its current application state (the cut passes here). */
  recordProcess(p: number): void {
    this.recordedStates ??= [...this.base.recorded];
    this.recordedStates[p] = this.proc(p);
    this.events.push({ kind: "record", process: p });
  }

  channelRecord(c: number): ChannelRecord {
    return at(this.records ?? this.base.records, c);
  }

  setChannelRecord(c: number, record: ChannelRecord): void {
    this.records ??= [...this.base.records];
    this.records[c] = record;
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
    const state: GlobalState = {
      procs: this.procs ?? this.base.procs,
      recorded: this.recordedStates ?? this.base.recorded,
      records: this.records ?? this.base.records,
      channels: this.channels ?? this.base.channels,
    };
    return { state, events: this.events };
  }
}

function at<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new RangeError(`index ${i} out of range`);
  return item;
}
