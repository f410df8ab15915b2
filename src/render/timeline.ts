/**
 * A run as a space-time picture sees it: the events on each process line (receives, recordings,
 * sends, in the order each step emitted them) and the messages between them, each receive matched
 * to the send it delivers. Under fifo the match is forced (the oldest copy); under nonfifo messages
 * have no identity, so a receive of payload x may deliver any in-flight copy of x. Which copy is
 * chosen at such a point is a parameter here; `cut.ts` picks the matching that explains the failure.
 */
import { messageKey } from "../model/message.js";
import type { Model } from "../model/model.js";
import type { RenderedRun } from "./run-text.js";

/** A run to draw or export: what a counterexample holds, or what replaying a scenario computed. */
export type RunView = Omit<RenderedRun, "footer">;

export type EventKind = "receive" | "record" | "send";

/** One event on a process line. Consecutive sends of one step are one event: markers leave together. */
export interface ProcessEvent {
  readonly process: number;
  /** The step (1-based) that emitted it. */
  readonly step: number;
  /** Its place among the same process's events within that step: 0, 1, 2, … */
  readonly slot: number;
  readonly kind: EventKind;
}

export interface TimelineMessage {
  readonly channel: number;
  readonly from: number;
  readonly to: number;
  /** The message as the model names it: `M` for a marker, else the payload. */
  readonly label: string;
  readonly marker: boolean;
  /** Index in `events` of its send. */
  readonly sent: number;
  /** Index in `events` of its receive; undefined when it was lost or is still in flight at the end. */
  readonly received: number | undefined;
  /** The step in which a lossy channel lost it. */
  readonly lost: number | undefined;
  /** A copy a duplicating channel delivered while the message itself stayed in the channel. */
  readonly copy: boolean;
}

export interface Timeline {
  readonly processes: number;
  readonly stepCount: number;
  /** In the order they happened. */
  readonly events: readonly ProcessEvent[];
  /** In the order they were sent; delivered copies (duplicating channels) after them. */
  readonly messages: readonly TimelineMessage[];
  /** Per process, the index in `events` of its recording, or undefined when it never recorded. */
  readonly records: readonly (number | undefined)[];
}

/** Something that takes a message off a channel: a receive, a receive of a copy, or a loss. */
interface Take {
  readonly kind: "receive" | "copy" | "lose";
  /** How many events happened before it: the messages sent by then may be taken. */
  readonly before: number;
  readonly step: number;
  readonly channel: number;
  readonly label: string;
}

type Sent = Omit<TimelineMessage, "received" | "lost" | "copy">;

/** The events of a run and its sends, with what takes messages off the channels still to be matched. */
export interface Skeleton {
  readonly base: Omit<Timeline, "messages">;
  readonly sends: readonly Sent[];
  readonly takes: readonly Take[];
  readonly ordered: boolean;
}

/** Re-executes the run's steps and lays out what each step emitted on the process lines. */
export function skeletonOf(model: Model, view: RunView): Skeleton {
  const { topology } = model;
  const events: ProcessEvent[] = [];
  const sends: Sent[] = [];
  const takes: Take[] = [];
  const records: (number | undefined)[] = Array.from({ length: topology.processes }, () => undefined);
  view.steps.forEach((step, i) => {
    const from = view.states[i];
    if (from === undefined) throw new RangeError(`the run has no state before step ${i + 1}`);
    const slots = new Map<number, number>();
    let last: ProcessEvent | undefined;
    const place = (process: number, kind: EventKind): number => {
      // Markers a process sends in one go leave from one point.
      if (!(kind === "send" && last?.kind === "send" && last.process === process)) {
        const slot = slots.get(process) ?? 0;
        slots.set(process, slot + 1);
        last = { process, step: i + 1, slot, kind };
        events.push(last);
      }
      return events.length - 1;
    };
    for (const e of model.next(from, step).events) {
      if (e.kind === "record") {
        // Only the recordings of the instance the run is about place its cut.
        if (e.instance === from.instance) records[e.process] = place(e.process, "record");
        continue;
      }
      const { from: sender, to } = topology.channel(e.channel);
      const label = messageKey(e.message);
      if (e.kind === "send") {
        const sent = place(sender, "send");
        sends.push({
          channel: e.channel,
          from: sender,
          to,
          label,
          marker: e.message.kind === "marker",
          sent,
        });
      } else if (e.kind === "lose") {
        takes.push({ kind: "lose", before: events.length, step: i + 1, channel: e.channel, label });
      } else {
        place(to, "receive");
        const kind = e.kept ? "copy" : "receive";
        takes.push({ kind, before: events.length - 1, step: i + 1, channel: e.channel, label });
      }
    }
  });
  return {
    base: { processes: topology.processes, stepCount: view.steps.length, events, records },
    sends,
    takes,
    ordered: model.spec.discipline.ordered,
  };
}

/**
 * Matches every receive (and loss) to a send. At each one with a real choice — under nonfifo,
 * in-flight copies of the payload both sent before and after their sender recorded — `choices[k]`
 * picks the k-th such point's option (0, the oldest copy, when absent). Returns the timeline and
 * the number of options each choice point had.
 */
export function matchReceives(
  skeleton: Skeleton,
  choices: readonly number[] = [],
): { timeline: Timeline; options: number[] } {
  const { base, sends, takes, ordered } = skeleton;
  const received: (number | undefined)[] = sends.map(() => undefined);
  const lost: (number | undefined)[] = sends.map(() => undefined);
  const copies: TimelineMessage[] = [];
  const options: number[] = [];
  let next = 0;
  for (const t of takes) {
    const inflight = sends.flatMap((s, id) =>
      s.channel === t.channel && s.sent < t.before && received[id] === undefined && lost[id] === undefined
        ? [id]
        : [],
    );
    const same = ordered ? inflight.slice(0, 1) : inflight.filter((id) => sends[id]?.label === t.label);
    // Copies on one side of the sender's recording are interchangeable: offer the oldest of each side.
    const side = (pre: boolean) =>
      same.find((id) => isPre(base, sends[id]?.sent ?? 0, sends[id]?.from ?? 0) === pre);
    const offered = [side(true), side(false)].filter((id): id is number => id !== undefined);
    if (offered.length > 1) options.push(offered.length);
    const pick = offered.length > 1 ? offered[choices[next++] ?? 0] : offered[0];
    const sent = pick === undefined ? undefined : sends[pick];
    if (pick === undefined || sent === undefined || sent.label !== t.label) {
      throw new RangeError(`${t.label} taken off channel ${t.channel} in step ${t.step} matches no send`);
    }
    if (t.kind === "lose") lost[pick] = t.step;
    else if (t.kind === "receive") received[pick] = t.before;
    else copies.push({ ...sent, received: t.before, lost: undefined, copy: true });
  }
  const messages = sends.map((s, id) => ({ ...s, received: received[id], lost: lost[id], copy: false }));
  return { timeline: { ...base, messages: [...messages, ...copies] }, options };
}

/** The event at index `at` on process `p` comes before p's recording (always, if p never recorded). */
export function isPre(timeline: Pick<Timeline, "records">, at: number, p: number): boolean {
  const record = timeline.records[p];
  return record === undefined || at < record;
}
