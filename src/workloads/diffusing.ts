/**
 * `diffusing` — a diffusing computation (Dijkstra & Scholten): the computation starts at its root,
 * so initially P0 is active and every other process passive. An active process may send a work
 * message `W` to a neighbour (`work(Pi→Pj)`) while its budget — the work messages it may still
 * send, from `balances`, which keeps the state space finite — is at least 1, and may turn passive
 * (`idle(Pi)`). Receiving `W` makes the receiver active; a passive process takes no step.
 *
 * State of Pi: [active (1) or passive (0), budget].
 *
 * Stable property `terminated`: every process is passive and no `W` is in flight. It is stable:
 * only an active process sends `W`, and only receiving `W` makes a process active, so with no
 * active process and no `W` in flight nothing can make one active again.
 */
import type { AppState } from "../model/types.js";
import { perProcessCounts } from "./params.js";
import type { Workload } from "./workload.js";

const WORK = "W";
const ACTIVE = 0;
const BUDGET = 1;
const ROOT = 0;

export const diffusing: Workload = {
  name: "diffusing",
  description:
    "a diffusing computation from P0: active processes send work within a budget and turn passive (stable: terminated)",
  actionNames: ["work", "idle"],
  fields: () => ["active", "budget"],
  initial(params, topology) {
    return perProcessCounts("balances", params.balances, topology.processes).map((budget, p) => [
      p === ROOT ? 1 : 0,
      budget,
    ]);
  },
  actions(state, p, topology) {
    if (at(state, ACTIVE) !== 1) return [];
    const work =
      at(state, BUDGET) < 1
        ? []
        : (topology.outgoing[p] ?? []).map((c) => ({ action: "work", to: topology.channel(c).to }));
    return [...work, { action: "idle", to: p }];
  },
  perform(state, _p, action, to) {
    if (action === "idle") return { state: [0, at(state, BUDGET)], sends: [] };
    return { state: [1, at(state, BUDGET) - 1], sends: [{ to, payload: WORK }] };
  },
  receive(state) {
    return { state: [1, at(state, BUDGET)], sends: [] };
  },
  // Nothing is conserved: work is consumed on receipt.
  conserved: () => ({}),
  stable: [
    {
      name: "terminated",
      description: "every process is passive and no work message is in flight",
      holds: (procs, inFlight) =>
        procs.every((s) => at(s, ACTIVE) === 0) && !inFlight.some((m) => m.payload === WORK),
    },
  ],
  describeState: (state) => `${at(state, ACTIVE) === 1 ? "active" : "passive"}, budget ${at(state, BUDGET)}`,
  describePayload: () => "work",
};

function at(state: AppState, field: number): number {
  return state[field] ?? 0;
}
