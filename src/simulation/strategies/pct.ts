/**
 * pct — priority scheduling in the style of PCT (Burckhardt, Kothari, Musuvathi, Nagarakatte, "A
 * randomized scheduler with probabilistic guarantees of finding bugs", ASPLOS 2010), adapted to
 * message passing. The actors are the processes (their initiations and application steps) and the
 * channels (their deliveries, losses and duplications). A run draws a random priority for every actor and up to DEPTH − 1
 * change points; each step is taken by the highest-priority actor that has an enabled step, and at
 * a change point the actor that just moved drops below every other. The long stretches of one actor
 * this gives — a process spending all its money, one channel drained while the others wait — are
 * orders that uniform sampling almost never produces.
 */
import fc from "fast-check";
import type { Model } from "../../model/model.js";
import type { Step } from "../../model/types.js";
import type { Schedule, Strategy } from "../schedule.js";
import { choices } from "./uniform.js";

/** The bug depth PCT targets: DEPTH − 1 priority changes per run. */
const DEPTH = 3;

interface PctValue {
  /** A random priority per actor: processes first, then channels. */
  readonly priorities: readonly number[];
  /** The steps after which the actor that moved drops to the lowest priority. */
  readonly changes: readonly number[];
  /** Per step, which of the chosen actor's enabled steps it takes; the run ends with them. */
  readonly choices: readonly number[];
}

export const pct: Strategy = {
  name: "pct",
  description:
    "random priorities per process and channel, the highest enabled one moves, with 2 priority changes",
  schedule(model, maxSteps) {
    const actors = model.topology.processes + model.topology.channels.length;
    return fc
      .record({
        priorities: fc.array(fc.nat(), { minLength: actors, maxLength: actors }),
        changes: fc.uniqueArray(fc.nat({ max: Math.max(0, maxSteps - 1) }), { maxLength: DEPTH - 1 }),
        choices: choices(maxSteps),
      })
      .map((value) => pctSchedule(model, value));
  },
};

function pctSchedule(model: Model, value: PctValue): Schedule {
  const processes = model.topology.processes;
  const actorOf = (step: Step) =>
    step.kind === "initiate" || step.kind === "app"
      ? step.process
      : step.kind === "script"
        ? processes + model.topology.channels.length
        : processes + step.channel;
  return {
    start() {
      let k = 0;
      // Actors dropped at change points, the latest last: they rank below every other actor.
      const dropped: number[] = [];
      const rank = (actor: number) => {
        const d = dropped.indexOf(actor);
        return d < 0 ? (value.priorities[actor] ?? 0) : -1 - d;
      };
      return (enabled) => {
        const choice = value.choices[k];
        if (choice === undefined) return undefined;
        let best = actorOf(enabled[0] as Step);
        for (const step of enabled) {
          const actor = actorOf(step);
          if (rank(actor) > rank(best) || (rank(actor) === rank(best) && actor < best)) best = actor;
        }
        const own = enabled.flatMap((step, i) => (actorOf(step) === best ? [i] : []));
        if (value.changes.includes(k)) {
          if (dropped.includes(best)) dropped.splice(dropped.indexOf(best), 1);
          dropped.push(best);
        }
        k++;
        return own[choice % own.length];
      };
    },
  };
}
