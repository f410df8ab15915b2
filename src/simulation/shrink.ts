/**
 * Shrinking a failing run with fast-check. Runs found by any strategy are shrunk in one canonical
 * form: the run's steps by label, each taken if it is enabled when its turn comes and skipped
 * otherwise. Labels keep their meaning when an earlier step is removed — indices among the enabled
 * steps do not, which stops fast-check's array shrinker short of the shortest run — so removing
 * one step is one shrink. A candidate must still violate the same property; safety properties
 * judge the steps alone, so the run's length is what shrinks; termination judges them with the
 * forced-fair continuation.
 */
import fc from "fast-check";
import { UsageError } from "../errors.js";
import type { Model } from "../model/model.js";
import type { Step } from "../model/types.js";
import { execute } from "./execution.js";
import type { Schedule } from "./schedule.js";
import type { RunJudge, Violation } from "./verdict.js";

export interface Shrunk {
  readonly violation: Violation;
  /** The shrunk run's steps, by label. */
  readonly labels: readonly string[];
  /** fast-check's shrink path from the canonical run (empty when nothing shorter fails). */
  readonly path: string;
}

/** The schedule that takes each step of `labels` that is enabled when its turn comes, and skips the others. */
export function readLabels(model: Model, labels: readonly string[]): Schedule {
  return {
    start() {
      let k = 0;
      return (enabled) => {
        while (k < labels.length) {
          const label = labels[k++];
          const i = enabled.findIndex((s) => model.label(s) === label);
          if (i >= 0) return i;
        }
        return undefined;
      };
    },
  };
}

/** The violation the run of `labels` shows for `judge`, if any. */
function violationOf(model: Model, judge: RunJudge, labels: readonly string[]): Violation | undefined {
  const verdict = judge.judge(execute(model, readLabels(model, labels).start(), judge.forceFair));
  return verdict.kind === "violated" ? verdict.violation : undefined;
}

/**
 * Shrinks the failing run `steps` for `judge`; with `replay` (a path this function returned)
 * it follows that path instead of searching, and ends where it led.
 */
export function shrinkRun(model: Model, judge: RunJudge, steps: readonly Step[], replay?: string): Shrunk {
  const labels = steps.map((s) => model.label(s));
  // With the continuation, fewer scheduled steps may take more in all: a candidate must be no longer.
  const longest = violationOf(model, judge, labels)?.steps.length ?? 0;
  const property = fc.property(
    fc.array(fc.constantFrom(...new Set(labels)), { maxLength: labels.length }),
    (candidate) => (violationOf(model, judge, candidate)?.steps.length ?? Number.POSITIVE_INFINITY) > longest,
  );
  const params = { examples: [[labels]] as [string[]][], numRuns: 1 };
  const details = replay === undefined ? fc.check(property, params) : replayShrink(property, params, replay);
  const shrunk = details.counterexample?.[0];
  const violation = shrunk === undefined ? undefined : violationOf(model, judge, shrunk);
  if (shrunk === undefined || violation === undefined) {
    if (replay === undefined)
      throw details.errorInstance ?? new RangeError(`the run does not violate ${judge.name}`);
    throw new UsageError(`path ${replay}: the run it leads to does not violate ${judge.name}`);
  }
  return {
    violation,
    labels: shrunk,
    path: (details.counterexamplePath ?? "0").split(":").slice(1).join(":"),
  };
}

function replayShrink(
  property: fc.IProperty<[string[]]>,
  params: fc.Parameters<[string[]]>,
  replay: string,
): fc.RunDetails<[string[]]> {
  try {
    return fc.check(property, { ...params, path: replay === "" ? "0" : `0:${replay}`, endOnFailure: true });
  } catch {
    // fast-check refuses a path that leaves the shrink tree
    throw new UsageError(`path ${replay}: no such shrink of the run; give a path snapcheck printed`);
  }
}
