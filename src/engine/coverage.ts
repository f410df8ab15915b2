/**
 * Coverage per kind of step, as TLC reports it per action: how often each kind of step — an
 * initiation, each application action, marker and message deliveries, losses, duplications,
 * script commands — was taken from the distinct states explored, and so which kinds were never
 * enabled (a rule that never ran is a model or configuration bug more often than not).
 */
import { noSnapshot } from "../algorithms/no-snapshot.js";
import type { Model } from "../model/model.js";
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
  private readonly kindOf = new WeakMap<Step, number>();

  constructor(model: Model) {
    this.kinds = possibleKinds(model);
    this.counts = this.kinds.map(() => 0);
  }

  /** One transition by `step` was explored. */
  count(step: Step): void {
    let k = this.kindOf.get(step);
    if (k === undefined) {
      const kind = stepKind(step);
      k = this.kinds.indexOf(kind);
      if (k < 0) {
        k = this.kinds.push(kind) - 1;
        this.counts.push(0);
      }
      this.kindOf.set(step, k);
    }
    this.counts[k] = (this.counts[k] as number) + 1;
  }

  rows(): CoverageRow[] {
    return this.kinds.map((kind, k) => ({ kind, taken: this.counts[k] ?? 0 }));
  }
}

/** The kind of a step, as coverage names it. */
export function stepKind(step: Step): string {
  switch (step.kind) {
    case "initiate":
      return "initiate";
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
    ...(spec.script === undefined ? (spec.initiators.length > 0 ? ["initiate"] : []) : ["script command"]),
    ...(spec.script === undefined ? (spec.workload.actionNames ?? []) : []),
    ...deliveries.flatMap((d) =>
      spec.algorithm === noSnapshot ? [`${d} message`] : [`${d} marker`, `${d} message`],
    ),
  ];
}
