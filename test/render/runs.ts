/** Runs for the rendering tests, written as the step labels a trace holds. */
import type { Model } from "../../src/model/model.js";
import { viewsOf } from "../../src/model/snapshot.js";
import type { GlobalState, Step } from "../../src/model/types.js";
import type { RunView } from "../../src/render/timeline.js";

/** Executes `labels` on `model` from its initial state (each must be enabled) into a run to draw. */
export function runOf(model: Model, labels: readonly string[], extra: Partial<RunView> = {}): RunView {
  const states: GlobalState[] = [model.initial];
  const steps: Step[] = [];
  for (const label of labels) {
    const from = states[states.length - 1] as GlobalState;
    const step = model.steps(from).find((s) => model.label(s) === label);
    if (step === undefined) throw new Error(`${label} is not enabled`);
    steps.push(step);
    states.push(model.next(from, step).state);
  }
  return { title: "a test run", steps, states: viewsOf(states, 0), ...extra };
}

/** The lecture's non-FIFO counterexample: P0's marker overtakes P1's transfer on c(1,0). */
export const OVERTAKING = ["initiate(P0)", "send(P1→P0)", "deliver(c(0,1): M)", "deliver(c(1,0): M)"];
export const OVERTAKING_REASON =
  "c(1,0) was recorded as ⟨⟩, but the messages sent before P1 recorded and received after P0 recorded are ⟨T⟩";
