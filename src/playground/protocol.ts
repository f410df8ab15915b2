/**
 * What the page and its worker say to each other: plain, structured-clonable data only (the
 * model and its state space stay in the worker; a counterexample travels as its ITF trace).
 */
import type { ProgressReport } from "../engine/limits.js";
import type { StepView } from "../render/step-views.js";

/** The page asks for one exploration of a raw configuration (validated in the worker). */
export interface ExploreRequest {
  readonly kind: "explore";
  readonly config: Record<string, unknown>;
}

export interface PropertyOutcome {
  readonly name: string;
  readonly holds: boolean;
  readonly complete: boolean;
  /** The length of the shortest failing run, and the run as an ITF trace's text. */
  readonly steps?: number | undefined;
  readonly trace?: string | undefined;
}

/** The explored global-state graph, when it is small enough to draw. */
export interface GraphData {
  /** Per state, by id: its distance from the initial state, whether its snapshot is complete, what it holds. */
  readonly nodes: readonly { readonly depth: number; readonly complete: boolean; readonly view: StepView }[];
  readonly edges: readonly { readonly from: number; readonly to: number; readonly label: string }[];
  /** Per failing property, the ids of the states its counterexample passes through. */
  readonly paths: Readonly<Record<string, readonly number[]>>;
}

export interface ExploreOutcome {
  readonly search: string;
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly seconds: number;
  readonly properties: readonly PropertyOutcome[];
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
  readonly graph?: GraphData | undefined;
  /** Why there is no graph. */
  readonly graphNote?: string | undefined;
}

export type WorkerMessage =
  | { readonly kind: "progress"; readonly report: ProgressReport }
  | { readonly kind: "done"; readonly outcome: ExploreOutcome }
  /** The configuration was refused: one line naming the field and the fix. */
  | { readonly kind: "invalid"; readonly message: string };
