/**
 * The draft of a successor state, through which a step's handlers (workload and snapshot algorithm)
 * express its effects — written once, run by every search. It works in place on the successor's
 * packed words (codec.ts), which start as a copy of the source state's, and logs the events the
 * step emits in order (when asked to), so a step costs a few word writes and no state objects,
 * while the handlers still read like the lecture's pseudo-code.
 */
import type { ChannelDiscipline } from "./channels/discipline.js";
import { removeAt } from "./channels/discipline.js";
import type { StateCodec, Words } from "./codec.js";
import { messageKey } from "./message.js";
import type { Topology } from "./topology.js";
import type { AppState, ChannelRecord, Message, ModelEvent } from "./types.js";

/** What a handler may read of a state without changing it (an algorithm's `canInitiate`). */
export interface StateReader {
  readonly topology: Topology;
  /** How many snapshot instances the state has. */
  readonly instances: number;
  proc(p: number): AppState;
  recordedState(p: number, k: number): AppState | null;
  hasRecorded(p: number, k: number): boolean;
  channelRecord(c: number, k: number): ChannelRecord;
  contents(c: number): readonly Message[];
}

export class StateDraft implements StateReader {
  private w: Words;
  private events: ModelEvent[] | undefined;
  /** Memoized channel operations, by contents id (interned values never change). */
  private readonly appended = new Map<number, Map<Message, number>>();
  private readonly removed = new Map<number, number[]>();
  private readonly recordedMessages = new Map<number, Map<string, number>>();
  private readonly closedRecords: number[] = [];
  /** The events a step may emit, made once each: equal events are the same (frozen) object. */
  private readonly eventsMade = new EventCatalogue();

  constructor(
    private readonly codec: StateCodec,
    readonly topology: Topology,
    private readonly discipline: ChannelDiscipline,
  ) {
    this.w = new Int32Array(codec.width);
  }

  /** Starts drafting in place on `w`, logging events to `events` (not at all when undefined). */
  begin(w: Words, events: ModelEvent[] | undefined): this {
    this.w = w;
    this.events = events;
    return this;
  }

  get instances(): number {
    return this.codec.instances;
  }

  proc(p: number): AppState {
    return this.codec.apps.value(this.word(this.codec.app + p));
  }

  setProc(p: number, state: AppState): void {
    this.setProcId(p, this.codec.apps.intern(state));
  }

  /** Sets Pp's application state to the interned state `id`. */
  setProcId(p: number, id: number): void {
    this.w[this.codec.app + p] = id;
  }

  recordedState(p: number, k: number): AppState | null {
    const r = this.word(this.recordedAt(p, k));
    return r === 0 ? null : this.codec.apps.value(r - 1);
  }

  hasRecorded(p: number, k: number): boolean {
    return this.word(this.recordedAt(p, k)) !== 0;
  }

  /** Pp records its current application state for instance k (the cut of k passes here). */
  recordProcess(p: number, k: number): void {
    this.w[this.recordedAt(p, k)] = 1 + this.word(this.codec.app + p);
    this.events?.push(this.eventsMade.record(p, k));
  }

  channelRecord(c: number, k: number): ChannelRecord {
    return this.codec.channelRecords.value(this.word(this.recordAt(c, k)));
  }

  setChannelRecord(c: number, k: number, record: ChannelRecord): void {
    this.w[this.recordAt(c, k)] = this.codec.channelRecords.intern(record);
  }

  /** Appends `payload` to c's recorded messages for instance k (memoized per record: records only grow). */
  recordMessage(c: number, k: number, payload: string): void {
    const at = this.recordAt(c, k);
    const before = this.word(at);
    let byPayload = this.recordedMessages.get(before);
    if (byPayload === undefined) {
      byPayload = new Map();
      this.recordedMessages.set(before, byPayload);
    }
    let after = byPayload.get(payload);
    if (after === undefined) {
      const record = this.codec.channelRecords.value(before);
      after = this.codec.channelRecords.intern({ ...record, messages: [...record.messages, payload] });
      byPayload.set(payload, after);
    }
    this.w[at] = after;
  }

  /** c's recording for instance k is over: its recorded state is what it holds now. */
  closeRecord(c: number, k: number): void {
    const at = this.recordAt(c, k);
    const before = this.word(at);
    let after = this.closedRecords[before];
    if (after === undefined) {
      after = this.codec.channelRecords.intern({ ...this.codec.channelRecords.value(before), closed: true });
      this.closedRecords[before] = after;
    }
    this.w[at] = after;
  }

  /** The scripted scenario moves on to its next command. */
  advanceScript(): void {
    this.w[0] = this.word(0) + 1;
  }

  contents(c: number): readonly Message[] {
    return this.codec.contents.value(this.word(this.codec.channels + c));
  }

  /** Put `message` on channel `c`. */
  send(c: number, message: Message): void {
    const at = this.codec.channels + c;
    const before = this.word(at);
    let byMessage = this.appended.get(before);
    if (byMessage === undefined) {
      byMessage = new Map();
      this.appended.set(before, byMessage);
    }
    let after = byMessage.get(message);
    if (after === undefined) {
      after = this.codec.contents.intern(this.discipline.append(this.codec.contents.value(before), message));
      byMessage.set(message, after);
    }
    this.w[at] = after;
    this.events?.push(this.eventsMade.transfer("send", c, message));
  }

  /** Log the receipt of the message at `index` of channel `c`, and take it off unless it is `kept` (duplicated). */
  receive(c: number, index: number, kept: boolean): Message {
    const message = this.messageAt(c, index);
    if (!kept) this.remove(c, index);
    this.events?.push(this.eventsMade.transfer(kept ? "receive-kept" : "receive", c, message));
    return message;
  }

  /** The message at `index` of channel `c` is lost. */
  lose(c: number, index: number): void {
    const message = this.messageAt(c, index);
    this.remove(c, index);
    this.events?.push(this.eventsMade.transfer("lose", c, message));
  }

  /** Where the first message with the content of `message` lies in channel `c` (−1 if none). */
  indexOf(c: number, message: Message): number {
    const contents = this.contents(c);
    const i = contents.indexOf(message);
    if (i >= 0) return i;
    const key = messageKey(message);
    return contents.findIndex((m) => messageKey(m) === key);
  }

  private messageAt(c: number, index: number): Message {
    const message = this.contents(c)[index];
    if (message === undefined) throw new RangeError(`channel ${c} has no message at ${index}`);
    return message;
  }

  private remove(c: number, index: number): void {
    const at = this.codec.channels + c;
    const before = this.word(at);
    let byIndex = this.removed.get(before);
    if (byIndex === undefined) {
      byIndex = [];
      this.removed.set(before, byIndex);
    }
    let after = byIndex[index];
    if (after === undefined) {
      after = this.codec.contents.intern(removeAt(this.codec.contents.value(before), index));
      byIndex[index] = after;
    }
    this.w[at] = after;
  }

  private recordedAt(p: number, k: number): number {
    return this.codec.recorded + k * this.codec.processes + p;
  }

  private recordAt(c: number, k: number): number {
    return this.codec.records + k * this.codec.channelCount + c;
  }

  private word(i: number): number {
    return this.w[i] as number;
  }
}

type TransferKind = "send" | "receive" | "receive-kept" | "lose";

/**
 * Each event made once (messages are interned, so an event is known by its kind, its channel or
 * process, and its message object): monitors memoize on the events a step emits by identity, and a
 * search allocates no events per step.
 */
class EventCatalogue {
  private readonly records: ModelEvent[][] = [];
  private readonly transfers = new Map<TransferKind, Map<Message, ModelEvent>[]>();

  record(process: number, instance: number): ModelEvent {
    this.records[instance] ??= [];
    const byProcess = this.records[instance];
    let event = byProcess[process];
    if (event === undefined) {
      event = Object.freeze({ kind: "record", process, instance });
      byProcess[process] = event;
    }
    return event;
  }

  transfer(kind: TransferKind, channel: number, message: Message): ModelEvent {
    let byChannel = this.transfers.get(kind);
    if (byChannel === undefined) {
      byChannel = [];
      this.transfers.set(kind, byChannel);
    }
    byChannel[channel] ??= new Map();
    const byMessage = byChannel[channel];
    let event = byMessage.get(message);
    if (event === undefined) {
      const made: ModelEvent =
        kind === "receive" || kind === "receive-kept"
          ? { kind: "receive", channel, message, kept: kind === "receive-kept" }
          : { kind, channel, message };
      event = Object.freeze(made);
      byMessage.set(message, event);
    }
    return event;
  }
}
