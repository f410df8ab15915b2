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
  /** A pasted COS 418 scenario, whose fields replace the configuration's. */
  readonly scenario?: PastedScenario | undefined;
}

/** The texts of a COS 418 topology file and events file. */
export interface PastedScenario {
  readonly topology: string;
  readonly events: string;
}

/** The simulation's settings as the form's texts; an empty one takes `snapcheck simulate`'s default. */
export interface SimulationFields {
  readonly runs?: string | undefined;
  readonly maxSteps?: string | undefined;
  readonly seed?: string | undefined;
  readonly strategy?: string | undefined;
}

/** The page asks for runs of a raw configuration sampled as `snapcheck simulate` does. */
export interface SimulateRequest {
  readonly kind: "simulate";
  readonly config: Record<string, unknown>;
  readonly simulation: SimulationFields;
}

export type CheckRequest = ExploreRequest | SimulateRequest;

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

/** What sampling runs showed: per property ✓ on every run, ✗ with the shrunk run, or undecided. */
export interface SimulateOutcome {
  readonly mode: "simulate";
  readonly search: string;
  /** The seed the runs were drawn with (a random one when none was given). */
  readonly seed: number;
  readonly runs: number;
  readonly steps: number;
  readonly seconds: number;
  readonly properties: readonly PropertyOutcome[];
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
}

export type WorkerMessage =
  | { readonly kind: "progress"; readonly report: ProgressReport }
  | { readonly kind: "done"; readonly outcome: ExploreOutcome | SimulateOutcome }
  /** The configuration was refused: one line naming the field and the fix. */
  | { readonly kind: "invalid"; readonly message: string };
