/**
 * reachable-cut along one run, without the application graph (infeasible beyond a few processes):
 * build the witness Chandy & Lamport's theorem promises and check it. The witness is the run's
 * application events from S_start to S_end reordered so that those before the cut (at a process
 * that had not recorded) come first, each group in run order. It must be a valid run of the
 * application-only model from app(S_start) that passes through S* and ends in app(S_end); then S*
 * is reachable, and app(S_end) from it, as the property says.
 *
 * A witness that fails does not by itself prove S* unreachable (another run might reach it), so a
 * violation needs a proof: S* holding other totals of a quantity every application step conserves
 * (e.g. money; faulty channels conserve nothing, losses and copies change it). Without one the run
 * leaves the property undecided. A loss or a copy counts as an event of the channel's receiver.
 */
import { noSnapshot } from "../algorithms/no-snapshot.js";
import { appMessage } from "../model/message.js";
import { Model } from "../model/model.js";
import { appProjection, isInitiated, recordedGlobalState, viewOf } from "../model/snapshot.js";
import type { GlobalState, Step } from "../model/types.js";
import type { Execution } from "./execution.js";
import { HOLDS, type RunJudge, violatedAt } from "./verdict.js";

export function witnessJudge(model: Model): RunJudge {
  const appModel = new Model({ ...model.spec, algorithm: noSnapshot });
  return {
    name: "reachable-cut",
    forceFair: false,
    judge(run) {
      if (run.end !== "complete") return HOLDS;
      const start = run.states.findIndex((s) => isInitiated(viewOf(s, 0))) - 1;
      const sStart = run.states[start] as GlobalState;
      const sEnd = run.states[run.states.length - 1] as GlobalState;
      const { discipline } = model.spec;
      const recorded = recordedGlobalState(viewOf(sEnd, 0), discipline);
      const { before, after } = splitAtCut(model, run, start);
      const failure =
        walk(appModel, appProjection(sStart, discipline), before, recorded, "does not pass through S*") ??
        walk(appModel, recorded, after, appProjection(sEnd, discipline), "does not end in app(S_end)");
      if (failure === undefined) return HOLDS;
      const witness = `the theorem's witness (the run's application events before the cut, then those after) ${failure}`;
      const { lossy, duplicating } = model.spec.faults;
      const proof = lossy || duplicating ? undefined : differingTotals(model, recorded, sStart);
      if (proof === undefined) {
        return {
          kind: "undecided",
          why: `${witness}, yet S* holds what the system conserves, so another run may reach it`,
        };
      }
      return violatedAt(run, run.steps.length, `S* is not reachable from app(S_start): ${proof}; ${witness}`);
    },
  };
}

/** The application steps of the run from S_start on: those before the cut, and those after it. */
function splitAtCut(model: Model, run: Execution, start: number): { before: Step[]; after: Step[] } {
  const before: Step[] = [];
  const after: Step[] = [];
  for (let k = start; k < run.steps.length; k++) {
    const event = applicationEvent(model, run.steps[k] as Step);
    if (event === undefined) continue;
    // Judged after the step: an algorithm that records on receipt records before the receipt.
    const recorded = viewOf(run.states[k + 1] as GlobalState, 0).recorded[event.process] !== null;
    (recorded ? after : before).push(event.step);
  }
  return { before, after };
}

/**
 * The process at which `step` is an application event, and the step as the application alone
 * takes it (without the tags an algorithm piggybacks on messages); undefined for snapshot steps.
 */
function applicationEvent(model: Model, step: Step): { process: number; step: Step } | undefined {
  if (step.kind === "app") return { process: step.process, step };
  if (step.kind === "initiate" || step.kind === "script" || step.message.kind === "marker") return undefined;
  const message = appMessage(step.message.payload);
  return { process: model.topology.channel(step.channel).to, step: { ...step, message } };
}

/** Why `steps` is not a run of the application from `from` to `to`, or undefined when it is. */
function walk(
  appModel: Model,
  from: GlobalState,
  steps: readonly Step[],
  to: GlobalState,
  missed: string,
): string | undefined {
  let state = from;
  for (const step of steps) {
    const label = appModel.label(step);
    if (!appModel.steps(state).some((s) => appModel.label(s) === label)) {
      return `is no run of the application: ${label} is not enabled where the witness takes it`;
    }
    state = appModel.next(state, step).state;
  }
  return appModel.key(state) === appModel.key(to) ? undefined : missed;
}

/** A conserved quantity whose totals differ in `a` and `b`, as a phrase, or undefined. */
function differingTotals(model: Model, a: GlobalState, b: GlobalState): string | undefined {
  const totals = (state: GlobalState) =>
    model.spec.workload.conserved(
      state.procs,
      state.channels.flatMap((contents, c) =>
        contents.flatMap((m) =>
          m.kind === "app" ? [{ ...model.topology.channel(c), payload: m.payload }] : [],
        ),
      ),
    );
  const inA = totals(a);
  const inB = totals(b);
  const quantity = Object.keys(inB).find((q) => inA[q] !== inB[q]);
  return quantity === undefined
    ? undefined
    : `S* holds ${quantity} ${inA[quantity] ?? 0}, but the system holds ${inB[quantity]}, and every application step conserves it`;
}
