/** Asserting that a run the checker returned is a run of the model. */
import { expect } from "vitest";
import type { Model } from "../../src/model/model.js";
import type { GlobalState, Run } from "../../src/model/types.js";

/** Replays `run` from the initial state: each step is enabled and leads to the recorded state. */
export function expectReplays(model: Model, { steps, states }: Run): void {
  expect(states).toHaveLength(steps.length + 1);
  let state = model.initial;
  expect(model.key(states[0] as GlobalState)).toBe(model.key(state));
  steps.forEach((step, i) => {
    expect(model.steps(state).map((s) => model.label(s))).toContain(model.label(step));
    state = model.next(state, step).state;
    expect(model.key(state)).toBe(model.key(states[i + 1] as GlobalState));
  });
}
