/**
 * The cut of a run, judged from its picture: the cut passes each process line at its recording. A
 * message sent after its sender recorded and received before its receiver recorded is an orphan (a
 * receive without its send); a channel whose record differs from the application messages that
 * cross the cut (sent before, received after or never) was recorded wrongly. That is the lecture's
 * definition, the same one the consistent-cut property decides — here it picks what to highlight.
 */

import type { Model } from "../model/model.js";
import { isComplete } from "../model/snapshot.js";
import {
  isPre,
  matchReceives,
  type RunView,
  type Skeleton,
  skeletonOf,
  type Timeline,
  type TimelineMessage,
} from "./timeline.js";

export interface ChannelEvidence {
  readonly channel: number;
  readonly recorded: readonly string[];
  /** What crossed the cut on the channel: received after the receiver recorded, then still in flight. */
  readonly crossing: readonly string[];
  /** Messages that crossed but are missing from the record, or were recorded without crossing. */
  readonly offending: readonly number[];
}

export interface CutEvidence {
  /** Messages received before their receiver recorded but sent after their sender recorded. */
  readonly orphans: readonly number[];
  /** Channels whose recorded state is not what crossed the cut. */
  readonly channels: readonly ChannelEvidence[];
}

export interface ExplainedRun {
  readonly timeline: Timeline;
  readonly evidence: CutEvidence;
  /** The offending channel, when the reason names one (`c(i,j)`). */
  readonly named: number | undefined;
}

const NO_EVIDENCE: CutEvidence = { orphans: [], channels: [] };

/** Beyond this many matchings the oldest copies are drawn (runs in the corpus have one or two). */
const MAX_MATCHINGS = 4096;

/**
 * The run's timeline and what is wrong with its cut. Under nonfifo the receives are matched so the
 * picture shows the failure the reason states (its channel, else any evidence); otherwise, and when
 * nothing needs explaining, each receive takes the oldest copy.
 */
export function explainCut(model: Model, view: RunView): ExplainedRun {
  const skeleton = skeletonOf(model, view);
  const named = namedChannel(model, view.reason);
  const last = view.states[view.states.length - 1];
  const complete = last !== undefined && isComplete(last);
  let first: ExplainedRun | undefined;
  let fallback: ExplainedRun | undefined;
  let tried = 0;
  for (const timeline of matchings(skeleton)) {
    const evidence = complete ? evidenceOf(timeline, last.records) : NO_EVIDENCE;
    const explained = { timeline, evidence, named };
    first ??= explained;
    if (view.reason === undefined || shows(evidence, named, timeline)) return explained;
    if (fallback === undefined && hasEvidence(evidence)) fallback = explained;
    if (++tried >= MAX_MATCHINGS) break;
  }
  return fallback ?? (first as ExplainedRun);
}

/** Every way of matching the receives, the oldest copies first (depth-first over the choice points). */
function* matchings(skeleton: Skeleton, prefix: readonly number[] = []): Generator<Timeline> {
  const { timeline, options } = matchReceives(skeleton, prefix);
  const at = prefix.length;
  if (at >= options.length) {
    yield timeline;
    return;
  }
  for (let o = 0; o < (options[at] ?? 1); o++) yield* matchings(skeleton, [...prefix, o]);
}

function hasEvidence(e: CutEvidence): boolean {
  return e.orphans.length > 0 || e.channels.length > 0;
}

/** The evidence shows the failure on the named channel (an orphan on it, or its record), or any failure. */
function shows(e: CutEvidence, named: number | undefined, timeline: Timeline): boolean {
  if (named === undefined) return hasEvidence(e);
  return (
    e.channels.some((c) => c.channel === named) ||
    e.orphans.some((id) => timeline.messages[id]?.channel === named)
  );
}

/** The first channel the reason names, e.g. `c(1,0)`. */
function namedChannel(model: Model, reason: string | undefined): number | undefined {
  const m = reason?.match(/c\((\d+),(\d+)\)/);
  return m === null || m === undefined ? undefined : model.topology.channelIndex(Number(m[1]), Number(m[2]));
}

/** Orphans and wrongly recorded channels of a timeline whose every process recorded. */
export function evidenceOf(
  timeline: Timeline,
  records: readonly { readonly messages: readonly string[] }[],
): CutEvidence {
  const app = timeline.messages.flatMap((m, id) => (m.marker ? [] : [{ ...m, id }]));
  const pre = (m: TimelineMessage) => isPre(timeline, m.sent, m.from);
  const after = (m: TimelineMessage) => receivedAfterCut(timeline, m);
  const orphans = app.filter((m) => !pre(m) && !after(m)).map((m) => m.id);
  const channels = records.flatMap((record, channel): ChannelEvidence[] => {
    const on = app.filter((m) => m.channel === channel);
    // Received copies in the order they arrived, then those still in flight.
    const crossingMessages = on
      .filter((m) => crosses(timeline, m))
      .sort((a, b) => (a.received ?? Number.MAX_SAFE_INTEGER) - (b.received ?? Number.MAX_SAFE_INTEGER));
    const crossing = crossingMessages.map((m) => m.label);
    if (crossing.join() === record.messages.join()) return [];
    const missed = surplus(crossingMessages, record.messages);
    const extra = surplus(
      on.filter((m) => !pre(m) && after(m) && m.received !== undefined),
      crossing,
    ).filter((m) => record.messages.includes(m.label));
    const offending = [...missed, ...extra].map((m) => m.id);
    return [
      {
        channel,
        recorded: record.messages,
        crossing,
        offending: offending.length > 0 ? offending : crossingMessages.map((m) => m.id),
      },
    ];
  });
  return { orphans, channels };
}

/** Received after its receiver recorded, or never: the receive lies outside the cut. */
function receivedAfterCut(timeline: Timeline, m: TimelineMessage): boolean {
  return m.received === undefined || !isPre(timeline, m.received, m.to);
}

/** Sent inside the cut, received outside it or never (not lost): it belongs to its channel's record. */
export function crosses(timeline: Timeline, m: TimelineMessage): boolean {
  return m.lost === undefined && isPre(timeline, m.sent, m.from) && receivedAfterCut(timeline, m);
}

/** The messages of `items` left over once each label in `against` has taken one copy. */
function surplus<T extends { readonly label: string }>(items: readonly T[], against: readonly string[]): T[] {
  const left = [...against];
  return items.filter((m) => {
    const k = left.indexOf(m.label);
    if (k < 0) return true;
    left.splice(k, 1);
    return false;
  });
}
