/**
 * A safety property along one run, with the very monitor the exhaustive search uses. Under nonfifo
 * a delivery may match several in-flight copies, so the monitor follows every matching; branches
 * with equal keys are merged, as the search merges them, so their number stays small on long runs.
 */
import { observedStep, type SafetyProperty } from "../engine/property.js";
import type { Model } from "../model/model.js";
import type { GlobalState, ModelEvent } from "../model/types.js";
import { HOLDS, type RunJudge, violatedAt } from "./verdict.js";

export function monitorJudge(property: SafetyProperty, model: Model): RunJudge {
  const monitor = property.monitor(model, 0);
  return {
    name: property.name,
    forceFair: false,
    judge(run) {
      const initial = monitor.initial(model.initial);
      let branches = new Map([[monitor.key(initial), initial]]);
      for (const [k, step] of run.steps.entries()) {
        const observed = observedStep(
          model,
          run.states[k] as GlobalState,
          step,
          run.states[k + 1] as GlobalState,
          run.events[k] as readonly ModelEvent[],
        );
        const next = new Map<string, unknown>();
        for (const m of branches.values()) {
          for (const outcome of monitor.advance(m, observed)) {
            if (!outcome.ok) return violatedAt(run, k + 1, outcome.reason);
            next.set(monitor.key(outcome.monitor), outcome.monitor);
          }
        }
        branches = next;
      }
      return HOLDS;
    },
  };
}
