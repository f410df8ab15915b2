/**
 * consistent-cut — the lecture's definition, decided from the run's happens-before and not from the
 * algorithm's bookkeeping. The cut passes through each process's recording event. The monitor tags
 * every application message "pre" (sent before its sender recorded) or "post", and keeps the pre
 * messages each channel delivered after its receiver recorded. At S_end (the step that completes
 * the snapshot) the cut is inconsistent if a post message was received before its receiver
 * recorded (a receive without its send), or if a channel's recorded state differs from the pre
 * messages received after the receiver recorded followed by those still in flight (compared in
 * order under an ordered discipline, as multisets otherwise).
 *
 * Messages have no identity: under nonfifo, delivering (or losing, or duplicating) payload x may
 * take any in-flight copy of x, pre or post. The monitor follows every possibility; the run
 * violates the property if any does. A lost message leaves flight; a duplicated one is received
 * and stays in flight.
 *
 * The monitor's state (a watch) is kept as one interned list per channel — its tagged in-flight
 * messages, its late ones — so that following a step costs a lookup per event and naming the new
 * watch a lookup on the lists' ids, whatever the messages.
 */

import { MemoryBudget } from "../src/engine/budget.js";
import { PackedStore } from "../src/engine/packed-store.js";
import { PairMap } from "../src/engine/pair-map.js";
import type { MonitorOutcome, SafetyProperty } from "../src/engine/property.js";
import { Interner } from "../src/model/intern.js";
import { messageKey } from "../src/model/message.js";
import type { Model } from "../src/model/model.js";
import { channelName, processName } from "../src/model/topology.js";
import type { ChannelRecord, GlobalState, ModelEvent, SnapshotState } from "../src/model/types.js";

/** An in-flight application message, tagged: interned, so a list of them is a list of numbers. */
interface Tagged {
  readonly payload: number;
  /** The message's full content (payload and any piggybacked tag): a delivery takes a copy of it. */
  readonly content: number;
  readonly post: boolean;
}

/**
 * Interned lists of numbers (one channel's tagged messages, or its late payloads), named by ids;
 * what appending an item to a list, or removing its i-th, leads to is memoized on the ids.
 */
class Lists {
  private readonly lists = new Interner<readonly number[]>((items) => items.join(","));
  private readonly appended = new PairMap();
  /** By list id: the list without its i-th item, by i. */
  private readonly without: number[][] = [];
  /** The empty list's id. */
  readonly empty: number;

  /** Lists met so far: every list's id is below this. */
  get size(): number {
    return this.lists.size;
  }

  constructor(
    /** Where an item goes: at the end (an ordered channel), or in sorted place. */
    private readonly place?: (a: number, b: number) => number,
  ) {
    this.empty = this.lists.intern([]);
  }

  of(items: readonly number[]): number {
    return this.lists.intern(items);
  }

  items(list: number): readonly number[] {
    return this.lists.value(list);
  }

  append(list: number, item: number): number {
    let next = this.appended.get(list, item);
    if (next < 0) {
      const items = [...this.items(list), item];
      next = this.of(this.place === undefined ? items : items.sort(this.place));
      this.appended.set(list, item, next);
    }
    return next;
  }

  remove(list: number, index: number): number {
    this.without[list] ??= [];
    const memo = this.without[list];
    let next = memo[index];
    if (next === undefined) {
      next = this.of(this.items(list).filter((_, i) => i !== index));
      memo[index] = next;
    }
    return next;
  }
}

interface Watch {
  /** Per channel, the id of its list of tagged in-flight application messages (channel order, or sorted). */
  readonly inflight: Int32Array;
  /** Per channel, the id of its list of the pre payloads it delivered after its receiver recorded. */
  readonly late: Int32Array;
  /** Why the cut already holds a receive without its send, if it does: an index of the reasons (0: none). */
  orphan: number;
  /**
   * The processes that have recorded for the instance, one bit each (read off the model state, so
   * no runs are told apart by it).
   */
  recorded: number;
}

type Outcomes = readonly MonitorOutcome<CutMonitor>[];

/** A watch as the monitor keeps it: one object per distinct watch, named by a number. */
interface CanonicalWatch extends Watch {
  readonly id: number;
  readonly key: string;
  /** The outcome "carry on in this watch", made once. */
  readonly stay: Outcomes;
}

/** Before anyone records every message is pre; after S_end nothing more can be judged. */
type CutMonitor = "idle" | "done" | CanonicalWatch;

/** One event of a step, as the follower reads it (made once per list of events). */
interface FollowedEvent {
  readonly kind: "record" | "send" | "receive" | "lose";
  readonly channel: number;
  /** A record's process (a recording of another instance is left out). */
  readonly process: number;
  readonly content: number;
  readonly payload: number;
  /** The tagged message a send puts in flight, before and after its sender recorded. */
  readonly pre: number;
  readonly post: number;
  /** A receive that leaves the message in flight (a duplicating channel). */
  readonly kept: boolean;
}

const IDLE = [{ ok: true, monitor: "idle" }] as const;
const DONE = [{ ok: true, monitor: "done" }] as const;

export const consistentCut: SafetyProperty = {
  kind: "always",
  name: "consistent-cut",
  description:
    "the recorded cut respects happens-before: no receive without its send, and each channel holds exactly the messages that cross the cut",
  monitor(model: Model, instance: number) {
    const cut = new CutFollower(model, instance);
    return {
      // Between S_start and S_end a watch follows the step's events, and nothing else.
      eventDriven: true,
      // Watches are numbered already: "idle" is 0, "done" 1, a watch 2 + its number.
      numbering: {
        number: (m: CutMonitor) => (m === "idle" ? 0 : m === "done" ? 1 : 2 + m.id),
        state: (n: number): CutMonitor => (n === 0 ? "idle" : n === 1 ? "done" : cut.watch(n - 2)),
      },
      initial: (): CutMonitor => "idle",
      key: (m: CutMonitor) => (typeof m === "string" ? m : m.key),
      // After S_end nothing more is judged: any state covers "done".
      covers: (_stronger: CutMonitor, weaker: CutMonitor) => weaker === "done",
      advance(m: CutMonitor, observed): Outcomes {
        if (m === "done") return DONE;
        // The monitor leaves "idle" at the step that starts the instance: none had recorded before it.
        if (m === "idle" && !observed.started(instance)) return IDLE;
        const watch = m === "idle" ? cut.startingFrom(observed.from) : m;
        if (!observed.completes(instance)) return cut.after(watch, observed.events);
        return cut.judged(watch, observed.events, observed.after(instance));
      },
    };
  },
};

/**
 * The watches of one snapshot instance of one model, and how a step's events change them —
 * memoized compactly, since a large space meets millions of watches: by (watch, list of events),
 * and for a step that completes the snapshot, by the snapshot state it completes too (one object
 * per state in a search). Messages, payloads, channel lists and reasons are numbered, so following
 * a step is arithmetic on ids and lookups in typed tables.
 */
class CutFollower {
  private readonly ordered: boolean;
  private readonly channels: number;
  /** Contents (what the sorted order of an unordered channel compares) and payloads by number, and tagged messages. */
  private readonly contents = new Interner<string>(identity);
  private readonly payloads = new Interner<string>(identity);
  private readonly taggedIds = new PairMap();
  private readonly tags: Tagged[] = [];
  private readonly tagged: Lists;
  private readonly late = new Lists();
  private readonly watches: CanonicalWatch[] = [];
  /** Each list of events met, by index, and as the follower reads it. */
  private readonly eventLists = new Map<readonly ModelEvent[], number>();
  private readonly followedEvents: (readonly FollowedEvent[])[] = [];
  /** What a list of events does to a watch, by (watch id, list index). */
  private readonly followed = new PairMap();
  private readonly outcomes: Outcomes[] = [];
  /**
   * For steps that complete the snapshot: by the snapshot state completed (few in a search, one
   * object each), then by (watch id, list index), the verdict's index in `verdicts`.
   */
  private readonly ending = new WeakMap<SnapshotState, PairMap>();
  private readonly verdicts: Outcomes[] = [];
  /** Crossing messages and records, named by one number per sequence (or multiset) of payloads. */
  private readonly crossingKeys = new PairMap();
  private readonly recordKeys = new WeakMap<ChannelRecord, number>();
  private readonly sequences = new Interner<string>(identity);
  /** The reasons a cut holds a receive without its send; 0, the empty reason, is "none". */
  private readonly orphans = new Interner<string>(identity);
  /** The watches' numbers, by their lists' ids, orphan reason and recorded bits, bit-packed. */
  private readonly names: PackedStore;
  private readonly key: Int32Array;
  /** The draft the first way of following a step uses. */
  private readonly scratch: Watch;
  /** The one way of following a step on an ordered channel: the scratch draft. */
  private readonly oneWay: readonly Watch[];

  constructor(
    private readonly model: Model,
    private readonly instance: number,
  ) {
    this.ordered = model.spec.discipline.ordered;
    this.tagged = new Lists(this.ordered ? undefined : (a, b) => this.compareTagged(a, b));
    this.channels = model.topology.channels.length;
    const channels = this.channels;
    // Small tables of the search's own bookkeeping: outside its memory budget.
    this.names = new PackedStore(
      2 * channels + 2,
      0,
      (out) => {
        out.fill(this.tagged.size, 0, channels);
        out.fill(this.late.size, channels, 2 * channels);
        out[2 * channels] = this.orphans.size;
        out[2 * channels + 1] = 2 ** model.topology.processes;
      },
      new MemoryBudget(),
      1024,
    );
    this.key = new Int32Array(2 * channels + 2);
    this.scratch = this.emptyWatch();
    this.oneWay = [this.scratch];
    this.orphans.intern("");
  }

  /** The watch numbered `id`. */
  watch(id: number): CanonicalWatch {
    const watch = this.watches[id];
    if (watch === undefined) throw new RangeError(`no watch ${id}`);
    return watch;
  }

  /** The watch of a state in which no process has recorded: every in-flight message is pre. */
  startingFrom(state: GlobalState): CanonicalWatch {
    const w = this.emptyWatch();
    state.channels.forEach((contents, c) => {
      const items = contents.flatMap((m) =>
        m.kind === "app" ? [this.taggedId(messageKey(m), m.payload, false)] : [],
      );
      w.inflight[c] = this.tagged.of(this.ordered ? items : items.sort((a, b) => this.compareTagged(a, b)));
    });
    return this.canonical(w);
  }

  /** Where a step that does not complete the snapshot leads the watch. */
  after(watch: CanonicalWatch, events: readonly ModelEvent[]): Outcomes {
    const list = this.listIndex(events);
    const known = this.followed.get(watch.id, list);
    if (known >= 0) return this.outcomes[known] as Outcomes;
    const ways = this.follow(watch, list);
    const outcomes =
      ways.length === 1
        ? this.canonical(ways[0] as Watch).stay
        : ways.map((w) => this.canonical(w).stay[0] as MonitorOutcome<CutMonitor>);
    this.followed.set(watch.id, list, this.outcomes.push(outcomes) - 1);
    return outcomes;
  }

  /** The verdict on a step that completes the snapshot, recording `end`. */
  judged(watch: CanonicalWatch, events: readonly ModelEvent[], end: SnapshotState): Outcomes {
    const list = this.listIndex(events);
    let byWatch = this.ending.get(end);
    if (byWatch === undefined) {
      // Small at first: most snapshot states are completed from a few watches.
      byWatch = new PairMap(4);
      this.ending.set(end, byWatch);
    }
    const known = byWatch.get(watch.id, list);
    if (known >= 0) return this.verdicts[known] as Outcomes;
    // Each way the step leads the watch is judged as followed, a draft: the monitor is done after
    // it, so it needs no name.
    const ways = this.follow(watch, list);
    const outcomes: MonitorOutcome<CutMonitor>[] = [];
    for (const w of ways) {
      const reason = w.orphan !== 0 ? this.orphans.value(w.orphan) : this.channelMismatch(w, end);
      if (reason !== null) outcomes.push({ ok: false, reason });
    }
    const verdict =
      outcomes.length === 0 ? DONE : ways.length === outcomes.length ? outcomes : [...outcomes, DONE[0]];
    byWatch.set(watch.id, list, this.verdicts.push(verdict) - 1);
    return verdict;
  }

  /** The index of a list of events, read into numbers the first time it is met. */
  private listIndex(events: readonly ModelEvent[]): number {
    let index = this.eventLists.get(events);
    if (index === undefined) {
      index = this.eventLists.size;
      this.eventLists.set(events, index);
      this.followedEvents.push(events.flatMap((e) => this.followedEvent(e)));
    }
    return index;
  }

  /** The event as the follower reads it; nothing for a marker's or another instance's events. */
  private followedEvent(e: ModelEvent): FollowedEvent[] {
    const none = { channel: -1, process: -1, content: -1, payload: -1, pre: -1, post: -1, kept: false };
    if (e.kind === "record")
      return e.instance === this.instance ? [{ ...none, kind: "record", process: e.process }] : [];
    if (e.message.kind !== "app") return [];
    const content = messageKey(e.message);
    const { payload } = e.message;
    return [
      {
        ...none,
        kind: e.kind,
        channel: e.channel,
        content: this.contents.intern(content),
        payload: this.payloads.intern(payload),
        pre: this.taggedId(content, payload, false),
        post: this.taggedId(content, payload, true),
        kept: e.kind === "receive" && e.kept,
      },
    ];
  }

  /**
   * Applies the step's events in order; one draft (a mutable copy of the watch's lists) per way of
   * matching deliveries to sends, overwritten by the next following. On an ordered channel there
   * is one way, followed in the scratch draft without allocating.
   */
  private follow(start: Watch, list: number): readonly Watch[] {
    if (this.ordered) {
      this.followOneWay(start, list);
      return this.oneWay;
    }
    let drafts: Watch[] = [this.draftOf(start)];
    for (const e of this.followedEvents[list] as readonly FollowedEvent[]) {
      if (e.kind === "record") {
        for (const d of drafts) d.recorded |= 1 << e.process;
        continue;
      }
      if (e.kind === "send") {
        for (const d of drafts) this.send(d, e);
        continue;
      }
      const c = e.channel;
      const next: Watch[] = [];
      for (const d of drafts) {
        const candidates = this.candidates(d.inflight[c] as number, e.content);
        candidates.forEach((i, n) => {
          // The last way takes the draft itself; every other one, a copy.
          const way = n === candidates.length - 1 ? d : copyOf(d);
          this.take(way, e, i);
          next.push(way);
        });
      }
      drafts = next;
    }
    return drafts;
  }

  /** `follow` where every delivery takes the oldest message (ordered channels), in the scratch draft. */
  private followOneWay(start: Watch, list: number): void {
    const d = this.draftOf(start);
    for (const e of this.followedEvents[list] as readonly FollowedEvent[]) {
      if (e.kind === "record") d.recorded |= 1 << e.process;
      else if (e.kind === "send") this.send(d, e);
      else this.take(d, e, this.candidates(d.inflight[e.channel] as number, e.content)[0] as number);
    }
  }

  /** A send puts its message in flight on its channel, tagged post if its sender has recorded. */
  private send(d: Watch, e: FollowedEvent): void {
    const sender = this.model.topology.channel(e.channel).from;
    d.inflight[e.channel] = this.tagged.append(
      d.inflight[e.channel] as number,
      has(d, sender) ? e.post : e.pre,
    );
  }

  /** The draft takes the in-flight copy at `index` of the channel of a receive or loss. */
  private take(d: Watch, e: FollowedEvent, index: number): void {
    const c = e.channel;
    const inflight = d.inflight[c] as number;
    const taken = this.tags[this.tagged.items(inflight)[index] as number] as Tagged;
    // A duplicated delivery leaves its copy in flight, tagged as it was.
    if (!e.kept) d.inflight[c] = this.tagged.remove(inflight, index);
    if (e.kind === "lose") return;
    const { from: sender, to: receiver } = this.model.topology.channel(c);
    if (taken.post && !has(d, receiver) && d.orphan === 0)
      d.orphan = this.orphans.intern(
        `${processName(sender)}'s ${this.model.spec.workload.describePayload(this.payloads.value(taken.payload))} on ${channelName({ from: sender, to: receiver })}, sent after ${processName(sender)} recorded, was received before ${processName(receiver)} recorded: the cut holds a receive without its send`,
      );
    if (!taken.post && has(d, receiver)) d.late[c] = this.late.append(d.late[c] as number, taken.payload);
  }

  /** A draft of the watch: the first reuses one scratch draft, so following allocates none. */
  private draftOf(w: Watch): Watch {
    const d = this.scratch;
    // Loops, not TypedArray.set: for a few channels the builtin's call costs more than the copy.
    for (let c = 0; c < this.channels; c++) {
      d.inflight[c] = w.inflight[c] as number;
      d.late[c] = w.late[c] as number;
    }
    d.orphan = w.orphan;
    d.recorded = w.recorded;
    return d;
  }

  /** The first channel whose recorded state is not the messages crossing the cut, as a sentence. */
  private channelMismatch(w: Watch, end: SnapshotState): string | null {
    for (let c = 0; c < end.records.length; c++) {
      const record = end.records[c] as ChannelRecord;
      const late = w.late[c] as number;
      const inflight = w.inflight[c] as number;
      if (this.crossingKey(late, inflight) === this.recordKey(record)) continue;
      const crossing = this.crossing(late, inflight);
      const { from, to } = this.model.topology.channel(c);
      return `${channelName({ from, to })} was recorded as ⟨${record.messages.join(", ")}⟩, but the messages sent before ${processName(from)} recorded and received after ${processName(to)} recorded are ⟨${crossing.join(", ")}⟩`;
    }
    return null;
  }

  /** The payloads crossing the cut on a channel: its late ones, then its pre ones in flight. */
  private crossing(late: number, inflight: number): string[] {
    const pre = this.tagged.items(inflight).flatMap((t) => {
      const tagged = this.tags[t] as Tagged;
      return tagged.post ? [] : [tagged.payload];
    });
    return [...this.late.items(late), ...pre].map((p) => this.payloads.value(p));
  }

  /**
   * The crossing messages as one number to compare a record's with — in order on an ordered
   * channel, sorted otherwise — made once per pair of lists.
   */
  private crossingKey(late: number, inflight: number): number {
    let key = this.crossingKeys.get(late, inflight);
    if (key < 0) {
      key = this.keyIds(this.crossing(late, inflight));
      this.crossingKeys.set(late, inflight, key);
    }
    return key;
  }

  /** A record's messages as crossingKey names them, once per record. */
  private recordKey(record: ChannelRecord): number {
    let key = this.recordKeys.get(record);
    if (key === undefined) {
      key = this.keyIds(record.messages);
      this.recordKeys.set(record, key);
    }
    return key;
  }

  /** One number per sequence of payloads (per multiset on an unordered channel). */
  private keyIds(payloads: readonly string[]): number {
    return this.sequences.intern((this.ordered ? [...payloads] : [...payloads].sort()).join("\u0000"));
  }

  /** Which in-flight copies a delivery of `content` may have taken: the oldest, or one per pre/post. */
  private candidates(inflight: number, content: number): readonly number[] {
    const items = this.tagged.items(inflight);
    if (this.ordered) {
      if ((this.tags[items[0] ?? -1] as Tagged | undefined)?.content !== content)
        throw new RangeError(`delivered ${content} is not the oldest message`);
      return ORDERED_CANDIDATE;
    }
    let pre = -1;
    let post = -1;
    for (let i = 0; i < items.length && (pre < 0 || post < 0); i++) {
      const t = this.tags[items[i] as number] as Tagged;
      if (t.content !== content) continue;
      if (t.post) post = post < 0 ? i : post;
      else pre = pre < 0 ? i : pre;
    }
    return pre >= 0 && post >= 0 ? [pre, post] : pre >= 0 ? [pre] : post >= 0 ? [post] : [];
  }

  /** The one object of the watch `w`, named by its lists' ids. */
  private canonical(w: Watch): CanonicalWatch {
    const channels = this.channels;
    const key = this.key;
    for (let c = 0; c < channels; c++) {
      key[c] = w.inflight[c] as number;
      key[channels + c] = w.late[c] as number;
    }
    key[2 * channels] = w.orphan;
    key[2 * channels + 1] = w.recorded;
    const met = this.names.insert(key);
    const id = met >= 0 ? met : -1 - met;
    let watch = this.watches[id];
    if (watch === undefined) {
      // A draft's lists are scratch: the watch keeps copies.
      const stay: MonitorOutcome<CutMonitor>[] = [];
      watch = {
        inflight: w.inflight.slice(),
        late: w.late.slice(),
        orphan: w.orphan,
        recorded: w.recorded,
        id,
        key: String(id),
        stay,
      };
      stay.push({ ok: true, monitor: watch });
      this.watches[id] = watch;
    }
    return watch;
  }

  private emptyWatch(): Watch {
    const inflight = new Int32Array(this.channels).fill(this.tagged.empty);
    return { inflight, late: new Int32Array(this.channels).fill(this.late.empty), orphan: 0, recorded: 0 };
  }

  /** The number of the message `content` (payload `payload`), tagged pre or post. */
  private taggedId(content: string, payload: string, post: boolean): number {
    const c = this.contents.intern(content);
    let id = this.taggedIds.get(c, post ? 1 : 0);
    if (id < 0) {
      id = this.tags.push({ content: c, payload: this.payloads.intern(payload), post }) - 1;
      this.taggedIds.set(c, post ? 1 : 0, id);
    }
    return id;
  }

  private compareTagged(a: number, b: number): number {
    const x = this.tags[a] as Tagged;
    const y = this.tags[b] as Tagged;
    const cx = this.contents.value(x.content);
    const cy = this.contents.value(y.content);
    return cx < cy ? -1 : cx > cy ? 1 : Number(x.post) - Number(y.post);
  }
}

const ORDERED_CANDIDATE: readonly number[] = [0];

function copyOf(d: Watch): Watch {
  return { inflight: d.inflight.slice(), late: d.late.slice(), orphan: d.orphan, recorded: d.recorded };
}

/** Has process p recorded, in the draft? */
function has(d: Watch, p: number): boolean {
  return (d.recorded & (1 << p)) !== 0;
}

function identity(text: string): string {
  return text;
}
