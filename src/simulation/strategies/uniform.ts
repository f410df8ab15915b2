/**
 * uniform — every step uniformly among the enabled steps. A run is an array of choices read modulo
 * the number of enabled steps, which is also the canonical form every run is shrunk in: choice k is
 * then simply the index of step k among the enabled ones.
 */
import fc from "fast-check";
import type { Schedule, Strategy } from "../schedule.js";

/** Choices stay below 2^16: read modulo a few dozen enabled steps, the bias is under 0.1%. */
const CHOICE_BOUND = 0xffff;

/** Arrays of at most `maxSteps` choices, of any length up to it (not only fast-check's small sizes). */
export function choices(maxSteps: number): fc.Arbitrary<number[]> {
  return fc.array(fc.nat({ max: CHOICE_BOUND }), { maxLength: maxSteps, size: "max" });
}

/** The schedule whose step k is the enabled step `choices[k]` modulo their number; it ends with the choices. */
export function readModulo(choices: readonly number[]): Schedule {
  return {
    start() {
      let k = 0;
      return (enabled) => {
        const choice = choices[k++];
        return choice === undefined ? undefined : choice % enabled.length;
      };
    },
  };
}

export const uniform: Strategy = {
  name: "uniform",
  description: "each step uniformly among the enabled steps",
  schedule: (_model, maxSteps) => choices(maxSteps).map(readModulo),
};
