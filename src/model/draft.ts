/**
 * The draft of a successor state, through which a step's handlers (workload and snapshot algorithm)
 * express its effects — written once, run by every search. It works in place on the successor's
 * packed words (codec.ts), which start as a copy of the source state's, logs the events the step
 * emits in order, and records which words of the source the handlers read and which they wrote —
 * what the model's transition cache (transition-cache.ts) keys a step's effect on. The handlers
 * still read like the lecture's pseudo-code.
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
  private recording = false;
  /** While recording: the events emitted so far, the source words read (index, value, in order), the words written. */
  private readonly emitted: ModelEvent[] = [];
  private readonly readWords: number[] = [];
  private readonly writtenWords: number[] = [];
  /** Per word while recording: bit 1 read from the source, bit 2 written. */
  private readonly touched: Uint8Array;
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
    this.touched = new Uint8Array(codec.width);
  }

  /** Reads the words `w` (an algorithm's `canInitiate`): nothing is recorded, nothing may be written. */
  read(w: Words): StateReader {
    this.w = w;
    this.recording = false;
    return this;
  }

  /** Starts drafting in place on `w`, a copy of the source's words, recording what the handlers do. */
  begin(w: Words): this {
    this.w = w;
    this.recording = true;
    for (const i of this.writtenWords) this.touched[i] = 0;
    for (let i = 0; i < this.readWords.length; i += 2) this.touched[this.readWords[i] as number] = 0;
    this.emitted.length = 0;
    this.readWords.length = 0;
    this.writtenWords.length = 0;
    return this;
  }

  /**
   * The step drafted since `begin`: the source words its handlers read, as (index, value) pairs in
   * the order first read; the words it wrote, as (index, value) pairs with their final values; and
   * the id of the list of events it emitted (one id, and one frozen list, per sequence of events).
   */
  drafted(): { reads: readonly number[]; writes: Int32Array; events: number } {
    this.recording = false;
    const writes = new Int32Array(2 * this.writtenWords.length);
    this.writtenWords.forEach((i, j) => {
      writes[2 * j] = i;
      writes[2 * j + 1] = this.w[i] as number;
    });
    return { reads: [...this.readWords], writes, events: this.eventsMade.list(this.emitted) };
  }

  /** The events of list `id` (a list `drafted` named). */
  events(id: number): readonly ModelEvent[] {
    return this.eventsMade.events(id);
  }

  get instances(): number {
    return this.codec.instances;
  }

  /** The interned id of Pp's application state. */
  procId(p: number): number {
    return this.word(this.codec.app + p);
  }

  proc(p: number): AppState {
    return this.codec.apps.value(this.word(this.codec.app + p));
  }

  setProc(p: number, state: AppState): void {
    this.setProcId(p, this.codec.apps.intern(state));
  }

  /** Sets Pp's application state to the interned state `id`. */
  setProcId(p: number, id: number): void {
    this.put(this.codec.app + p, id);
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
    this.put(this.recordedAt(p, k), 1 + this.word(this.codec.app + p));
    this.emit(this.eventsMade.record(p, k));
  }

  channelRecord(c: number, k: number): ChannelRecord {
    return this.codec.channelRecords.value(this.word(this.recordAt(c, k)));
  }

  setChannelRecord(c: number, k: number, record: ChannelRecord): void {
    this.put(this.recordAt(c, k), this.codec.channelRecords.intern(record));
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
    this.put(at, after);
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
    this.put(at, after);
  }

  /** The scripted scenario moves on to its next command. */
  advanceScript(): void {
    this.put(0, this.word(0) + 1);
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
    this.put(at, after);
    this.emit(this.eventsMade.transfer("send", c, message));
  }

  /** Log the receipt of the message at `index` of channel `c`, and take it off unless it is `kept` (duplicated). */
  receive(c: number, index: number, kept: boolean): Message {
    const message = this.messageAt(c, index);
    if (!kept) this.remove(c, index);
    this.emit(this.eventsMade.transfer(kept ? "receive-kept" : "receive", c, message));
    return message;
  }

  /** The message at `index` of channel `c` is lost. */
  lose(c: number, index: number): void {
    const message = this.messageAt(c, index);
    this.remove(c, index);
    this.emit(this.eventsMade.transfer("lose", c, message));
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
    this.put(at, after);
  }

  private recordedAt(p: number, k: number): number {
    return this.codec.recorded + k * this.codec.processes + p;
  }

  private recordAt(c: number, k: number): number {
    return this.codec.records + k * this.codec.channelCount + c;
  }

  /** Word i as the step sees it; a word of the source read before any write is recorded. */
  private word(i: number): number {
    const v = this.w[i] as number;
    if (this.recording && this.touched[i] === 0) {
      this.touched[i] = 1;
      this.readWords.push(i, v);
    }
    return v;
  }

  private put(i: number, v: number): void {
    if (!this.recording) throw new RangeError("a state being read is not drafted: nothing may be written");
    this.w[i] = v;
    const t = this.touched[i] as number;
    if ((t & 2) === 0) {
      this.touched[i] = t | 2;
      this.writtenWords.push(i);
    }
  }

  private emit(event: ModelEvent): void {
    this.emitted.push(event);
  }
}

/** A node of the trie of event lists: the id of the list of the events on the path to it. */
interface EventList {
  readonly id: number;
  readonly next: Map<ModelEvent, EventList>;
}

type TransferKind = "send" | "receive" | "receive-kept" | "lose";

/**
 * Each event made once (messages are interned, so an event is known by its kind, its channel or
 * process, and its message object): monitors memoize on the events a step emits by identity, and a
 * search allocates no events per step.
 */
class EventCatalogue {
  /** Lists of events by their sequence: a trie on the (made-once) events. */
  private readonly lists: EventList = { id: 0, next: new Map() };
  /** The lists by id. */
  private readonly byId: (readonly ModelEvent[])[] = [Object.freeze([])];
  private readonly records: ModelEvent[][] = [];

  /** The id of the list of the events `events`, in order (equal sequences, and only they, have one id). */
  list(events: readonly ModelEvent[]): number {
    let node = this.lists;
    for (let i = 0; i < events.length; i++) {
      const event = events[i] as ModelEvent;
      let next = node.next.get(event);
      if (next === undefined) {
        next = { id: this.byId.length, next: new Map() };
        this.byId.push(Object.freeze(events.slice(0, i + 1)));
        node.next.set(event, next);
      }
      node = next;
    }
    return node.id;
  }

  /** The (frozen) list of events `id`. */
  events(id: number): readonly ModelEvent[] {
    const list = this.byId[id];
    if (list === undefined) throw new RangeError(`no list of events ${id}`);
    return list;
  }

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
