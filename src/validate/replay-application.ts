/**
 * A logged run replayed through the workload's rules (src/workloads), one process at a time — a
 * process's application state depends on its own events only, so any order that respects
 * happens-before gives each the same states. Every logged send must be what the application can do
 * (an enabled step, or a send its last receipt asked for), and every receive takes effect as the
 * workload says. The result: each recording's replayed state, and the first steps that fit no rule.
 */
import { LogError } from "../errors.js";
import { processName } from "../model/topology.js";
import type { AppState } from "../model/types.js";
import type { Workload } from "../workloads/workload.js";
import type { Finding, LogContext } from "./judgement.js";
import type { LoggedState, RunLog } from "./run-log.js";

export interface ApplicationReplay {
  /** The state each process was in at each of its record events (by event index). */
  readonly stateAt: ReadonlyMap<number, AppState>;
  /** Logged application steps no rule of the workload allows, one per process at most. */
  readonly invalid: readonly Finding[];
}

/** The application state a log writes as named fields, as the workload's tuple. */
export function appStateOf(log: RunLog, workload: Workload, state: LoggedState, line: number): AppState {
  const fields = workload.fields(log.processes);
  const extra = Object.keys(state).find((k) => !fields.includes(k));
  const missing = fields.find((f) => !(f in state));
  if (extra !== undefined || missing !== undefined)
    throw new LogError(
      log.file,
      line,
      `the state ${JSON.stringify(state)} does not fit the ${workload.name} workload: give the fields ${fields.join(", ")} (integers)`,
    );
  return fields.map((f) => state[f] as number);
}

export function replayApplication(
  context: LogContext,
  workload: Workload,
  initial: readonly LoggedState[],
): ApplicationReplay {
  const { log, messages } = context;
  const states = initial.map((s) => appStateOf(log, workload, s, log.headerLine));
  const owed: { to: number; payload: string }[][] = states.map(() => []);
  const stuck = new Set<number>();
  const stateAt = new Map<number, AppState>();
  const invalid: Finding[] = [];
  log.events.forEach((e, i) => {
    const p = e.process;
    if (stuck.has(p)) return;
    const state = states[p] as AppState;
    const describe = () => workload.describeState(state);
    if (e.kind === "record") {
      stateAt.set(i, state);
    } else if (e.kind === "receive") {
      const send = log.events[messages.sendOf.get(e.id) as number];
      const payload = send?.kind === "send" ? send.payload : "";
      const effect = workload.receive(state, p, e.from, payload);
      states[p] = effect.state;
      owed[p]?.push(...effect.sends);
    } else if (e.kind === "send") {
      const queue = owed[p] as { to: number; payload: string }[];
      const k = queue.findIndex((s) => s.to === e.to && s.payload === e.payload);
      if (k >= 0) {
        queue.splice(k, 1);
        return;
      }
      const step = workload
        .actions(state, p, log.topology)
        .map((a) => workload.perform(state, p, a.action, a.to))
        .find((effect) => effect.sends.some((s) => s.to === e.to && s.payload === e.payload));
      if (step === undefined) {
        invalid.push({
          line: e.line,
          reason: `${processName(p)} sends ${workload.describePayload(e.payload)} to ${processName(e.to)} in state ${describe()}, which no step of the ${workload.name} application allows`,
        });
        stuck.add(p);
        return;
      }
      states[p] = step.state;
      const rest = [...step.sends];
      rest.splice(
        rest.findIndex((s) => s.to === e.to && s.payload === e.payload),
        1,
      );
      queue.push(...rest);
    }
  });
  return { stateAt, invalid };
}
