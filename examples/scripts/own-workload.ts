/**
 * A workload defined here: one token passed around a ring. Chandy–Lamport must record exactly
 * one token (conservation) under FIFO channels.
 * Run: npx tsx examples/scripts/own-workload.ts
 */
import { check, model, type Workload } from "snapcheck";

const tokenRing: Workload = {
  name: "token-ring",
  description: "one token passed around a ring",
  fields: () => ["has token"],
  initial: (params, topology) =>
    Array.from({ length: topology.processes }, (_, p) => [params.balances[p] ?? 0]),
  actions: (state, p, topology) =>
    state[0] === 1 ? [{ action: "pass", to: (p + 1) % topology.processes }] : [],
  perform: (_state, _p, _action, to) => ({ state: [0], sends: [{ to, payload: "token" }] }),
  receive: () => ({ state: [1], sends: [] }),
  conserved: (procs, inFlight) => ({ tokens: procs.reduce((n, s) => n + (s[0] ?? 0), 0) + inFlight.length }),
  describeState: (state) => (state[0] === 1 ? "holds the token" : "no token"),
  describePayload: () => "the token",
};
const { stats, verdicts } = check(model({ workload: tokenRing, topology: "ring", balances: [1, 0, 0] }));
console.log(`${stats.distinctStates} states`);
for (const v of verdicts) console.log(`${v.property.name}: ${v.holds ? "holds" : "violated"}`);
