/**
 * Replaying a trace: rebuild the model from the configuration in `#meta`, re-execute each step by
 * its label (it must be enabled), check every recorded state against the computed one, then judge
 * the property on the run again — safety by running its monitor along the run (every matching of
 * deliveries), liveness by judging the run's own state space (its lasso) with the property's code.
 */
import { buildModel, type SnapcheckConfig } from "../config.js";
import { observedStep, type Property } from "../engine/property.js";
import { spaceOfRun } from "../engine/state-space.js";
import { TraceError } from "../errors.js";
import type { Model } from "../model/model.js";
import type { GlobalState, Run, Step } from "../model/types.js";
import { NO_PLUGINS, type Plugins } from "../plugins/plugins.js";
import { encodeState, type ItfTrace } from "./itf.js";

export interface ReplayedRun extends Run {
  readonly model: Model;
}

/**
 * Re-executes the trace's steps on the model of `config` (the trace's own, validated by the
 * caller); throws a TraceError at the first step or state that does not fit.
 */
export function replaySteps(
  trace: ItfTrace,
  config: SnapcheckConfig,
  file: string,
  plugins: Plugins = NO_PLUGINS,
): ReplayedRun {
  const meta = trace["#meta"].snapcheck;
  const model = buildModel(config, plugins);
  const states: GlobalState[] = [model.initial];
  const steps: Step[] = [];
  const actions = ["init", ...meta.steps];
  checkRecorded(trace, model, model.initial, 0, actions[0] ?? "init", file);
  meta.steps.forEach((label, i) => {
    const from = states[i] as GlobalState;
    const enabled = model.steps(from);
    const step = enabled.find((s) => model.label(s) === label);
    if (step === undefined) {
      const offered = enabled.map((s) => model.label(s)).join(", ") || "none";
      throw new TraceError(`${file}: step ${i + 1} "${label}" is not enabled; enabled steps are: ${offered}`);
    }
    const to = model.next(from, step).state;
    checkRecorded(trace, model, to, i + 1, label, file);
    steps.push(step);
    states.push(to);
  });
  return { model, steps, states };
}

function checkRecorded(
  trace: ItfTrace,
  model: Model,
  state: GlobalState,
  index: number,
  action: string,
  file: string,
): void {
  const recorded = trace.states[index];
  if (recorded === undefined) return; // a hand-written scenario may leave states out
  const computed = encodeState(model, state, index, action);
  if (JSON.stringify(recorded) !== JSON.stringify(computed)) {
    throw new TraceError(
      `${file}: state ${index} differs from what the model computes after "${action}"; the trace was written by another model or edited`,
    );
  }
}

/** Why the run violates the property for snapshot `instance`, or undefined when it does not (any more). */
export function judgeRun(run: ReplayedRun, property: Property, instance = 0): string | undefined {
  const { model, steps, states } = run;
  if (property.kind === "eventually") return property.check(spaceOfRun(model, states, steps), model)?.reason;
  const monitor = property.monitor(model, instance);
  let branches: unknown[] = [monitor.initial(model.initial)];
  for (const [i, step] of steps.entries()) {
    const from = states[i] as GlobalState;
    const { state: to, events } = model.next(from, step);
    const next: unknown[] = [];
    for (const m of branches) {
      for (const outcome of monitor.advance(m, observedStep(model, from, step, to, events))) {
        if (!outcome.ok) return outcome.reason;
        next.push(outcome.monitor);
      }
    }
    branches = next;
  }
  return undefined;
}
