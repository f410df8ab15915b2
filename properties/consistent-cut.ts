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
import { carryOn, type MonitorOutcome, type SafetyProperty } from "../src/engine/property.js";
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
}

/** Before anyone records every message is pre; after S_end nothing more can be judged. */
type CutMonitor = "idle" | "done" | Watch;

const IDLE = [{ ok: true, monitor: "idle" }] as const;
const DONE = [{ ok: true, monitor: "done" }] as const;

export const consistentCut: SafetyProperty = {
  kind: "always",
  name: "consistent-cut",
  description:
    "the recorded cut respects happens-before: no receive without its send, and each channel holds exactly the messages that cross the cut",
  monitor(model: Model, instance: number) {
    const several = model.instances > 1;
    const ordered = model.spec.discipline.ordered;
    const describe = (payload: string) => model.spec.workload.describePayload(payload);
    // What a step does to a watch depends only on the watch, who had recorded, and the step's
    // events: memoized on those by identity (watches are canonical here and events are interned by
    // the model), for steps that do not complete the snapshot; a completing one also reads the
    // recorded channel states.
    const canonical = new Map<string, Watch>();
    const canonicalOf = (w: Watch): Watch => {
      const key = watchKey(w);
      const known = canonical.get(key);
      if (known !== undefined) return known;
      canonical.set(key, w);
      return w;
    };
    const followed = new Map<Watch, Map<number, EventTrie>>();
    const stay: (watch: Watch) => readonly MonitorOutcome<CutMonitor>[] = carryOn<Watch>();
    return {
      initial: (): CutMonitor => "idle",
      key: (m: CutMonitor) => (typeof m === "string" ? m : watchKey(m)),
      advance(m: CutMonitor, observed) {
        if (m === "done") return DONE;
        const all = observed.events;
        // Only this instance's recordings place its cut.
        const events = several ? all.filter((e) => e.kind !== "record" || e.instance === instance) : all;
        if (m === "idle" && !events.some((e) => e.kind === "record") && !observed.started(instance)) {
          return IDLE;
        }
        const start = m === "idle" ? canonicalOf(watchFrom(observed.from, ordered)) : m;
        const judged = events.some((e) => e.kind === "record" || e.message.kind === "app");
        const completes = observed.completes(instance);
        if (!judged && !completes) return stay(start);
        const before = observed.before(instance);
        if (!completes) {
          let byRecorded = followed.get(start);
          if (byRecorded === undefined) {
            byRecorded = new Map();
            followed.set(start, byRecorded);
          }
          const recorded = recordedMask(before);
          let node = byRecorded.get(recorded);
          if (node === undefined) {
            node = { next: new Map() };
            byRecorded.set(recorded, node);
          }
          for (const e of all) {
            let next = node.next.get(e);
            if (next === undefined) {
              next = { next: new Map() };
              node.next.set(e, next);
            }
            node = next;
          }
          node.outcomes ??= follow(start, before, events, model, ordered, describe).map((w) => ({
            ok: true as const,
            monitor: canonicalOf(w),
          }));
          return node.outcomes;
        }
        return follow(start, before, events, model, ordered, describe).map((w) => {
          const reason = w.orphan ?? channelMismatch(w, observed.after(instance), model, ordered);
          return reason === null ? { ok: true, monitor: "done" } : { ok: false, reason };
        });
      },
    };
  },
};

/** A step's events, one at a time, to what following them from one watch gives. */
interface EventTrie {
  readonly next: Map<ModelEvent, EventTrie>;
  outcomes?: readonly MonitorOutcome<CutMonitor>[];
}

/** Which processes have recorded, one bit each. */
function recordedMask(snapshot: SnapshotState): number {
  let mask = 0;
  for (let p = 0; p < snapshot.recorded.length; p++) if (snapshot.recorded[p] !== null) mask |= 1 << p;
  return mask;
}

const keys = new WeakMap<Watch, string>();

/** The watch's canonical key, computed once per watch (the search asks for it on every step). */
function watchKey(w: Watch): string {
  let key = keys.get(w);
  if (key === undefined) {
    const inflight = w.inflight
      .map((c) => c.map((t) => t.content + (t.post ? "+" : "-")).join(","))
      .join(" ");
    key = `${inflight}/${w.late.map((c) => c.join(",")).join(" ")}/${w.orphan ?? ""}`;
    keys.set(w, key);
  }
  return key;
}

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
  };
}

/** Applies the step's events in order; one result per way of matching deliveries to sends. */
function follow(
  start: Watch,
  from: SnapshotState,
  events: readonly ModelEvent[],
  model: Model,
  ordered: boolean,
  describe: (payload: string) => string,
): Watch[] {
  const recorded = new Set(from.recorded.flatMap((r, p) => (r === null ? [] : [p])));
  let branches: Watch[] = [start];
  for (const e of events) {
    if (e.kind === "record") {
      recorded.add(e.process);
      continue;
    }
    if (e.message.kind !== "app") continue;
    const { payload } = e.message;
    const { from: sender, to: receiver } = model.topology.channel(e.channel);
    if (e.kind === "send") {
      const tagged = { payload, content: messageKey(e.message), post: recorded.has(sender) };
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
          taken.post && !recorded.has(receiver)
            ? `${processName(sender)}'s ${describe(payload)} on ${channelName({ from: sender, to: receiver })}, sent after ${processName(sender)} recorded, was received before ${processName(receiver)} recorded: the cut holds a receive without its send`
            : null;
        const late = !taken.post && recorded.has(receiver) ? payload : null;
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
