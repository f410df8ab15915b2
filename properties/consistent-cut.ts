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
 */
import type { MonitorOutcome, SafetyProperty } from "../src/engine/property.js";
import { messageKey } from "../src/model/message.js";
import type { Model } from "../src/model/model.js";
import { channelName, processName } from "../src/model/topology.js";
import type { GlobalState, ModelEvent, SnapshotState } from "../src/model/types.js";

interface Tagged {
  readonly payload: string;
  /** The message's full content (payload and any piggybacked tag): a delivery takes a copy of it. */
  readonly content: string;
  readonly post: boolean;
}

interface Watch {
  /** Per channel, its in-flight application messages, tagged (channel order, or sorted). */
  readonly inflight: readonly (readonly Tagged[])[];
  /** Per channel, the pre messages it delivered after its receiver recorded. */
  readonly late: readonly (readonly string[])[];
  /** Why the cut already holds a receive without its send, if it does. */
  readonly orphan: string | null;
  /** The processes that have recorded for the instance, one bit each (read off the model state, so no runs are told apart by it). */
  readonly recorded: number;
}

type Outcomes = readonly MonitorOutcome<CutMonitor>[];

/**
 * A watch as the monitor keeps it: one object per distinct watch, with what steps do to it —
 * memoized by the step's event list (the model hands back one list per sequence of events), and
 * for a step that completes the snapshot, by the snapshot state it completes (one object per
 * state in a search).
 */
interface CanonicalWatch extends Watch {
  readonly key: string;
  readonly next: Map<readonly ModelEvent[], Outcomes>;
  readonly ends: Map<readonly ModelEvent[], WeakMap<SnapshotState, Outcomes>>;
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
    const ordered = model.spec.discipline.ordered;
    const describe = (payload: string) => model.spec.workload.describePayload(payload);
    const canonical = new Map<string, CanonicalWatch>();
    const canonicalOf = (w: Watch): CanonicalWatch => {
      const key = watchKey(w);
      let known = canonical.get(key);
      if (known === undefined) {
        known = { ...w, key, next: new Map(), ends: new Map() };
        canonical.set(key, known);
      }
      return known;
    };
    const judge = (w: CanonicalWatch, events: readonly ModelEvent[], end: SnapshotState): Outcomes =>
      follow(w, events, model, instance, ordered, describe).map((after) => {
        const reason = after.orphan ?? channelMismatch(after, end, model, ordered);
        return reason === null ? { ok: true, monitor: "done" } : { ok: false, reason };
      });
    return {
      // Between S_start and S_end a watch follows the step's events, and nothing else.
      eventDriven: true,
      initial: (): CutMonitor => "idle",
      key: (m: CutMonitor) => (typeof m === "string" ? m : m.key),
      advance(m: CutMonitor, observed): Outcomes {
        if (m === "done") return DONE;
        // The monitor leaves "idle" at the step that starts the instance: none had recorded before it.
        if (m === "idle" && !observed.started(instance)) return IDLE;
        const watch = m === "idle" ? canonicalOf(watchFrom(observed.from, ordered)) : m;
        const { events } = observed;
        if (!observed.completes(instance)) {
          let outcomes = watch.next.get(events);
          if (outcomes === undefined) {
            outcomes = follow(watch, events, model, instance, ordered, describe).map((w) => ({
              ok: true as const,
              monitor: canonicalOf(w),
            }));
            watch.next.set(events, outcomes);
          }
          return outcomes;
        }
        const end = observed.after(instance);
        let byEnd = watch.ends.get(events);
        if (byEnd === undefined) {
          byEnd = new WeakMap();
          watch.ends.set(events, byEnd);
        }
        let outcomes = byEnd.get(end);
        if (outcomes === undefined) {
          outcomes = judge(watch, events, end);
          byEnd.set(end, outcomes);
        }
        return outcomes;
      },
    };
  },
};

function watchKey(w: Watch): string {
  const inflight = w.inflight.map((c) => c.map((t) => t.content + (t.post ? "+" : "-")).join(",")).join(" ");
  return `${inflight}/${w.late.map((c) => c.join(",")).join(" ")}/${w.orphan ?? ""}/${w.recorded}`;
}

/** The watch of a state in which no process has recorded: every in-flight message is pre. */
function watchFrom(state: GlobalState, ordered: boolean): Watch {
  return {
    inflight: state.channels.map((c) => {
      const tagged = c.flatMap((m) =>
        m.kind === "app" ? [{ payload: m.payload, content: messageKey(m), post: false }] : [],
      );
      return ordered ? tagged : tagged.sort(compareTagged);
    }),
    late: state.channels.map(() => []),
    orphan: null,
    recorded: 0,
  };
}

/** Applies the step's events in order; one result per way of matching deliveries to sends. */
function follow(
  start: Watch,
  events: readonly ModelEvent[],
  model: Model,
  instance: number,
  ordered: boolean,
  describe: (payload: string) => string,
): Watch[] {
  let recorded = start.recorded;
  let branches: Watch[] = [start];
  for (const e of events) {
    if (e.kind === "record") {
      // Only this instance's recordings place its cut.
      if (e.instance === instance) {
        recorded |= 1 << e.process;
        branches = branches.map((w) => ({ inflight: w.inflight, late: w.late, orphan: w.orphan, recorded }));
      }
      continue;
    }
    if (e.message.kind !== "app") continue;
    const { payload } = e.message;
    const { from: sender, to: receiver } = model.topology.channel(e.channel);
    const has = (p: number) => (recorded & (1 << p)) !== 0;
    if (e.kind === "send") {
      const tagged = { payload, content: messageKey(e.message), post: has(sender) };
      branches = branches.map((w) =>
        withChannel(w, e.channel, insert(channelOf(w, e.channel), tagged, ordered), null, null),
      );
      continue;
    }
    branches = branches.flatMap((w) =>
      candidates(channelOf(w, e.channel), messageKey(e.message), ordered).map((i) => {
        const taken = channelOf(w, e.channel)[i] as Tagged;
        const rest = channelOf(w, e.channel).filter((_, k) => k !== i);
        if (e.kind === "lose") return withChannel(w, e.channel, rest, null, null);
        const orphan =
          taken.post && !has(receiver)
            ? `${processName(sender)}'s ${describe(payload)} on ${channelName({ from: sender, to: receiver })}, sent after ${processName(sender)} recorded, was received before ${processName(receiver)} recorded: the cut holds a receive without its send`
            : null;
        const late = !taken.post && has(receiver) ? payload : null;
        // A duplicated delivery leaves its copy in flight, tagged as it was.
        return withChannel(w, e.channel, e.kept ? channelOf(w, e.channel) : rest, late, orphan);
      }),
    );
  }
  return branches;
}

function channelOf(w: Watch, c: number): readonly Tagged[] {
  return w.inflight[c] ?? [];
}

function withChannel(
  w: Watch,
  c: number,
  inflight: readonly Tagged[],
  late: string | null,
  orphan: string | null,
): Watch {
  return {
    inflight: w.inflight.map((x, i) => (i === c ? inflight : x)),
    late: late === null ? w.late : w.late.map((x, i) => (i === c ? [...x, late] : x)),
    orphan: w.orphan ?? orphan,
    recorded: w.recorded,
  };
}

/** Which in-flight copies a delivery of `content` may have taken: the oldest, or one per pre/post. */
function candidates(inflight: readonly Tagged[], content: string, ordered: boolean): number[] {
  if (ordered) {
    if (inflight[0]?.content !== content)
      throw new RangeError(`delivered ${content} is not the oldest message`);
    return [0];
  }
  const pre = inflight.findIndex((t) => t.content === content && !t.post);
  const post = inflight.findIndex((t) => t.content === content && t.post);
  return [pre, post].filter((i) => i >= 0);
}

function insert(inflight: readonly Tagged[], t: Tagged, ordered: boolean): readonly Tagged[] {
  return ordered ? [...inflight, t] : [...inflight, t].sort(compareTagged);
}

function compareTagged(a: Tagged, b: Tagged): number {
  return a.content < b.content ? -1 : a.content > b.content ? 1 : Number(a.post) - Number(b.post);
}

/** The first channel whose recorded state is not the messages crossing the cut, as a sentence. */
function channelMismatch(w: Watch, end: SnapshotState, model: Model, ordered: boolean): string | null {
  for (const [c, record] of end.records.entries()) {
    const crossing = [...(w.late[c] ?? []), ...channelOf(w, c).flatMap((t) => (t.post ? [] : [t.payload]))];
    const recorded = [...record.messages];
    const same = ordered
      ? sameSequence(recorded, crossing)
      : sameSequence([...recorded].sort(), [...crossing].sort());
    if (!same) {
      const { from, to } = model.topology.channel(c);
      return `${channelName({ from, to })} was recorded as ⟨${recorded.join(", ")}⟩, but the messages sent before ${processName(from)} recorded and received after ${processName(to)} recorded are ⟨${crossing.join(", ")}⟩`;
    }
  }
  return null;
}

function sameSequence(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
