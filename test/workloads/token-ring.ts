/**
 * A workload of your own, as the README's "Writing a workload" describes it: processes pass one
 * token around; a process holding it may pass it to any neighbour. Conserved: exactly one token.
 */
import type { Workload } from "../../src/index.js";

export const tokenPassing: Workload = {
  name: "token",
  description: "one token passed between processes",
  fields: () => ["has token"],
  // params.balances marks who holds the token first (exactly one 1).
  initial: (params, topology) =>
    Array.from({ length: topology.processes }, (_, p) => [params.balances[p] === 1 ? 1 : 0]),
  actions: (state, p, topology) =>
    state[0] === 1
      ? (topology.outgoing[p] ?? []).map((c) => ({ action: "pass", to: topology.channel(c).to }))
      : [],
  perform: (_state, _p, _action, to) => ({ state: [0], sends: [{ to, payload: "token" }] }),
  receive: () => ({ state: [1], sends: [] }),
  conserved: (procs, inFlight) => ({
    tokens: procs.reduce((n, s) => n + (s[0] ?? 0), 0) + inFlight.filter((m) => m.payload === "token").length,
  }),
  describeState: (state) => (state[0] === 1 ? "holds the token" : "no token"),
  describePayload: () => "the token",
};
