/**
 * The judgements that need the application's rules (a workload) and its initial states.
 *
 * reachable-cut — Chandy & Lamport's witness: reorder the run so the events before the cut come
 * first, then the rest. That is a run of the application passing through S* when no receive comes
 * before its send (no orphan), every logged step is one the workload allows, each process's
 * replayed state at its recording is the state it recorded, and the channels then hold exactly
 * their recorded states. Per-channel orders are untouched by the reordering, so fifo runs stay fifo.
 *
 * conservation — S* (recorded process states plus recorded channel messages) holds the quantities
 * the workload conserves (bank: money) exactly as the initial state does: the logged channels are
 * reliable.
 */
import { processName } from "../model/topology.js";
import type { AppState } from "../model/types.js";
import type { InFlight, Workload } from "../workloads/workload.js";
import { channelFindings, orphanFindings } from "./judge-cut.js";
import {
  type Finding,
  type Judgement,
  judgementOf,
  type LogContext,
  lineOf,
  notJudged,
} from "./judgement.js";
import { incompleteness, type LoggedCut } from "./logged-cut.js";
import { type ApplicationReplay, appStateOf } from "./replay-application.js";
import type { LoggedState } from "./run-log.js";

/** Why the workload judgements cannot be made on this log, or undefined when they can. */
export function workloadMissing(context: LogContext): string | undefined {
  if (context.workload === undefined)
    return 'the log names no workload: give --workload NAME (or "workload" in the header) to judge it';
  if (context.log.initial === undefined)
    return 'the header gives no initial states: add "initial", one state per process';
  return undefined;
}

export function judgeReachableCut(context: LogContext, cut: LoggedCut, replay: ApplicationReplay): Judgement {
  const missing = incompleteness(context.log, cut);
  if (missing !== undefined) return notJudged("reachable-cut", `the snapshot is incomplete: ${missing}`);
  const workload = context.workload as Workload;
  const unreachable = ": no run of the application passes through S*";
  const findings: Finding[] = [
    ...replay.invalid,
    ...orphanFindings(context, cut).map((f) => ({
      line: f.line,
      reason: `the witness (events before the cut first) cannot receive what it has not sent: ${f.reason}`,
    })),
    ...stateFindings(context, cut, replay, workload).map((f) => ({ ...f, reason: f.reason + unreachable })),
    ...channelFindings(context, cut).map((f) => ({ ...f, reason: f.reason + unreachable })),
  ];
  return judgementOf("reachable-cut", findings);
}

/** Each recording whose state is not the one its process's earlier events lead to. */
function stateFindings(
  context: LogContext,
  cut: LoggedCut,
  replay: ApplicationReplay,
  workload: Workload,
): Finding[] {
  return cut.records.flatMap((i, p) => {
    const e = context.log.events[i as number];
    const replayed = replay.stateAt.get(i as number);
    if (e?.kind !== "record" || replayed === undefined) return [];
    const recorded = appStateOf(context.log, workload, e.state, e.line);
    if (recorded.join() === replayed.join()) return [];
    return [
      {
        line: e.line,
        reason: `${processName(p)} recorded ${workload.describeState(recorded)}, but its events before recording lead to ${workload.describeState(replayed)}`,
      },
    ];
  });
}

export function judgeConservation(context: LogContext, cut: LoggedCut): Judgement {
  const missing = incompleteness(context.log, cut);
  if (missing !== undefined) return notJudged("conservation", `the snapshot is incomplete: ${missing}`);
  const { log, messages } = context;
  const workload = context.workload as Workload;
  const initial = (log.initial as LoggedState[]).map((s) => appStateOf(log, workload, s, log.headerLine));
  const recorded: AppState[] = [];
  const inFlight: InFlight[] = [];
  for (const i of cut.records) {
    const e = log.events[i as number];
    if (e?.kind === "record") recorded.push(appStateOf(log, workload, e.state, e.line));
  }
  for (const i of cut.channels) {
    const e = log.events[i as number];
    if (e?.kind !== "channel-recorded") continue;
    for (const id of e.messages) {
      const send = log.events[messages.sendOf.get(id) as number];
      if (send?.kind === "send") inFlight.push({ from: e.from, to: e.process, payload: send.payload });
    }
  }
  const before = workload.conserved(initial, []);
  const now = workload.conserved(recorded, inFlight);
  // S* is complete once its last piece is logged: that line is where the snapshot holds its totals.
  const line = Math.max(...[...cut.records, ...cut.channels].map((i) => lineOf(context, i as number)));
  const findings = Object.entries(before).flatMap(([quantity, held]): Finding[] => {
    const got = now[quantity] ?? 0;
    if (got === held) return [];
    const lost = got < held;
    return [
      {
        line,
        reason: `S* holds ${quantity} ${got} (recorded processes and channels), but the system holds ${held}: the snapshot ${lost ? "lost" : "invented"} ${Math.abs(held - got)}`,
      },
    ];
  });
  return judgementOf("conservation", findings);
}
