/**
 * Validating a real run: read its log (JSON Lines, or ShiViz with JSON event lines), match
 * messages, rebuild happens-before, and judge every snapshot it recorded — consistent-cut,
 * reachable-cut and conservation where a workload and initial states are given, and whether the
 * implementation followed the algorithm. Pure apart from the text it is given.
 */
import { LogError, UsageError } from "../errors.js";
import { findWorkload, workloads } from "../workloads/index.js";
import type { Workload } from "../workloads/workload.js";
import { happensBefore } from "./happens-before.js";
import { judgeAlgorithm } from "./judge-algorithm.js";
import { judgeConsistentCut } from "./judge-cut.js";
import { judgeConservation, judgeReachableCut, workloadMissing } from "./judge-workload.js";
import { type Judgement, type LogContext, notJudged } from "./judgement.js";
import { cutsOf, type LoggedCut } from "./logged-cut.js";
import { matchMessages } from "./match-messages.js";
import { jsonLines, runLogOf } from "./parse-log.js";
import { appStateOf, replayApplication } from "./replay-application.js";
import type { LoggedState } from "./run-log.js";
import { checkClocks, isShivizLog, shivizLines } from "./shiviz-log.js";

export interface SnapshotVerdict {
  readonly snapshot: number;
  readonly judgements: readonly Judgement[];
}

export interface Validation {
  readonly context: LogContext;
  readonly cuts: readonly LoggedCut[];
  readonly snapshots: readonly SnapshotVerdict[];
  /** No judgement fails. */
  readonly holds: boolean;
}

/** Reads a log's text into its context: a LogError names the line of anything that describes no run. */
export function readLog(text: string, file: string, workloadName?: string): LogContext {
  const shiviz = isShivizLog(text) ? shivizLines(text, file) : undefined;
  const log = runLogOf(shiviz?.lines ?? jsonLines(text, file), file);
  const messages = matchMessages(log);
  const hb = happensBefore(log, messages);
  if (shiviz !== undefined) checkClocks(log, hb, shiviz.clocks);
  const workload = workloadOf(log.file, log.headerLine, workloadName, log.workload);
  // Every logged state must be one of the workload's, whether or not a judgement reaches it.
  if (workload !== undefined) {
    for (const s of log.initial ?? []) appStateOf(log, workload, s, log.headerLine);
    for (const e of log.events) if (e.kind === "record") appStateOf(log, workload, e.state, e.line);
  }
  return { log, messages, hb, workload };
}

function workloadOf(
  file: string,
  headerLine: number,
  flag: string | undefined,
  header: string | undefined,
): Workload | undefined {
  const name = flag ?? header;
  if (name === undefined) return undefined;
  const workload = findWorkload(name);
  if (workload !== undefined) return workload;
  const known = workloads.map((w) => w.name).join(", ");
  if (flag !== undefined)
    throw new UsageError(`--workload: unknown workload "${flag}"; the workloads are ${known}`);
  throw new LogError(file, headerLine, `unknown workload "${header}": the workloads are ${known}`);
}

/** Judges every snapshot of the log. */
export function validateRun(context: LogContext): Validation {
  const { log } = context;
  const cuts = cutsOf(log);
  if (cuts.length === 0)
    throw new LogError(
      log.file,
      log.headerLine,
      'the log records no snapshot: it needs at least one "record" event',
    );
  const missing = workloadMissing(context);
  const replay =
    missing === undefined
      ? replayApplication(context, context.workload as Workload, log.initial as LoggedState[])
      : undefined;
  const snapshots = cuts.map((cut) => ({
    snapshot: cut.snapshot,
    judgements: [
      judgeConsistentCut(context, cut),
      replay === undefined
        ? notJudged("reachable-cut", missing as string)
        : judgeReachableCut(context, cut, replay),
      replay === undefined ? notJudged("conservation", missing as string) : judgeConservation(context, cut),
      judgeAlgorithm(context, cut.snapshot),
    ],
  }));
  const holds = snapshots.every((s) => s.judgements.every((j) => j.verdict !== "fails"));
  return { context, cuts, snapshots, holds };
}
