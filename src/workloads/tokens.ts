/**
 * `tokens` — the token-passing system of scripted scenarios (and of Princeton COS 418's
 * Chandy–Lamport assignment): Pi holds a number of tokens; a message carries an amount n
 * (`token(n)`), and receiving it adds n. It has no free application steps: a script decides who
 * sends what, when (src/model/script.ts). Total tokens are conserved.
 */
import type { AppState } from "../model/types.js";
import { perProcessCounts } from "./params.js";
import type { Workload } from "./workload.js";

export const tokens: Workload = {
  name: "tokens",
  description: "processes hold tokens and send each other amounts, as a script says (scripted scenarios)",
  actionNames: [],
  receiptsCommute: true,
  fields: () => ["tokens"],
  initial(params, topology) {
    return perProcessCounts("balances", params.balances, topology.processes).map((n) => [n]);
  },
  actions: () => [],
  perform() {
    throw new RangeError("tokens: application steps come from the script");
  },
  receive(state, _p, _from, payload) {
    return { state: [held(state) + amountOf(payload)], sends: [] };
  },
  conserved(procs, inFlight) {
    let total = 0;
    for (const s of procs) total += held(s);
    for (const m of inFlight) total += amountOf(m.payload);
    return { tokens: total };
  },
  describeState: (state) => `${held(state)} token${held(state) === 1 ? "" : "s"}`,
  describePayload: (payload) => `token(${amountOf(payload)})`,
};

/** The tokens a process holds. */
export function held(state: AppState): number {
  return state[0] ?? 0;
}

/** The payload of a message carrying `amount` tokens, and back. */
export function tokenPayload(amount: number): string {
  return String(amount);
}

export function amountOf(payload: string): number {
  return Number(payload);
}
