/**
 * What judging one executed run against one property gives: it holds on the run, it is violated
 * (with the run that shows it), or the run cannot decide it; and the judge interface itself.
 */
import type { Counterexample } from "../engine/check.js";
import type { Execution } from "./execution.js";
/**
 * A run that violates a property: `states[k+1]` follows `steps[k]`; `loop` starts a lasso. Simulation
 * runs one snapshot (instance 0): several instances and scripts are explored exhaustively.
 */
export type Violation = Omit<Counterexample, "property">;

export type RunVerdict =
  | { readonly kind: "holds" }
  | { readonly kind: "violated"; readonly violation: Violation }
  | { readonly kind: "undecided"; readonly why: string };

export interface RunJudge {
  readonly name: string;
  /** The forced-fair continuation is part of what the property means on a run (termination). */
  readonly forceFair: boolean;
  judge(run: Execution): RunVerdict;
}

export const HOLDS: RunVerdict = { kind: "holds" };

/** The verdict that the run's first `length` steps violate the property. */
export function violatedAt(run: Execution, length: number, reason: string): RunVerdict {
  return {
    kind: "violated",
    violation: {
      instance: 0,
      reason,
      steps: run.steps.slice(0, length),
      states: run.states.slice(0, length + 1),
    },
  };
}
