/**
 * `bank` — the lecture's running example (semantics.md, "Workloads"). Pi holds a balance; a
 * transfer T of one unit from Pi to Pj is enabled while Pi's balance is at least 1. Total money is
 * constant, so the state space is finite without an artificial bound, and every distribution of the
 * same total is reachable.
 */
import type { AppState } from "../model/types.js";
import { perProcessCounts } from "./params.js";
import type { Workload } from "./workload.js";

const TRANSFER = "T";

export const bank: Workload = {
  name: "bank",
  description: "processes hold balances and send each other one-unit transfers (the lecture's example)",
  actionNames: ["send"],
  // A balance and a one-unit transfer name no process.
  symmetric: true,
  fields: () => ["balance"],
  initial(params, topology) {
    return perProcessCounts("balances", params.balances, topology.processes).map((b) => [b]);
  },
  actions(state, p, topology) {
    if (balance(state) < 1) return [];
    return topology.outgoing[p]?.map((c) => ({ action: "send", to: topology.channel(c).to })) ?? [];
  },
  perform(state, _p, _action, to) {
    return { state: [balance(state) - 1], sends: [{ to, payload: TRANSFER }] };
  },
  receive(state) {
    return { state: [balance(state) + 1], sends: [] };
  },
  conserved(procs, inFlight) {
    let money = 0;
    for (const s of procs) money += balance(s);
    for (const m of inFlight) if (m.payload === TRANSFER) money += 1;
    return { money };
  },
  describeState: (state) => `balance ${balance(state)}`,
  describePayload: () => "transfer of 1",
};

function balance(state: AppState): number {
  return state[0] ?? 0;
}
