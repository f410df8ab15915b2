/**
 * `deadlock` — processes that wait for replies (a wait-for graph: Pp waits for Pq). A process that
 * is not waiting may send a `request` to a neighbour Pq (`request(Pp→Pq)`, only if the reply channel
 * c(q,p) exists) while its budget — the requests it may still send, from `balances`, which keeps the
 * state space finite — is at least 1; it then waits for Pq. A process receiving a request replies at
 * once if it is not waiting, and otherwise defers it (remembers the requester). On receiving the
 * reply it waits for, it stops waiting and replies to every deferred requester. (A reply it does not
 * wait for arrives only when a faulty channel duplicated a message; it is ignored.)
 *
 * State of Pi: [waiting (1) or not (0), waits for (a process; 0 when not waiting), budget,
 * deferred request of P0 (1 or 0), …, deferred request of P(N-1)].
 *
 * Stable property `deadlocked`: a cycle P(k0) → P(k1) → … → P(k0) in the wait-for graph whose
 * processes all wait, with no reply in flight on the cycle's reply channels c(k1,k0), c(k2,k1), ….
 * Proof that it is stable: take a step from a state where it holds. (1) Every process of the cycle
 * stays waiting for the same process: a waiting process stops waiting only by receiving a reply
 * from the process it waits for, i.e. on its reply channel of the cycle, which holds none.
 * (2) No reply appears on a reply channel c(q,p) of the cycle: only Pq sends on it, and Pq sends
 * replies only when it is not waiting (at once, or to its deferred requesters when it stops
 * waiting), but Pq is on the cycle and, by (1), waits. Faults do not break this: a lost message
 * removes, and a duplicated one copies, only what is in flight. So the cycle persists forever.
 */
import type { AppState } from "../model/types.js";
import { perProcessCounts } from "./params.js";
import type { AppEffect, InFlight, Workload } from "./workload.js";

const REQUEST = "request";
const REPLY = "reply";
const WAITING = 0;
const WAITS_FOR = 1;
const BUDGET = 2;
const DEFERRED = 3;

export const deadlock: Workload = {
  name: "deadlock",
  description:
    "processes request replies from neighbours and defer requests while waiting (stable: deadlocked)",
  actionNames: ["request"],
  fields: (processes) => [
    "waiting",
    "waits for",
    "budget",
    ...Array.from({ length: processes }, (_, k) => `deferred request of P${k}`),
  ],
  initial(params, topology) {
    const n = topology.processes;
    return perProcessCounts("balances", params.balances, n).map((budget) => [
      0,
      0,
      budget,
      ...Array.from({ length: n }, () => 0),
    ]);
  },
  actions(state, p, topology) {
    if (at(state, WAITING) === 1 || at(state, BUDGET) < 1) return [];
    return (topology.outgoing[p] ?? [])
      .map((c) => topology.channel(c).to)
      .filter((to) => topology.channelIndex(to, p) !== undefined)
      .map((to) => ({ action: REQUEST, to }));
  },
  perform(state, _p, _action, to) {
    const next = [...state];
    next[WAITING] = 1;
    next[WAITS_FOR] = to;
    next[BUDGET] = at(state, BUDGET) - 1;
    return { state: next, sends: [{ to, payload: REQUEST }] };
  },
  receive(state, _p, from, payload): AppEffect {
    const waiting = at(state, WAITING) === 1;
    switch (payload) {
      case REQUEST: {
        if (!waiting) return { state, sends: [{ to: from, payload: REPLY }] };
        const next = [...state];
        next[DEFERRED + from] = 1;
        return { state: next, sends: [] };
      }
      case REPLY: {
        if (!waiting || at(state, WAITS_FOR) !== from) return { state, sends: [] };
        const deferred = state.slice(DEFERRED).flatMap((d, k) => (d === 1 ? [k] : []));
        const next = [0, 0, at(state, BUDGET), ...state.slice(DEFERRED).map(() => 0)];
        return { state: next, sends: deferred.map((to) => ({ to, payload: REPLY })) };
      }
      default:
        throw new RangeError(`deadlock: unknown payload ${payload}`);
    }
  },
  // Nothing is conserved: requests and replies are created and consumed.
  conserved: () => ({}),
  stable: [
    {
      name: "deadlocked",
      description:
        "a cycle in the wait-for graph whose processes all wait, with no reply in flight on its channels",
      holds: (procs, inFlight) => hasDeadlockedCycle(procs, inFlight),
    },
  ],
  describeState(state) {
    const deferred = state.slice(DEFERRED).flatMap((d, k) => (d === 1 ? [`P${k}`] : []));
    return [
      at(state, WAITING) === 1 ? `waits for P${at(state, WAITS_FOR)}` : "not waiting",
      `budget ${at(state, BUDGET)}`,
      ...(deferred.length > 0 ? [`deferred ${deferred.join(", ")}`] : []),
    ].join(", ");
  },
  describePayload: (payload) => payload,
};

/**
 * Pp is blocked when it waits for Pq and no reply is in flight on c(q,p). Each process waits for at
 * most one other, so following "waits for" from any blocked process either leaves the blocked
 * processes or closes a cycle of them.
 */
function hasDeadlockedCycle(procs: readonly AppState[], inFlight: readonly InFlight[]): boolean {
  const blockedOn = (p: number): number | undefined => {
    const s = procs[p];
    if (s === undefined || at(s, WAITING) !== 1) return undefined;
    const q = at(s, WAITS_FOR);
    return inFlight.some((m) => m.payload === REPLY && m.from === q && m.to === p) ? undefined : q;
  };
  return procs.some((_, start) => {
    const seen = new Set<number>();
    let p: number | undefined = start;
    while (p !== undefined && !seen.has(p)) {
      seen.add(p);
      p = blockedOn(p);
    }
    return p !== undefined;
  });
}

function at(state: AppState, field: number): number {
  return state[field] ?? 0;
}
