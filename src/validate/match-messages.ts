/**
 * Matching a log's receives to its sends: an application message by its id (unique, sent once,
 * received at most once, on the channel it was sent on), a marker by its channel and snapshot (the
 * k-th marker received on a channel is the k-th sent on it). What does not match is a bad log.
 */
import { LogError } from "../errors.js";
import type { Messages, RunLog } from "./run-log.js";

export function matchMessages(log: RunLog): Messages {
  const { file, events } = log;
  const sendOf = new Map<string, number>();
  events.forEach((e, i) => {
    if (e.kind !== "send") return;
    const earlier = sendOf.get(e.id);
    if (earlier !== undefined)
      throw new LogError(
        file,
        e.line,
        `duplicate message id ${e.id} (first sent at line ${events[earlier]?.line}): give every message its own id`,
      );
    sendOf.set(e.id, i);
  });
  const receiveOf = new Map<string, number>();
  const markerSends = new Map<string, number[]>();
  const markerSendOf = new Map<number, number>();
  events.forEach((e, i) => {
    if (e.kind === "marker-send") {
      const key = `${e.process},${e.to},${e.snapshot}`;
      markerSends.set(key, [...(markerSends.get(key) ?? []), i]);
    }
  });
  const markersTaken = new Map<string, number>();
  events.forEach((e, i) => {
    if (e.kind === "receive") {
      const s = sendOf.get(e.id);
      const send = s === undefined ? undefined : events[s];
      if (send === undefined || send.kind !== "send")
        throw new LogError(
          file,
          e.line,
          `unmatched receive: no send of message ${e.id} in the log; log the send, or correct the id`,
        );
      if (send.process !== e.from || send.to !== e.process)
        throw new LogError(
          file,
          e.line,
          `message ${e.id} was sent on c(${send.process},${send.to}) (line ${send.line}), not received on c(${e.from},${e.process}): correct "from" or the id`,
        );
      if (e.payload !== undefined && e.payload !== send.payload)
        throw new LogError(
          file,
          e.line,
          `message ${e.id} is received as ${JSON.stringify(e.payload)} but was sent as ${JSON.stringify(send.payload)} (line ${send.line})`,
        );
      const earlier = receiveOf.get(e.id);
      if (earlier !== undefined)
        throw new LogError(
          file,
          e.line,
          `message ${e.id} is received a second time (first at line ${events[earlier]?.line}): give every message its own id`,
        );
      receiveOf.set(e.id, i);
    } else if (e.kind === "marker-receive") {
      const key = `${e.from},${e.process},${e.snapshot}`;
      const k = markersTaken.get(key) ?? 0;
      const send = markerSends.get(key)?.[k];
      if (send === undefined)
        throw new LogError(
          file,
          e.line,
          `unmatched receive: P${e.process} receives a marker of snapshot ${e.snapshot} from P${e.from} that no marker-send logs; log the marker-send`,
        );
      markersTaken.set(key, k + 1);
      markerSendOf.set(i, send);
    } else if (e.kind === "channel-recorded") {
      const unknown = e.messages.find((id) => !sendOf.has(id));
      if (unknown !== undefined)
        throw new LogError(
          file,
          e.line,
          `the recorded state of c(${e.from},${e.process}) names message ${unknown}, which no send logs: record the ids of messages sent`,
        );
    }
  });
  return { sendOf, receiveOf, markerSendOf };
}
