/**
 * The cut a logged snapshot places: through each process's recording event (its first `record` of
 * that snapshot), and, per channel, the line where its receiver logged the channel's recorded
 * state. From it, the lecture's two facts the judgements need: which receives lie inside the cut
 * with their send outside (orphans), and which messages cross it on each channel (sent inside,
 * received outside or never) — in the order they arrived, those never received last.
 */
import { processName } from "../model/topology.js";
import type { HappensBefore } from "./happens-before.js";
import type { LoggedEvent, Messages, RunLog } from "./run-log.js";

export interface LoggedCut {
  readonly snapshot: number;
  /** Per process, the index in `log.events` of its recording, or undefined when it never recorded. */
  readonly records: readonly (number | undefined)[];
  /** Per channel (topology index), the index of its `channel-recorded` event, if logged. */
  readonly channels: readonly (number | undefined)[];
}

/** Every snapshot the log records, by id (ascending). */
export function cutsOf(log: RunLog): LoggedCut[] {
  const ids = [...new Set(log.events.flatMap((e) => (e.kind === "record" ? [e.snapshot] : [])))];
  return ids
    .sort((a, b) => a - b)
    .map((snapshot) => {
      const records: (number | undefined)[] = Array.from({ length: log.processes }, () => undefined);
      const channels: (number | undefined)[] = log.topology.channels.map(() => undefined);
      log.events.forEach((e, i) => {
        if (e.kind === "record" && e.snapshot === snapshot) records[e.process] ??= i;
        if (e.kind === "channel-recorded" && e.snapshot === snapshot) {
          const c = log.topology.channelIndex(e.from, e.process) as number;
          channels[c] ??= i;
        }
      });
      return { snapshot, records, channels };
    });
}

/** Why the cut is not complete (a process that never recorded, a channel never logged), or undefined. */
export function incompleteness(log: RunLog, cut: LoggedCut): string | undefined {
  const p = cut.records.indexOf(undefined);
  if (p >= 0) return `${processName(p)} never recorded`;
  const c = cut.channels.indexOf(undefined);
  if (c >= 0) {
    const { from, to } = log.topology.channel(c);
    return `the recorded state of c(${from},${to}) was never logged`;
  }
  return undefined;
}

/** Event `i` comes before its process's recording (always, when the process never recorded). */
export function insideCut(hb: HappensBefore, cut: LoggedCut, log: RunLog, i: number): boolean {
  const e = log.events[i] as LoggedEvent;
  const record = cut.records[e.process];
  return record === undefined || (hb.local[i] as number) < (hb.local[record] as number);
}

export interface Orphan {
  readonly send: number;
  readonly receive: number;
}

/** Receives inside the cut whose sends lie outside it, by the receive's line. */
export function orphansOf(log: RunLog, messages: Messages, hb: HappensBefore, cut: LoggedCut): Orphan[] {
  const found: Orphan[] = [];
  for (const [id, receive] of messages.receiveOf) {
    const send = messages.sendOf.get(id) as number;
    if (insideCut(hb, cut, log, receive) && !insideCut(hb, cut, log, send)) found.push({ send, receive });
  }
  return found.sort((a, b) => a.receive - b.receive);
}

/** Per channel, the ids of the messages that cross the cut: received in arrival order, then those in flight. */
export function crossingOf(log: RunLog, messages: Messages, hb: HappensBefore, cut: LoggedCut): string[][] {
  const received: { id: string; at: number }[][] = log.topology.channels.map(() => []);
  const inFlight: string[][] = log.topology.channels.map(() => []);
  log.events.forEach((e, i) => {
    if (e.kind !== "send" || !insideCut(hb, cut, log, i)) return;
    const c = log.topology.channelIndex(e.process, e.to) as number;
    const receive = messages.receiveOf.get(e.id);
    if (receive === undefined) inFlight[c]?.push(e.id);
    else if (!insideCut(hb, cut, log, receive))
      received[c]?.push({ id: e.id, at: hb.local[receive] as number });
  });
  return received.map((r, c) => [...r.sort((a, b) => a.at - b.at).map((m) => m.id), ...(inFlight[c] ?? [])]);
}

/** Two lists of ids are the same: in order under fifo, as multisets otherwise. */
export function sameMessages(a: readonly string[], b: readonly string[], ordered: boolean): boolean {
  if (a.length !== b.length) return false;
  const [x, y] = ordered ? [a, b] : [[...a].sort(), [...b].sort()];
  return x.every((id, i) => id === y[i]);
}
