/**
 * Executing one simulated run: the schedule's steps, then (when asked) the forced-fair
 * continuation, recording every state, step and the events each step emitted. A run stops where
 * nothing more can be judged: when its snapshot completes (one snapshot per run), when no step is
 * enabled (a real deadlock, kept and judged, never dropped), or when the continuation has nothing
 * left to deliver.
 */
import type { Model } from "../model/model.js";
import { everyInstanceComplete } from "../model/snapshot.js";
import type { GlobalState, ModelEvent, Run, Step } from "../model/types.js";
import { fairCompletion } from "./fair-completion.js";
import type { Chooser } from "./schedule.js";

/**
 * How a run ended: its snapshot completed; no step was enabled; the schedule ended (no
 * continuation asked); the continuation found nothing to initiate or deliver while application
 * steps remained; or the continuation hit CONTINUATION_LIMIT.
 */
export type RunEnd = "complete" | "deadlock" | "scheduled" | "stuck" | "limit";

/** An executed run: `steps[k]` emitted `events[k]`. */
export interface Execution extends Run {
  readonly events: readonly (readonly ModelEvent[])[];
  /** How many steps the schedule chose; the rest are the continuation's. */
  readonly scheduled: number;
  readonly end: RunEnd;
}

/**
 * The continuation ends on its own for workloads whose deliveries send finitely many messages
 * (bank, orders); this bounds it for any other.
 */
export const CONTINUATION_LIMIT = 10_000;

/** Runs `chooser` from the initial state, then, if `forceFair`, the fair continuation. */
export function execute(model: Model, chooser: Chooser, forceFair: boolean): Execution {
  const states: GlobalState[] = [model.initial];
  const steps: Step[] = [];
  const events: (readonly ModelEvent[])[] = [];
  const advance = (choose: Chooser, limit: number): RunEnd | undefined => {
    for (let taken = 0; ; taken++) {
      const state = states[states.length - 1] as GlobalState;
      if (everyInstanceComplete(state)) return "complete";
      const enabled = model.steps(state);
      if (enabled.length === 0) return "deadlock";
      if (taken >= limit) return "limit";
      const choice = choose(enabled, state);
      if (choice === undefined) return undefined;
      const step = enabled[choice];
      if (step === undefined) throw new RangeError(`a chooser picked step ${choice} of ${enabled.length}`);
      const next = model.next(state, step);
      steps.push(step);
      states.push(next.state);
      events.push(next.events);
    }
  };
  const ended = advance(chooser, Number.POSITIVE_INFINITY);
  const scheduled = steps.length;
  const end = ended ?? (forceFair ? (advance(fairCompletion(), CONTINUATION_LIMIT) ?? "stuck") : "scheduled");
  return { states, steps, events, scheduled, end };
}
