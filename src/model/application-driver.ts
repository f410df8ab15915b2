/**
 * The contract of a model's driver (driver.ts): what takes every step of a model that is not a
 * channel's — which of them a state enables, what they do, what people call them — and what a
 * driver is built from.
 */
import type { SnapshotAlgorithm } from "../algorithms/algorithm.js";
import type { StateCodec, Words } from "./codec.js";
import type { StateDraft, StateReader } from "./draft.js";
import type { Topology } from "./topology.js";
import type { Step } from "./types.js";
import type { WorkloadRules } from "./workload-rules.js";

export interface ApplicationDriver {
  /** A number above every position it keeps in a state's `scriptPosition` (1: it keeps none). */
  readonly positions: number;
  /**
   * Appends to `out` the steps it enables in the state `w` (read by `reader`), in its fixed order,
   * and returns whether channels may deliver in that state.
   */
  enabled(reader: StateReader, w: Words, out: Step[]): boolean;
  /** Runs one of its own steps (any but a channel's) on the draft. */
  run(draft: StateDraft, step: Step): void;
  /** The label of a step of a kind only this driver names, if `step` is one. */
  label?(step: Step): string | undefined;
}

/** What a driver is built from: the model's parts, and how the model numbers each step it makes. */
export interface DriverParts {
  readonly codec: StateCodec;
  readonly topology: Topology;
  readonly algorithm: SnapshotAlgorithm;
  readonly rules: WorkloadRules;
  /** Numbers a step the driver made (Model.stepNumber), once, as it makes it. */
  readonly stamp: (step: Step) => void;
}
