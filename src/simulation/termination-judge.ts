/**
 * termination along one run: the snapshot must complete once deliveries are forced fair after the
 * schedule (fair-completion.ts). A run whose snapshot completes holds. A run that ends with the
 * snapshot in progress — no step enabled at all, or nothing left to initiate or deliver — is judged
 * by the property's own check on the states explored breadth-first from where it ended (at most
 * LASSO_STATES): it finds the deadlock there, or a fair cycle of in-progress states, and the run
 * with that lasso is a counterexample `snapcheck replay` confirms. With neither within the bound
 * the run leaves termination undecided; so does a continuation that hits its limit.
 */
import type { LivenessProperty } from "../engine/property.js";
import { search } from "../engine/search.js";
import type { StateSpace } from "../engine/state-space.js";
import type { Model } from "../model/model.js";
import { someInstanceInProgress } from "../model/snapshot.js";
import type { GlobalState, Step } from "../model/types.js";
import { CONTINUATION_LIMIT } from "./execution.js";
import { HOLDS, type RunJudge } from "./verdict.js";

/** How many states the search for a deadlock or fair cycle explores from where a run ended. */
const LASSO_STATES = 500;

export function terminationJudge(property: LivenessProperty, model: Model): RunJudge {
  return {
    name: property.name,
    forceFair: true,
    judge(run) {
      const last = run.states[run.states.length - 1] as GlobalState;
      if (!someInstanceInProgress(last)) return HOLDS;
      if (run.end === "limit") {
        return {
          kind: "undecided",
          why: `the snapshot was still in progress ${CONTINUATION_LIMIT} steps after deliveries were forced fair`,
        };
      }
      const { space } = search(model, [], { limits: { maxStates: LASSO_STATES }, graph: true, root: last });
      const found = property.check(space, model);
      if (found === undefined) {
        return {
          kind: "undecided",
          why: `the snapshot was incomplete with nothing left to deliver, but no deadlock or fair cycle lies within ${LASSO_STATES} states of there`,
        };
      }
      const tail = found.path.slice(1);
      return {
        kind: "violated",
        violation: {
          instance: found.instance ?? 0,
          reason: found.reason,
          steps: [...run.steps, ...tail.map((to, i) => stepBetween(space, found.path[i] as number, to))],
          states: [...run.states, ...tail.map((id) => space.state(id))],
          loop: found.loop === undefined ? undefined : run.steps.length + found.loop,
        },
      };
    },
  };
}

function stepBetween(space: StateSpace, from: number, to: number): Step {
  const edge = [...space.edges(from)].find(([, target]) => target === to);
  if (edge === undefined) throw new RangeError(`no edge ${from}→${to} in the explored space`);
  return edge[0];
}
