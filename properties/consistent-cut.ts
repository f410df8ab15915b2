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

import { PairMap } from "../src/engine/pair-map.js";
import type { MonitorOutcome, SafetyProperty } from "../src/engine/property.js";
import { WordIds } from "../src/engine/word-ids.js";
import { messageKey } from "../src/model/message.js";
import type { Model } from "../src/model/model.js";
import { channelName, processName } from "../src/model/topology.js";
import type { ChannelRecord, GlobalState, ModelEvent, SnapshotState } from "../src/model/types.js";

interface Tagged {
  readonly payload: string;
  /** The message's full content (payload and any piggybacked tag): a delivery takes a copy of it. */
  readonly content: string;
  readonly post: boolean;
}

/** A list of one channel, interned: what is appended to it and taken from it is memoized on it. */
class List<T> {
  readonly appended = new Map<string, List<T>>();
  readonly without: (List<T> | undefined)[] = [];

  constructor(
    readonly id: number,
    readonly items: readonly T[],
  ) {}
}

/** Interned lists of one kind, by the keys of their items. */
class Lists<T> {
  private readonly byKey = new Map<string, List<T>>();
  readonly empty: List<T>;

  constructor(
    private readonly keyOf: (item: T) => string,
    /** Where an item goes: at the end (an ordered channel), or in sorted place. */
    private readonly place?: (a: T, b: T) => number,
  ) {
    this.empty = this.of([]);
  }

  of(items: readonly T[]): List<T> {
    const key = items.map(this.keyOf).join("\u0000");
    let list = this.byKey.get(key);
    if (list === undefined) {
      list = new List(this.byKey.size, items);
      this.byKey.set(key, list);
    }
    return list;
  }

  append(list: List<T>, item: T): List<T> {
    const key = this.keyOf(item);
    let next = list.appended.get(key);
    if (next === undefined) {
      const items = [...list.items, item];
      next = this.of(this.place === undefined ? items : items.sort(this.place));
      list.appended.set(key, next);
    }
    return next;
  }

  remove(list: List<T>, index: number): List<T> {
    let next = list.without[index];
    if (next === undefined) {
      next = this.of(list.items.filter((_, i) => i !== index));
      list.without[index] = next;
    }
    return next;
  }
}

interface Watch {
  /** Per channel, its in-flight application messages, tagged (channel order, or sorted). */
  readonly inflight: readonly List<Tagged>[];
  /** Per channel, the pre messages it delivered after its receiver recorded. */
  readonly late: readonly List<string>[];
  /** Why the cut already holds a receive without its send, if it does. */
  readonly orphan: string | null;
  /**
   * The processes that have recorded for the instance, one bit each (read off the model state, so
   * no runs are told apart by it).
   */
  readonly recorded: number;
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
      initial: (): CutMonitor => "idle",
      key: (m: CutMonitor) => (typeof m === "string" ? m : m.key),
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
 * per state in a search).
 */
class CutFollower {
  private readonly ordered: boolean;
  private readonly tagged: Lists<Tagged>;
  private readonly late = new Lists<string>((payload) => payload);
  private readonly watches: CanonicalWatch[] = [];
  /** Each list of events met, by index; what it does to a watch, by (watch id, its index). */
  private readonly eventLists = new Map<readonly ModelEvent[], number>();
  private readonly followed = new PairMap();
  private readonly outcomes: Outcomes[] = [];
  /** For steps that complete the snapshot: by (watch id, list index), an index in `ends`. */
  private readonly ending = new PairMap();
  private readonly ends: WeakMap<SnapshotState, Outcomes>[] = [];
  /** Crossing messages and records, named by one number per sequence (or multiset) of payloads. */
  private readonly crossingKeys = new PairMap();
  private readonly recordKeys = new WeakMap<ChannelRecord, number>();
  private readonly sequences = new Map<string, number>();
  private readonly orphans: (string | null)[] = [null];
  private readonly names: WordIds;
  private readonly key: Uint32Array;
  /** The draft the first way of following a step uses. */
  private readonly scratch: Draft;

  constructor(
    private readonly model: Model,
    private readonly instance: number,
  ) {
    this.ordered = model.spec.discipline.ordered;
    this.tagged = new Lists<Tagged>(
      (t) => t.content + (t.post ? "+" : "-"),
      this.ordered ? undefined : compareTagged,
    );
    const channels = model.topology.channels.length;
    this.names = new WordIds(2 * channels + 2);
    this.key = new Uint32Array(2 * channels + 2);
    this.scratch = { inflight: [], late: [], orphan: null, recorded: 0 };
  }

  /** The watch of a state in which no process has recorded: every in-flight message is pre. */
  startingFrom(state: GlobalState): CanonicalWatch {
    return this.canonical({
      inflight: state.channels.map((c) => {
        const tagged = c.flatMap((m) =>
          m.kind === "app" ? [{ payload: m.payload, content: messageKey(m), post: false }] : [],
        );
        return this.tagged.of(this.ordered ? tagged : tagged.sort(compareTagged));
      }),
      late: state.channels.map(() => this.late.empty),
      orphan: null,
      recorded: 0,
    });
  }

  /** Where a step that does not complete the snapshot leads the watch. */
  after(watch: CanonicalWatch, events: readonly ModelEvent[]): Outcomes {
    const list = this.listIndex(events);
    const known = this.followed.get(watch.id, list);
    if (known >= 0) return this.outcomes[known] as Outcomes;
    const next = this.follow(watch, events);
    const outcomes =
      next.length === 1
        ? (next[0] as CanonicalWatch).stay
        : next.map((w) => w.stay[0] as MonitorOutcome<CutMonitor>);
    this.followed.set(watch.id, list, this.outcomes.push(outcomes) - 1);
    return outcomes;
  }

  /** The verdict on a step that completes the snapshot, recording `end`. */
  judged(watch: CanonicalWatch, events: readonly ModelEvent[], end: SnapshotState): Outcomes {
    const list = this.listIndex(events);
    let index = this.ending.get(watch.id, list);
    if (index < 0) {
      index = this.ends.push(new WeakMap()) - 1;
      this.ending.set(watch.id, list, index);
    }
    const byEnd = this.ends[index] as WeakMap<SnapshotState, Outcomes>;
    let outcomes = byEnd.get(end);
    if (outcomes === undefined) {
      outcomes = this.follow(watch, events).map((w) => {
        const reason = w.orphan ?? this.channelMismatch(w, end);
        return reason === null ? { ok: true, monitor: "done" } : { ok: false, reason };
      });
      byEnd.set(end, outcomes);
    }
    return outcomes;
  }

  private listIndex(events: readonly ModelEvent[]): number {
    let index = this.eventLists.get(events);
    if (index === undefined) {
      index = this.eventLists.size;
      this.eventLists.set(events, index);
    }
    return index;
  }

  /**
   * Applies the step's events in order; one result per way of matching deliveries to sends. The
   * watch is followed in drafts (mutable copies of its lists), so a step that matches its
   * deliveries one way allocates nothing but the watch it leads to, if that watch is new.
   */
  private follow(start: Watch, events: readonly ModelEvent[]): CanonicalWatch[] {
    let drafts: Draft[] = [this.draftOf(start)];
    for (const e of events) {
      if (e.kind === "record") {
        // Only this instance's recordings place its cut.
        if (e.instance === this.instance) for (const d of drafts) d.recorded |= 1 << e.process;
        continue;
      }
      if (e.message.kind !== "app") continue;
      const c = e.channel;
      const content = messageKey(e.message);
      if (e.kind === "send") {
        for (const d of drafts) {
          const post = has(d, this.model.topology.channel(c).from);
          d.inflight[c] = this.tagged.append(d.inflight[c] as List<Tagged>, {
            payload: e.message.payload,
            content,
            post,
          });
        }
        continue;
      }
      const next: Draft[] = [];
      for (const d of drafts) {
        const candidates = this.candidates((d.inflight[c] as List<Tagged>).items, content);
        candidates.forEach((i, n) => {
          // The last way takes the draft itself; every other one, a copy.
          const way = n === candidates.length - 1 ? d : copyOf(d);
          this.take(way, e, i);
          next.push(way);
        });
      }
      drafts = next;
    }
    return drafts.map((d) => this.canonical(d));
  }

  /** The draft takes the in-flight copy at `index` of the channel of a receive, loss or duplicate. */
  private take(d: Draft, e: ModelEvent & { readonly kind: "receive" | "lose" }, index: number): void {
    const c = e.channel;
    const inflight = d.inflight[c] as List<Tagged>;
    const taken = inflight.items[index] as Tagged;
    // A duplicated delivery leaves its copy in flight, tagged as it was.
    if (e.kind === "lose" || !e.kept) d.inflight[c] = this.tagged.remove(inflight, index);
    if (e.kind === "lose") return;
    const { from: sender, to: receiver } = this.model.topology.channel(c);
    if (taken.post && !has(d, receiver) && d.orphan === null)
      d.orphan = `${processName(sender)}'s ${this.model.spec.workload.describePayload(taken.payload)} on ${channelName({ from: sender, to: receiver })}, sent after ${processName(sender)} recorded, was received before ${processName(receiver)} recorded: the cut holds a receive without its send`;
    if (!taken.post && has(d, receiver))
      d.late[c] = this.late.append(d.late[c] as List<string>, taken.payload);
  }

  /** A draft of the watch: the first reuses one scratch draft, so following allocates none. */
  private draftOf(w: Watch): Draft {
    const d = this.scratch;
    for (let c = 0; c < w.inflight.length; c++) {
      d.inflight[c] = w.inflight[c] as List<Tagged>;
      d.late[c] = w.late[c] as List<string>;
    }
    d.orphan = w.orphan;
    d.recorded = w.recorded;
    return d;
  }

  /** The first channel whose recorded state is not the messages crossing the cut, as a sentence. */
  private channelMismatch(w: Watch, end: SnapshotState): string | null {
    for (let c = 0; c < end.records.length; c++) {
      const record = end.records[c] as ChannelRecord;
      if (this.crossingKey(lateOf(w, c), inflightOf(w, c)) === this.recordKey(record)) continue;
      const crossing = this.crossing(lateOf(w, c), inflightOf(w, c));
      const { from, to } = this.model.topology.channel(c);
      return `${channelName({ from, to })} was recorded as ⟨${record.messages.join(", ")}⟩, but the messages sent before ${processName(from)} recorded and received after ${processName(to)} recorded are ⟨${crossing.join(", ")}⟩`;
    }
    return null;
  }

  /** The messages crossing the cut on a channel: its late ones, then its pre ones in flight. */
  private crossing(late: List<string>, inflight: List<Tagged>): string[] {
    return [...late.items, ...inflight.items.flatMap((t) => (t.post ? [] : [t.payload]))];
  }

  /**
   * The crossing messages as one string to compare a record's with — in order on an ordered
   * channel, sorted otherwise — made once per pair of lists.
   */
  private crossingKey(late: List<string>, inflight: List<Tagged>): number {
    let key = this.crossingKeys.get(late.id, inflight.id);
    if (key < 0) {
      key = this.keyIds(this.crossing(late, inflight));
      this.crossingKeys.set(late.id, inflight.id, key);
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
    const key = (this.ordered ? [...payloads] : [...payloads].sort()).join("\u0000");
    let id = this.sequences.get(key);
    if (id === undefined) {
      id = this.sequences.size;
      this.sequences.set(key, id);
    }
    return id;
  }

  /** Which in-flight copies a delivery of `content` may have taken: the oldest, or one per pre/post. */
  private candidates(inflight: readonly Tagged[], content: string): number[] {
    if (this.ordered) {
      if (inflight[0]?.content !== content)
        throw new RangeError(`delivered ${content} is not the oldest message`);
      return [0];
    }
    const pre = inflight.findIndex((t) => t.content === content && !t.post);
    const post = inflight.findIndex((t) => t.content === content && t.post);
    return [pre, post].filter((i) => i >= 0);
  }

  /** The one object of the watch `w`, named by its lists' ids. */
  private canonical(w: Watch): CanonicalWatch {
    const channels = w.inflight.length;
    const key = this.key;
    for (let c = 0; c < channels; c++) {
      key[c] = inflightOf(w, c).id;
      key[channels + c] = lateOf(w, c).id;
    }
    let orphan = this.orphans.indexOf(w.orphan);
    if (orphan < 0) orphan = this.orphans.push(w.orphan) - 1;
    key[2 * channels] = orphan;
    key[2 * channels + 1] = w.recorded;
    const id = this.names.id(key);
    let watch = this.watches[id];
    if (watch === undefined) {
      // A draft's lists are scratch: the watch keeps copies.
      const { orphan, recorded } = w;
      const stay: MonitorOutcome<CutMonitor>[] = [];
      watch = { inflight: [...w.inflight], late: [...w.late], orphan, recorded, id, key: String(id), stay };
      stay.push({ ok: true, monitor: watch });
      this.watches[id] = watch;
    }
    return watch;
  }
}

function inflightOf(w: Watch, c: number): List<Tagged> {
  return w.inflight[c] as List<Tagged>;
}

function lateOf(w: Watch, c: number): List<string> {
  return w.late[c] as List<string>;
}

/** The watch with channel c's in-flight list (and late list, and orphan, when given) replaced. */
/** A watch being followed: its lists and fields, changed in place. */
interface Draft {
  readonly inflight: List<Tagged>[];
  readonly late: List<string>[];
  orphan: string | null;
  recorded: number;
}

function copyOf(d: Draft): Draft {
  return { inflight: [...d.inflight], late: [...d.late], orphan: d.orphan, recorded: d.recorded };
}

/** Has process p recorded, in the draft? */
function has(d: Draft, p: number): boolean {
  return (d.recorded & (1 << p)) !== 0;
}

function compareTagged(a: Tagged, b: Tagged): number {
  return a.content < b.content ? -1 : a.content > b.content ? 1 : Number(a.post) - Number(b.post);
}
