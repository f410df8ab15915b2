/**
 * overtake — aimed at the interleaving every non-FIFO snapshot bug needs: a marker delivered while
 * application messages are still in its channel, so that it may overtake one sent before it. The
 * lowest bit of each choice says whether to take such a delivery when one is enabled (so about half
 * the steps do); the other bits pick uniformly, among those deliveries or among all enabled steps.
 * Under fifo no marker can overtake, and the bias only hurries markers along.
 */
import type { GlobalState, Step } from "../../model/types.js";
import type { Schedule, Strategy } from "../schedule.js";
import { choices } from "./uniform.js";

export const overtake: Strategy = {
  name: "overtake",
  description: "like uniform, but half the steps deliver a marker past application messages when one can",
  schedule: (_model, maxSteps) => choices(maxSteps).map(overtakeSchedule),
};

/** The schedule of `values`: bit 0 of each says whether to overtake, the others which step to take. */
export function overtakeSchedule(values: readonly number[]): Schedule {
  return {
    start() {
      let k = 0;
      return (enabled, state) => {
        const choice = values[k++];
        if (choice === undefined) return undefined;
        const overtaking = enabled.flatMap((step, i) => (overtakes(step, state) ? [i] : []));
        const pick = choice >> 1;
        if (choice % 2 === 1 && overtaking.length > 0) return overtaking[pick % overtaking.length];
        return pick % enabled.length;
      };
    },
  };
}

/** Delivers a marker from a channel that also holds application messages. */
function overtakes(step: Step, state: GlobalState): boolean {
  return (
    step.kind === "deliver" &&
    step.message.kind === "marker" &&
    (state.channels[step.channel] ?? []).some((m) => m.kind === "app")
  );
}
