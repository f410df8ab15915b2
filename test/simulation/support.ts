/** Helpers of the simulation tests: every property's judge, and a run given by step labels. */
import { properties } from "../../properties/index.js";
import type { Model } from "../../src/model/model.js";
import { type Execution, execute } from "../../src/simulation/execution.js";
import { judgeFor } from "../../src/simulation/judges.js";
import { readLabels } from "../../src/simulation/shrink.js";
import type { RunJudge } from "../../src/simulation/verdict.js";

export function judgesOf(model: Model): RunJudge[] {
  return properties.map((p) => judgeFor(p, model));
}

export function judgeNamed(model: Model, name: string): RunJudge {
  const judge = judgesOf(model).find((j) => j.name === name);
  if (judge === undefined) throw new RangeError(`no property ${name}`);
  return judge;
}

/** The run that takes exactly these steps, with the forced-fair continuation after them if asked. */
export function runOf(model: Model, labels: readonly string[], forceFair = false): Execution {
  const run = execute(model, readLabels(model, labels).start(), forceFair);
  const taken = run.steps.slice(0, labels.length).map((s) => model.label(s));
  if (taken.join() !== labels.join()) throw new RangeError(`not a run: ${labels.join(", ")}`);
  return run;
}

export function labelsOf(model: Model, run: { readonly steps: Execution["steps"] }): string[] {
  return run.steps.map((s) => model.label(s));
}
