/**
 * Coverage per kind of step, as TLC reports it per action: how often each kind of step — an
 * initiation, each application action, marker and message deliveries, losses, duplications,
 * script commands — was taken from the distinct states explored, and so which kinds were never
 * enabled (a rule that never ran is a model or configuration bug more often than not).
 */
import { noSnapshot } from "../algorithms/no-snapshot.js";
import type { Model } from "../model/model.js";
import { processName } from "../model/topology.js";
import type { Step } from "../model/types.js";

export interface CoverageRow {
  readonly kind: string;
  /** Transitions of this kind explored (each distinct state's enabled steps, counted once). */
  readonly taken: number;
}

/** Counts the steps a search explores, by kind. */
export class Coverage {
  private readonly kinds: string[];
  private readonly counts: number[];
  /** The kind of each of the model's steps met, by step number. */
  private readonly kindOf: number[] = [];

  constructor(private readonly model: Model) {
    this.kinds = possibleKinds(model);
    this.counts = this.kinds.map(() => 0);
  }

  /**
   * `times` transitions by `step` were explored (one, or under symmetry the orbit's); `n` is its
   * step number, if the caller has it.
   */
  count(step: Step, times = 1, n = this.model.stepNumber(step)): void {
    let k = n >= 0 ? this.kindOf[n] : undefined;
    if (k === undefined) {
      k = this.kindIndex(stepKind(step));
      if (n >= 0) this.kindOf[n] = k;
    }
    this.counts[k] = (this.counts[k] as number) + times;
  }

  private kindIndex(kind: string): number {
    let k = this.kinds.indexOf(kind);
    if (k < 0) {
      k = this.kinds.push(kind) - 1;
      this.counts.push(0);
    }
    return k;
  }

  rows(): CoverageRow[] {
    return this.kinds.map((kind, k) => ({ kind, taken: this.counts[k] ?? 0 }));
  }
}

/** The kind of a step, as coverage names it. */
export function stepKind(step: Step): string {
  switch (step.kind) {
    case "initiate":
      return `initiate(${processName(step.process)})`;
    case "script":
      return "script command";
    case "app":
      return step.action;
    default:
      return `${step.kind} ${step.message.kind === "marker" ? "marker" : "message"}`;
  }
}

/** The kinds of step the model can take at all, in the order the model enables them. */
function possibleKinds(model: Model): string[] {
  const { spec } = model;
  const deliveries = [
    "deliver",
    ...(spec.faults.lossy ? ["drop"] : []),
    ...(spec.faults.duplicating ? ["duplicate"] : []),
  ];
  return [
    ...(spec.script === undefined
      ? [...new Set(spec.initiators)].sort((a, b) => a - b).map((p) => `initiate(${processName(p)})`)
      : ["script command"]),
    ...(spec.script === undefined ? (spec.workload.actionNames ?? []) : []),
    ...deliveries.flatMap((d) =>
      spec.algorithm === noSnapshot ? [`${d} message`] : [`${d} marker`, `${d} message`],
    ),
  ];
}

/**
 * Why a verdict may be vacuous, in words: no snapshot completed within the bound (every
 * start-to-end property judged nothing), an initiator that could never initiate, no snapshot ever
 * in progress (termination had nothing to judge).
 */
export function vacuityWarnings(
  coverage: readonly CoverageRow[],
  figures: { readonly completeSnapshots: number; readonly inProgress: number },
  judged: {
    readonly safety: boolean;
    readonly termination: boolean;
    /** Under symmetry one initiator stands for those it is interchangeable with. */
    readonly symmetric?: boolean;
  },
): string[] {
  const warnings: string[] = [];
  if (judged.safety && figures.completeSnapshots === 0)
    warnings.push(
      "no snapshot completed within the bound: the safety properties judged no recorded state S*, so their verdicts are vacuous (raise the bound, or check the initiators)",
    );
  for (const row of coverage) {
    if (row.kind.startsWith("initiate(") && row.taken === 0 && judged.symmetric !== true)
      warnings.push(`${row.kind.slice("initiate(".length, -1)} is an initiator but could never initiate`);
  }
  if (judged.termination && figures.inProgress === 0)
    warnings.push("no snapshot was ever in progress: termination holds vacuously");
  return warnings;
}
