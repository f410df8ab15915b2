/**
 * Did the implementation follow Chandy–Lamport (the lecture's rules) for one snapshot? Read each
 * process's own events in order: a process records at most once, and at the latest on its first
 * marker, before doing anything else; having recorded, it sends one marker on every outgoing
 * channel, each before any application message on that channel; it records an incoming channel
 * from its own recording until that channel's marker — exactly the messages that arrived between
 * the two, in order (nothing if the marker is what made it record). Every breach is a finding at
 * the event that commits it, and the judgement names the earliest line.
 */
import { channelName, processName } from "../model/topology.js";
import { seq } from "../render/text.js";
import type { Finding, Judgement, LogContext } from "./judgement.js";
import { describeMessage, judgementOf } from "./judgement.js";
import type { LoggedEvent } from "./run-log.js";

/** What one process has done so far for the snapshot. */
interface Progress {
  recordedAt: number | undefined;
  /** Outgoing peers still owed a marker. */
  readonly owed: Set<number>;
  /** The line of the marker that obliges the process to record next, while it has not. */
  mustRecord: number | undefined;
  /** Per incoming peer: the line its marker arrived, and the ids received since recording, before it. */
  readonly markers: Map<number, number>;
  readonly window: Map<number, string[]>;
  readonly logged: Map<number, number>;
}

export function judgeAlgorithm(context: LogContext, snapshot: number): Judgement {
  const { log } = context;
  const findings: Finding[] = [];
  const byProcess: LoggedEvent[][] = Array.from({ length: log.processes }, () => []);
  for (const e of log.events) byProcess[e.process]?.push(e);
  byProcess.forEach((events, p) => {
    findings.push(...followProcess(context, p, snapshot, events));
  });
  return judgementOf("algorithm", findings);
}

function followProcess(
  context: LogContext,
  p: number,
  snapshot: number,
  events: readonly LoggedEvent[],
): Finding[] {
  const { topology } = context.log;
  const me = processName(p);
  const progress: Progress = {
    recordedAt: undefined,
    owed: new Set(),
    mustRecord: undefined,
    markers: new Map(),
    window: new Map(),
    logged: new Map(),
  };
  const findings: Finding[] = [];
  const find = (line: number, reason: string) => findings.push({ line, reason });
  for (const e of events) {
    const mine = !("snapshot" in e) || e.snapshot === snapshot;
    if (!mine) continue;
    if (progress.mustRecord !== undefined && e.kind !== "record") {
      find(
        e.line,
        `${me} received the marker at line ${progress.mustRecord} and had not recorded, yet did this before recording: a process records on its first marker, before anything else`,
      );
      progress.mustRecord = undefined;
    }
    switch (e.kind) {
      case "record":
        if (progress.recordedAt !== undefined) {
          find(
            e.line,
            `${me} records a second time (first at line ${progress.recordedAt}): a process records once per snapshot`,
          );
          break;
        }
        progress.recordedAt = e.line;
        progress.mustRecord = undefined;
        for (const c of topology.outgoing[p] ?? []) progress.owed.add(topology.channel(c).to);
        break;
      case "marker-send":
        if (progress.recordedAt === undefined)
          find(
            e.line,
            `${me} sends a marker on ${channelName({ from: p, to: e.to })} before recording: markers go out only once the process has recorded`,
          );
        else if (!progress.owed.delete(e.to))
          find(
            e.line,
            `${me} sends a second marker on ${channelName({ from: p, to: e.to })}: one marker per channel per snapshot`,
          );
        break;
      case "send":
        if (progress.owed.has(e.to))
          find(
            e.line,
            `${me} sends ${describeMessage(context, e.id)} on ${channelName({ from: p, to: e.to })} after recording (line ${progress.recordedAt}) but before its marker on that channel: the marker must precede every message sent after recording`,
          );
        break;
      case "receive":
        if (progress.recordedAt !== undefined && !progress.markers.has(e.from))
          progress.window.set(e.from, [...(progress.window.get(e.from) ?? []), e.id]);
        break;
      case "marker-receive":
        if (progress.recordedAt === undefined) progress.mustRecord = e.line;
        progress.markers.set(e.from, e.line);
        break;
      case "channel-recorded":
        checkChannel(context, p, e, progress, find);
        break;
    }
  }
  if (progress.mustRecord !== undefined)
    find(
      progress.mustRecord,
      `${me} received a marker here but never recorded: a process records on its first marker`,
    );
  const recordLine = progress.recordedAt;
  for (const to of progress.owed)
    find(
      recordLine ?? 0,
      `${me} recorded at line ${recordLine} but never sent its marker on ${channelName({ from: p, to })}: on recording a process sends a marker on every outgoing channel`,
    );
  for (const [from, line] of progress.markers)
    if (!progress.logged.has(from))
      find(
        line,
        `${me} received the marker on ${channelName({ from, to: p })} here but never logged that channel's recorded state`,
      );
  return findings;
}

/** A channel-recorded event against what arrived between the receiver's recording and the marker. */
function checkChannel(
  context: LogContext,
  p: number,
  e: Extract<LoggedEvent, { kind: "channel-recorded" }>,
  progress: Progress,
  find: (line: number, reason: string) => void,
): void {
  const channel = channelName({ from: e.from, to: p });
  const earlier = progress.logged.get(e.from);
  if (earlier !== undefined) {
    find(
      e.line,
      `${processName(p)} logs the recorded state of ${channel} a second time (first at line ${earlier})`,
    );
    return;
  }
  progress.logged.set(e.from, e.line);
  const marker = progress.markers.get(e.from);
  if (marker === undefined) {
    find(
      e.line,
      `${processName(p)} logs the recorded state of ${channel} before the marker on ${channel} arrived: a channel is recorded until its marker arrives`,
    );
    return;
  }
  const arrived = progress.window.get(e.from) ?? [];
  const problem = channelProblem(context, e.messages, arrived, channel, progress.recordedAt ?? 0, marker);
  if (problem !== undefined) find(e.line, problem);
}

/** Why `recorded` is not `arrived` (the messages between recording and marker), in one sentence. */
function channelProblem(
  context: LogContext,
  recorded: readonly string[],
  arrived: readonly string[],
  channel: string,
  recordedAt: number,
  marker: number,
): string | undefined {
  const { log, messages } = context;
  const state = `${channel} was recorded as ${seq(recorded)}`;
  const twice = recorded.find((id, i) => recorded.indexOf(id) !== i);
  if (twice !== undefined)
    return `${state}, which counts ${describeMessage(context, twice)} twice: a message is recorded once`;
  for (const id of recorded) {
    if (arrived.includes(id)) continue;
    const receive = messages.receiveOf.get(id);
    const line = receive === undefined ? undefined : log.events[receive]?.line;
    if (line === undefined)
      return `${state}, but ${describeMessage(context, id)} had not arrived on ${channel} when its marker did (line ${marker}): a channel is recorded only until its marker arrives`;
    if (line > marker)
      return `${state}, but ${describeMessage(context, id)} arrived at line ${line}, after the marker on ${channel} (line ${marker}): a channel is recorded only until its marker arrives`;
    if (line < recordedAt)
      return `${state}, but ${describeMessage(context, id)} arrived at line ${line}, before the receiver recorded (line ${recordedAt}): it is in the recorded process state already and must not be counted again`;
    return `${state}, but ${describeMessage(context, id)} was received at line ${line} on another channel`;
  }
  const dropped = arrived.find((id) => !recorded.includes(id));
  if (dropped !== undefined)
    return `${state}, but ${describeMessage(context, dropped)} arrived between the receiver's recording (line ${recordedAt}) and the marker (line ${marker}) and is missing: every message arriving in between belongs to the channel's state`;
  if (log.ordered && recorded.join() !== arrived.join())
    return `${state}, but the messages arrived in the order ${seq(arrived)}: a channel's state keeps their order`;
  return undefined;
}
