/**
 * The simulation engine: runs sampled with fast-check and judged against every property, then, for
 * each violated property, one failing run shrunk. Run i of seed S is fast-check's i-th value for S
 * — drawn from S's generator jumped i times, whatever came before — so a range of runs executed
 * alone (a shard) gives exactly the runs the whole simulation would. Results are data: nothing
 * here prints or writes.
 */
import fc from "fast-check";
import type { Counterexample } from "../engine/check.js";
import type { Model } from "../model/model.js";
import { type Execution, execute } from "./execution.js";
import type { Strategy } from "./schedule.js";
import { shrinkRun } from "./shrink.js";
import type { RunJudge, Violation } from "./verdict.js";

/** Runs per simulation, and scheduled steps per run, unless told otherwise. */
export const DEFAULT_RUNS = 1000;
export const DEFAULT_MAX_STEPS = 50;

export interface SimulationOptions {
  readonly model: Model;
  readonly judges: readonly RunJudge[];
  readonly strategy: Strategy;
  readonly maxSteps: number;
  readonly seed: number;
  /** The runs to execute, by index: from `first` up to, not including, `end`. */
  readonly first: number;
  readonly end: number;
  /** Follow this shrink path (as a result printed it) instead of searching for one. */
  readonly shrinkPath?: string | undefined;
}

export interface RunStats {
  readonly runs: number;
  /** Steps executed over all runs, scheduled and forced-fair. */
  readonly steps: number;
  readonly completeSnapshots: number;
  /** Runs that reached a state with no enabled step. */
  readonly deadlocks: number;
}

/** What the runs showed about one property: the run to shrink, and the runs that left it undecided. */
export interface Finding {
  readonly undecided: number;
  readonly undecidedWhy?: string | undefined;
  readonly failure?: { readonly run: number; readonly execution: Execution; readonly violation: Violation };
}

export interface SimulatedCounterexample extends Counterexample {
  /** The index of the run it was shrunk from. */
  readonly run: number;
  /** `RUN` or `RUN:SHRINK…` — the run, then fast-check's shrink path from it (see shrink.ts). */
  readonly path: string;
  readonly stepsBeforeShrinking: number;
}

export interface SimulatedVerdict {
  readonly name: string;
  readonly holds: boolean;
  /** Violated, or decided on every run (a sample, never a proof that it holds). */
  readonly complete: boolean;
  /** Runs that left a property that holds undecided (0 once it is violated). */
  readonly undecidedRuns: number;
  readonly undecidedWhy?: string | undefined;
  readonly counterexample?: SimulatedCounterexample | undefined;
}

export interface SimulationResult {
  readonly stats: RunStats & { readonly seconds: number };
  readonly verdicts: readonly SimulatedVerdict[];
}

/** Runs per window of candidates for shrinking. */
export const WINDOW = 16;

/** The end of the window that run `run` lies in. */
function windowEnd(run: number): number {
  return (Math.floor(run / WINDOW) + 1) * WINDOW;
}

/**
 * Executes the runs and judges them. A property's counterexample is shrunk from the shortest run
 * that violates it in the first window where one does; windows are WINDOW consecutive run indices,
 * aligned so that no shard splits one (shard.ts). A short failing run shrinks to the shortest
 * counterexample far more often than merely the first one (see the README's figures).
 */
export function searchRuns(options: SimulationOptions): { stats: RunStats; findings: readonly Finding[] } {
  const { model, judges } = options;
  const stats = { runs: 0, steps: 0, completeSnapshots: 0, deadlocks: 0 };
  const findings: Finding[] = judges.map(() => ({ undecided: 0 }));
  const settled = (f: Finding, run: number) => f.failure !== undefined && run >= windowEnd(f.failure.run);
  let next = options.first;
  const details = fc.check(
    fc.property(options.strategy.schedule(model, options.maxSteps), (schedule) => {
      const run = next++;
      const execution = execute(model, schedule.start(), true);
      stats.runs++;
      stats.steps += execution.steps.length;
      if (execution.end === "complete") stats.completeSnapshots++;
      if (execution.end === "deadlock") stats.deadlocks++;
      findings.forEach((finding, j) => {
        if (settled(finding, run)) return;
        const verdict = (judges[j] as RunJudge).judge(execution);
        if (verdict.kind === "violated") {
          const shortest = finding.failure?.violation.steps.length ?? Number.POSITIVE_INFINITY;
          if (verdict.violation.steps.length < shortest) {
            findings[j] = { ...finding, failure: { run, execution, violation: verdict.violation } };
          }
        } else if (verdict.kind === "undecided") {
          findings[j] = {
            ...finding,
            undecided: finding.undecided + 1,
            undecidedWhy: finding.undecidedWhy ?? verdict.why,
          };
        }
      });
      // Returning false ends fast-check's loop: every property has its counterexample.
      return !findings.every((f) => settled(f, next));
    }),
    {
      seed: options.seed,
      path: String(options.first),
      numRuns: options.end - options.first,
      endOnFailure: true,
    },
  );
  if (details.failed && !findings.every((f) => settled(f, next))) throw details.errorInstance;
  return { stats, findings };
}

/** Searches the runs, then shrinks the failing run chosen for each violated property. */
export function simulate(options: SimulationOptions): SimulationResult {
  const started = performance.now();
  const { stats, findings } = searchRuns(options);
  const verdicts = options.judges.map((judge, j): SimulatedVerdict => {
    const { undecided, undecidedWhy, failure } = findings[j] as Finding;
    const verdict = {
      name: judge.name,
      holds: true,
      complete: undecided === 0,
      undecidedRuns: undecided,
      undecidedWhy,
    };
    if (failure === undefined) return verdict;
    const { run, execution, violation } = failure;
    // A lasso goes on past the executed run: shrink the run, the judge rebuilds the rest.
    const steps = violation.steps.slice(0, execution.steps.length);
    const shrunk = shrinkRun(options.model, judge, steps, options.shrinkPath);
    return {
      name: judge.name,
      holds: false,
      complete: true,
      undecidedRuns: 0,
      counterexample: {
        property: judge.name,
        ...shrunk.violation,
        run,
        path: shrunk.path === "" ? `${run}` : `${run}:${shrunk.path}`,
        stepsBeforeShrinking: violation.steps.length,
      },
    };
  });
  return { stats: { ...stats, seconds: (performance.now() - started) / 1000 }, verdicts };
}
