/**
 * `orders` — the lecture's iPhone/Android shop, generalised to N processes (documented in
 * the README, "The orders workload"). Pi holds cash, a stock of its own good and the goods
 * it bought from each other process. `order(i→j)` pays one dollar to Pj with an `order` message;
 * Pj answers with an `item` of its good while it has stock, and with a `refund` when it has none.
 * Goods only move forward (stock never grows), so unlike `bank` not every state with the same
 * totals is reachable: here the reachable-cut property is a real test.
 *
 * State of Pi: [cash, stock, bought from P0, …, bought from P(N-1)] (bought from itself stays 0).
 */
import type { AppState } from "../model/types.js";
import { perProcessCounts } from "./params.js";
import type { AppEffect, Workload } from "./workload.js";

const ORDER = "order";
const ITEM = "item";
const REFUND = "refund";
const CASH = 0;
const STOCK = 1;
const BOUGHT = 2;

export const orders: Workload = {
  name: "orders",
  description:
    "processes buy each other's goods: an order pays $1, the seller answers with an item or a refund",
  actionNames: ["order"],
  fields: (processes) => [
    "cash",
    "stock",
    ...Array.from({ length: processes }, (_, k) => `bought from P${k}`),
  ],
  initial(params, topology) {
    const n = topology.processes;
    const cash = perProcessCounts("balances", params.balances, n);
    const stock = perProcessCounts("stock", params.stock, n, 1);
    return cash.map((c, p) => [c, stock[p] ?? 0, ...Array.from({ length: n }, () => 0)]);
  },
  actions(state, p, topology) {
    if (at(state, CASH) < 1) return [];
    // An order needs the reply channel back from the seller.
    return (topology.outgoing[p] ?? [])
      .map((c) => topology.channel(c).to)
      .filter((to) => topology.channelIndex(to, p) !== undefined)
      .map((to) => ({ action: "order", to }));
  },
  perform(state, _p, _action, to) {
    return { state: add(state, CASH, -1), sends: [{ to, payload: ORDER }] };
  },
  receive(state, _p, from, payload): AppEffect {
    switch (payload) {
      case ORDER:
        if (at(state, STOCK) >= 1) {
          const sold = add(add(state, STOCK, -1), CASH, 1);
          return { state: sold, sends: [{ to: from, payload: ITEM }] };
        }
        return { state, sends: [{ to: from, payload: REFUND }] };
      case ITEM:
        return { state: add(state, BOUGHT + from, 1), sends: [] };
      case REFUND:
        return { state: add(state, CASH, 1), sends: [] };
      default:
        throw new RangeError(`orders: unknown payload ${payload}`);
    }
  },
  conserved(procs, inFlight) {
    const totals: Record<string, number> = { money: 0 };
    procs.forEach((s, p) => {
      totals.money = (totals.money ?? 0) + at(s, CASH);
      totals[goodsOf(p)] = (totals[goodsOf(p)] ?? 0) + at(s, STOCK);
      procs.forEach((buyer) => {
        totals[goodsOf(p)] = (totals[goodsOf(p)] ?? 0) + at(buyer, BOUGHT + p);
      });
    });
    for (const m of inFlight) {
      if (m.payload === ORDER || m.payload === REFUND) totals.money = (totals.money ?? 0) + 1;
      if (m.payload === ITEM) totals[goodsOf(m.from)] = (totals[goodsOf(m.from)] ?? 0) + 1;
    }
    return totals;
  },
  describeState(state) {
    const bought = state.slice(BOUGHT).flatMap((n, k) => (n > 0 ? [`${n} of P${k}'s goods`] : []));
    return [`$${at(state, CASH)}`, `stock ${at(state, STOCK)}`, ...bought].join(", ");
  },
  describePayload(payload) {
    if (payload === ORDER) return "order paying $1";
    if (payload === ITEM) return "one item";
    return "refund of $1";
  },
};

function goodsOf(p: number): string {
  return `goods of P${p}`;
}

function at(state: AppState, field: number): number {
  return state[field] ?? 0;
}

function add(state: AppState, field: number, delta: number): AppState {
  const next = [...state];
  next[field] = at(state, field) + delta;
  return next;
}
