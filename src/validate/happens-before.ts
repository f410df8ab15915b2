/**
 * The run's happens-before, rebuilt from the log alone: each process's events in the order it
 * logged them, and each receive after the send it delivers (markers too). From it, one order of all
 * events that respects it (a linearization: the run as one sequence) and every event's vector
 * clock. A log whose orders contradict each other — a receive that can only come before its own
 * send — describes no run: a LogError at the earliest such receive.
 */
import { LogError } from "../errors.js";
import type { Messages, RunLog } from "./run-log.js";

export interface HappensBefore {
  /** Indices into `log.events`, in an order that respects happens-before. */
  readonly order: readonly number[];
  /** Each event's vector clock (index in `log.events`): entry p counts P_p's events it knows of. */
  readonly clocks: readonly Int32Array[];
  /** Each event's position among its own process's events (0, 1, 2, …). */
  readonly local: readonly number[];
}

/** The send (application or marker) a receive waits for, by event index. */
function dependencyOf(log: RunLog, messages: Messages, i: number): number | undefined {
  const e = log.events[i];
  if (e?.kind === "receive") return messages.sendOf.get(e.id);
  if (e?.kind === "marker-receive") return messages.markerSendOf.get(i);
  return undefined;
}

export function happensBefore(log: RunLog, messages: Messages): HappensBefore {
  const { events, processes } = log;
  const queues: number[][] = Array.from({ length: processes }, () => []);
  const local: number[] = [];
  events.forEach((e, i) => {
    const queue = queues[e.process] as number[];
    local.push(queue.length);
    queue.push(i);
  });
  const done = new Uint8Array(events.length);
  const next = new Int32Array(processes);
  const order: number[] = [];
  const clocks: Int32Array[] = new Array(events.length);
  const current = Array.from({ length: processes }, () => new Int32Array(processes));
  // A process blocked at a receive waits for that send; taking the send wakes it.
  const waiting = new Map<number, number>();
  const ready = Array.from({ length: processes }, (_, p) => processes - 1 - p);
  while (ready.length > 0) {
    const p = ready.pop() as number;
    const queue = queues[p] as number[];
    while ((next[p] as number) < queue.length) {
      const i = queue[next[p] as number] as number;
      const send = dependencyOf(log, messages, i);
      if (send !== undefined && done[send] === 0) {
        waiting.set(send, p);
        break;
      }
      const clock = Int32Array.from(current[p] as Int32Array);
      clock[p] = (clock[p] as number) + 1;
      if (send !== undefined) {
        const theirs = clocks[send] as Int32Array;
        for (let q = 0; q < processes; q++) clock[q] = Math.max(clock[q] as number, theirs[q] as number);
      }
      current[p] = clock;
      clocks[i] = clock;
      done[i] = 1;
      order.push(i);
      next[p] = (next[p] as number) + 1;
      const woken = waiting.get(i);
      if (woken !== undefined) {
        waiting.delete(i);
        ready.push(woken);
      }
    }
  }
  if (order.length < events.length) throw cycleError(log, messages, queues, next);
  return { order, clocks, local };
}

/** The earliest blocked receive, as the line to fix. */
function cycleError(log: RunLog, messages: Messages, queues: number[][], next: Int32Array): LogError {
  const blocked = queues
    .map((q, p) => q[next[p] as number])
    .filter((i): i is number => i !== undefined)
    .sort((a, b) => a - b);
  const i = blocked[0] as number;
  const e = log.events[i];
  const send = log.events[dependencyOf(log, messages, i) as number];
  return new LogError(
    log.file,
    e?.line ?? 0,
    `P${e?.process} receives this before it can have been sent (the send, line ${send?.line}, comes after events that wait for this one): log each process's events in the order they happened`,
  );
}
