/**
 * How a simulated run picks its steps. A strategy generates schedules as fast-check values, so
 * every run has a seed and a replay path; a schedule starts a fresh chooser for each execution,
 * which is asked once per step for the index of the step to take among the enabled ones (in the
 * model's deterministic order) and ends the scheduled part of the run by answering `undefined`.
 */
import type { Arbitrary } from "fast-check";
import type { Model } from "../model/model.js";
import type { GlobalState, Step } from "../model/types.js";

/** Picks the index of the next step among `enabled` (never empty), or ends the schedule. */
export type Chooser = (enabled: readonly Step[], state: GlobalState) => number | undefined;

export interface Schedule {
  /** A fresh chooser for one execution (a chooser may keep state, such as priorities). */
  start(): Chooser;
}

export interface Strategy {
  readonly name: string;
  readonly description: string;
  /** The schedules of runs on `model` with at most `maxSteps` scheduled steps. */
  schedule(model: Model, maxSteps: number): Arbitrary<Schedule>;
}
