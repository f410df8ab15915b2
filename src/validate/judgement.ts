/**
 * What validating a logged snapshot decides, per property: it holds, it fails — with the first
 * line of the log where it does and a one-sentence reason — or it cannot be judged from this log
 * (and why).
 */
import type { Workload } from "../workloads/workload.js";
import type { HappensBefore } from "./happens-before.js";
import type { Messages, RunLog } from "./run-log.js";

export type JudgementName = "consistent-cut" | "reachable-cut" | "conservation" | "algorithm";

export type Judgement =
  | { readonly name: JudgementName; readonly verdict: "holds" }
  | {
      readonly name: JudgementName;
      readonly verdict: "fails";
      readonly line: number;
      readonly reason: string;
    }
  | { readonly name: JudgementName; readonly verdict: "not-judged"; readonly reason: string };

/** A failure found at `line`. */
export interface Finding {
  readonly line: number;
  readonly reason: string;
}

/** The judgement of the earliest finding (by line), or that the property holds. */
export function judgementOf(name: JudgementName, findings: readonly Finding[]): Judgement {
  let first: Finding | undefined;
  for (const f of findings) if (first === undefined || f.line < first.line) first = f;
  return first === undefined ? { name, verdict: "holds" } : { name, verdict: "fails", ...first };
}

export function notJudged(name: JudgementName, reason: string): Judgement {
  return { name, verdict: "not-judged", reason };
}

/** What every judge reads: the log, its matched messages, its happens-before, the workload if named. */
export interface LogContext {
  readonly log: RunLog;
  readonly messages: Messages;
  readonly hb: HappensBefore;
  readonly workload: Workload | undefined;
}

/** A message for people: the workload's name for its payload (or the payload), and its id. */
export function describeMessage(context: LogContext, id: string): string {
  const send = context.log.events[context.messages.sendOf.get(id) as number];
  const payload = send?.kind === "send" ? send.payload : "?";
  const what = context.workload?.describePayload(payload) ?? JSON.stringify(payload);
  return `${what} (message ${id})`;
}

/** The log line of event `i`. */
export function lineOf(context: LogContext, i: number): number {
  return context.log.events[i]?.line ?? 0;
}
