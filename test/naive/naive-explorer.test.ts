/**
 * Self-tests of the naive reference explorer on configurations small enough to count by hand.
 * Notation in the comments: balances (b0,b1); c01 / c10 = channel contents (head first);
 * rec(x,y) = recorded balances of P0,P1 ("-" = not recorded); R10 = recorded messages of c(1,0).
 */
import { describe, expect, it } from "vitest";
import { type NaiveConfig, naiveBank, naiveExplore } from "./naive-explorer.js";

const bank = naiveBank;

const noViolation = {
  "consistent-cut": null,
  "reachable-cut": null,
  conservation: null,
};

describe("naive explorer: hand-counted statistics", () => {
  it("bank fifo (0,0), initiator P0: a single chain of 4 states", () => {
    // S0 initial --initiate(0)--> S1 rec(0,-), c01=[M]
    //    --deliver c(0,1) M--> S2 rec(0,0), c01 arrived, c10=[M]   (P1 records on its first marker)
    //    --deliver c(1,0) M--> S3 complete. No money, so S3 has no enabled step: one deadlock
    //    (it is not "active": the snapshot is complete, so termination still holds).
    const r = naiveExplore(bank([0, 0]));
    expect(r).toEqual({
      distinctStates: 4,
      transitions: 3,
      maxDepth: 3,
      completeSnapshots: 1,
      deadlocks: 1,
      shortest: noViolation,
      termination: true,
    });
  });

  it("bank fifo (1,0), initiator P0: 34 states, 49 transitions", () => {
    // The app-only system is a 4-cycle: A=(1,0) -send-> B=(0,0),c01=[T] -deliver-> C=(0,1)
    //   -send-> D=(0,0),c10=[T] -deliver-> A.
    // Nothing recorded: A0..D0 = 4 states, each with 2 steps (its app step, initiate) = 8.
    // P0 recorded, P1 not (M in c01) — 7 states, 11 steps:
    //   X1 rec0=1 (1,0) c01=[M]           : send, deliver M     (2)
    //   X5 rec0=1 (0,0) c01=[M,T]         : deliver M           (1)
    //   X2 rec0=0 (0,0) c01=[T,M]         : deliver T -> X3     (1)
    //   X3 rec0=0 (0,1) c01=[M]           : send -> X4, deliver M (2)
    //   X4 rec0=0 (0,0) c01=[M] c10=[T]   : deliver T (recorded), deliver M (2)
    //   X6 rec0=0 R10=[T] (1,0) c01=[M]   : send, deliver M     (2)
    //   X7 rec0=0 R10=[T] (0,0) c01=[M,T] : deliver M           (1)
    // Both recorded, M in c10 — 11 states, 18 steps:
    //   rec(1,0): (1,0)[2] (0,0)c01=[T][2] (0,1)[2] (0,0)c10=[M,T][1]
    //   rec(0,1): (0,1)[2] (0,0)c10=[M,T][1]
    //   rec(0,0),R10=[]: (0,0)c10=[T,M][1]
    //   rec(0,0),R10=[T]: (1,0)[2] (0,0)c01=[T][2] (0,1)[2] (0,0)c10=[M,T][1]
    // Complete: 3 recorded snapshots x 4 app states = 12 states, 1 step each = 12.
    // Total 4+7+11+12 = 34 states, 8+11+18+12 = 49 transitions. Deepest: the snapshot
    // rec(0,0),R10=[T] with app D, at distance 10 (A0 B0 C0 D0 X4 X6 X7 + 3 more).
    const r = naiveExplore(bank([1, 0]));
    expect(r).toEqual({
      distinctStates: 34,
      transitions: 49,
      maxDepth: 10,
      completeSnapshots: 12,
      deadlocks: 0,
      shortest: noViolation,
      termination: true,
    });
  });

  it("bank fifo (0,0) with initiators P0 and P1: concurrent initiation, 7 states", () => {
    // S0: initiate(0), initiate(1)                                      (2)
    // A = rec(0,-) c01=[M]: initiate(1) -> C, deliver c01 M -> D         (2)
    // B = rec(-,0) c10=[M]: initiate(0) -> C, deliver c10 M -> E         (2)
    // C = both recorded, c01=[M], c10=[M]: deliver c01 M -> D, deliver c10 M -> E  (2)
    // D = c01 arrived, c10=[M]: -> F (1);  E = c10 arrived, c01=[M]: -> F (1)
    // F complete, deadlock. 7 states, 10 transitions, F at distance 3.
    const r = naiveExplore(bank([0, 0], { initiators: [0, 1] }));
    expect(r).toEqual({
      distinctStates: 7,
      transitions: 10,
      maxDepth: 3,
      completeSnapshots: 1,
      deadlocks: 1,
      shortest: noViolation,
      termination: true,
    });
  });

  it("bank nonfifo (1,0), maxDepth 4: 21 states, 25 transitions, violations in 4 steps", () => {
    // BFS layers (new states per depth): d0 1; d1 2 (send, initiate); d2 4; d3 6; d4 8 = 21.
    // Expanded: d0 2 steps; d1 2+2; d2 4x2; d3 five states with 2 steps + one complete state
    // with 1 (its send) = 11. Total 2+4+8+11 = 25. Complete states within depth 4: rec(1,0)
    // with apps (1,0) and (0,0)c01=[T], and rec(0,0) with (0,0)c01=[T].
    // The last one is the 4-step counterexample: send(0->1), initiate(0) (c01 = {T, M}),
    // M overtakes T (P1 records 0, c(0,1) recorded as empty), deliver c10 M. S* holds no money
    // (conservation), the pre T still in flight was not recorded (consistent cut), and a state
    // with 0 money is unreachable from one with 1 (reachable cut).
    const r = naiveExplore(bank([1, 0], { channels: "nonfifo", maxDepth: 4 }));
    expect(r).toEqual({
      distinctStates: 21,
      transitions: 25,
      maxDepth: 4,
      completeSnapshots: 3,
      deadlocks: 0,
      shortest: { "consistent-cut": 4, "reachable-cut": 4, conservation: 4 },
      termination: true,
    });
  });

  it("orders fifo, cash (1,0), stock (0,0): 22 states, 32 transitions", () => {
    // P1 has nothing to sell and never gets cash, so the app-only system is a 3-cycle:
    // A = cash0 1 -order(0->1)-> B = c01=[order] -deliver (no stock: refund)-> C = c10=[refund]
    //   -deliver refund-> A.
    // Nothing recorded: A0 B0 C0, 2 steps each (app step or delivery, initiate) = 6.
    // P0 recorded, M in c01 — 6 states, 9 steps:
    //   rec0=1: A c01=[M] (order, deliver M) [2]; c01=[M,order] [1]
    //   rec0=0: c01=[order,M] (deliver order -> the next one) [1]; c01=[M] c10=[refund] [2];
    //   rec0=0, R10=[refund]: A c01=[M] [2]; c01=[M,order] [1]
    // P1 recorded, M in c10 — 7 states, 11 steps:
    //   rec0=1: A [2]; c01=[order] [2]; c10=[M,refund] [1]
    //   rec0=0, R10=[]: c10=[refund,M] [1]
    //   rec0=0, R10=[refund]: A [2]; c01=[order] [2]; c10=[M,refund] [1]
    // Complete: 2 recorded snapshots x 3 app states = 6 states, 1 step each.
    // Total 3+6+7+6 = 22 states, 6+9+11+6 = 32 transitions. Deepest (8): the snapshot
    // rec0=0,R10=[refund] with app C, by order, deliver order, initiate(0), deliver refund
    // (recorded), deliver c01 M, order, deliver order (refund goes behind the M in c10),
    // deliver c10 M.
    const r = naiveExplore({
      workload: "orders",
      balances: [1, 0],
      stock: [0, 0],
      channels: "fifo",
      initiators: [0],
    });
    expect(r).toEqual({
      distinctStates: 22,
      transitions: 32,
      maxDepth: 8,
      completeSnapshots: 6,
      deadlocks: 0,
      shortest: noViolation,
      termination: true,
    });
  });

  it("no-forward on (0,0): P1 records but sends no marker, an active deadlock", () => {
    // initiate(0) -> rec(0,-) c01=[M] -> deliver M: P1 records, sends nothing. c(1,0) never gets
    // its marker and no step is enabled: 3 states, 2 transitions, 1 deadlock, never complete.
    const r = naiveExplore(bank([0, 0], { mutant: "no-forward" }));
    expect(r).toEqual({
      distinctStates: 3,
      transitions: 2,
      maxDepth: 2,
      completeSnapshots: 0,
      deadlocks: 1,
      shortest: noViolation,
      termination: false,
    });
  });
});

describe("naive explorer: topologies (links)", () => {
  it("2 processes with links [[0,1],[1,0]] (in any order) equal the complete topology", () => {
    // With two processes the complete topology is exactly these two channels, and channels are
    // ordered by (from, to) whatever order the links are listed in: the same model.
    const configs: NaiveConfig[] = [
      bank([0, 0]),
      bank([1, 0]),
      bank([1, 1], { initiators: [0, 1] }),
      bank([1, 0], { channels: "nonfifo", maxDepth: 6 }),
      bank([1, 1], { mutant: "empty-record" }),
      { workload: "orders", balances: [1, 0], stock: [0, 0], channels: "fifo", initiators: [0] },
    ];
    for (const cfg of configs) {
      const complete = naiveExplore(cfg);
      expect(
        naiveExplore({
          ...cfg,
          links: [
            [0, 1],
            [1, 0],
          ],
        }),
      ).toEqual(complete);
      expect(
        naiveExplore({
          ...cfg,
          links: [
            [1, 0],
            [0, 1],
          ],
        }),
      ).toEqual(complete);
    }
  });

  it("3 processes listing all 6 links equal the complete topology", () => {
    const links: [number, number][] = [
      [2, 1],
      [0, 1],
      [1, 0],
      [2, 0],
      [0, 2],
      [1, 2],
    ];
    expect(naiveExplore(bank([1, 0, 0], { links }))).toEqual(naiveExplore(bank([1, 0, 0])));
  });

  it("one-way line [[0,1]], bank fifo (1,0): 11 states, 12 transitions", () => {
    // Only c(0,1) exists: P0 can send, P1 can never send back. App-only: A=(1,0) -send-> B=(0,0)
    // c01=[T] -deliver-> C=(0,1), and C is stuck. P0 has no incoming channel, so initiate(0)
    // records P0 and puts M on c(0,1); P1 records on that marker, has no outgoing channel, and
    // c(0,1) is the only marker to wait for: P1 recording completes the snapshot.
    // Nothing recorded — 3 states, 5 steps: A0 (send, initiate) [2], B0 (deliver T, initiate) [2],
    //   C0 (initiate) [1].
    // P0 recorded, M in c01 — 4 states, 5 steps:
    //   X1 rec0=1 (1,0) c01=[M]   : send -> X2, deliver M -> Y1 [2]
    //   X2 rec0=1 (0,0) c01=[M,T] : deliver M -> Y2            [1]
    //   X3 rec0=0 (0,0) c01=[T,M] : deliver T -> X4            [1]
    //   X4 rec0=0 (0,1) c01=[M]   : deliver M -> Y4            [1]  (also initiate from C0)
    // Complete (R01 always empty: the marker arrives first) — 4 states, 2 steps:
    //   Y1 rec(1,0) (1,0): send -> Y2 [1];  Y2 rec(1,0) (0,0) c01=[T]: deliver -> Y3 [1];
    //   Y3 rec(1,0) (0,1): stuck [0];       Y4 rec(0,1) (0,1): stuck [0].
    // Total 3+4+4 = 11 states, 5+5+2 = 12 transitions. Deadlocks Y3, Y4 (complete, so not a
    // termination violation). Distances: A0 0; B0 X1 1; C0 X3 X2 Y1 2; X4 Y2 3; Y3 Y4 4.
    const r = naiveExplore(bank([1, 0], { links: [[0, 1]] }));
    expect(r).toEqual({
      distinctStates: 11,
      transitions: 12,
      maxDepth: 4,
      completeSnapshots: 4,
      deadlocks: 2,
      shortest: noViolation,
      termination: true,
    });
  });

  it("orders with links [[0,1]] only: no order step exists (the reply needs c(1,0))", () => {
    // The application is frozen, so only the snapshot moves: S0 -initiate(0)-> c01=[M]
    // -deliver M-> complete (P1 has no outgoing channel). 3 states, 2 transitions, the complete
    // state is a deadlock. (Bank on the same topology moves money: see the previous test.)
    const r = naiveExplore({
      workload: "orders",
      balances: [1, 1],
      stock: [1, 1],
      channels: "fifo",
      initiators: [0],
      links: [[0, 1]],
    });
    expect(r).toEqual({
      distinctStates: 3,
      transitions: 2,
      maxDepth: 2,
      completeSnapshots: 1,
      deadlocks: 1,
      shortest: noViolation,
      termination: true,
    });
  });

  it("ring [[0,1],[1,2],[2,0]], bank fifo (1,0,0): every property holds", () => {
    // Markers go round the ring, so every process records and every channel gets its marker.
    // No deadlock at all: the one unit of money is always either with a process (which can send
    // on its one outgoing channel) or in flight (deliverable).
    const r = naiveExplore(
      bank([1, 0, 0], {
        links: [
          [0, 1],
          [1, 2],
          [2, 0],
        ],
      }),
    );
    expect(r.shortest).toEqual(noViolation);
    expect(r.termination).toBe(true);
    expect(r.deadlocks).toBe(0);
    expect(r.completeSnapshots).toBeGreaterThan(0);
  });

  it("[[1,0]] with initiator P0, (0,0): P1 is never reached by a marker, termination fails", () => {
    // P0 has no outgoing channel: initiate(0) records P0 and sends nothing. P1 never records and
    // c(1,0) never gets its marker. S0 -initiate(0)-> S1, and S1 has no enabled step: an active
    // deadlock. 2 states, 1 transition, never complete.
    const r = naiveExplore(bank([0, 0], { links: [[1, 0]] }));
    expect(r).toEqual({
      distinctStates: 2,
      transitions: 1,
      maxDepth: 1,
      completeSnapshots: 0,
      deadlocks: 1,
      shortest: noViolation,
      termination: false,
    });
  });

  it("[[0,1],[1,0],[2,0]], bank (1,0,0): P2 never records, a fair cycle (no deadlock)", () => {
    // No channel leads to P2 and it has no money, so P2 only ever contributes c(2,0), which stays
    // empty: the reachable states are those of the complete 2-process (1,0) model (34 states, 49
    // transitions) with c(2,0) recording forever once P0 has recorded. None is complete, and the
    // unit keeps circulating between P0 and P1: fair cycles of in-progress states, no deadlock.
    const r = naiveExplore(
      bank([1, 0, 0], {
        links: [
          [0, 1],
          [1, 0],
          [2, 0],
        ],
      }),
    );
    expect(r).toEqual({
      distinctStates: 34,
      transitions: 49,
      maxDepth: 10,
      completeSnapshots: 0,
      deadlocks: 0,
      shortest: noViolation,
      termination: false,
    });
  });

  it("rejects bad links", () => {
    expect(() => naiveExplore(bank([0, 0], { links: [[0, 0]] }))).toThrow(/bad link/);
    expect(() => naiveExplore(bank([0, 0], { links: [[0, 2]] }))).toThrow(/bad link/);
    expect(() =>
      naiveExplore(
        bank([0, 0], {
          links: [
            [0, 1],
            [0, 1],
          ],
        }),
      ),
    ).toThrow(/duplicate link/);
  });
});

describe("naive explorer: sanity of the properties", () => {
  it.each([
    ["(1,1)", [1, 1]],
    ["(2,0)", [2, 0]],
    ["(1,0,0)", [1, 0, 0]],
  ])("fifo Chandy–Lamport on %s: no violation, terminates", (_name, balances) => {
    const r = naiveExplore(bank(balances));
    expect(r.shortest).toEqual(noViolation);
    expect(r.termination).toBe(true);
    expect(r.completeSnapshots).toBeGreaterThan(0);
  });

  it("fifo with concurrent initiators and the orders workload: no violation", () => {
    for (const cfg of [
      bank([1, 1], { initiators: [0, 1] }),
      {
        ...bank([1, 1]),
        workload: "orders",
        stock: [1, 1],
      } satisfies NaiveConfig,
    ]) {
      const r = naiveExplore(cfg);
      expect(r.shortest).toEqual(noViolation);
      expect(r.termination).toBe(true);
    }
  });

  it("nonfifo (1,1) within depth 8: consistent cut and conservation fail in 4 steps", () => {
    // Same shape as the (1,0) case: a transfer sent before P0 records is overtaken by the marker.
    const r = naiveExplore(bank([1, 1], { channels: "nonfifo", maxDepth: 8 }));
    expect(r.maxDepth).toBe(8);
    expect(r.shortest["consistent-cut"]).toBe(4);
    expect(r.shortest.conservation).toBe(4);
    expect(r.shortest["reachable-cut"]).toBe(4);
  });

  it("no-forward on (0,0,0): the snapshot never completes", () => {
    const r = naiveExplore(bank([0, 0, 0], { mutant: "no-forward" }));
    expect(r.completeSnapshots).toBe(0);
    expect(r.termination).toBe(false);
  });

  it("empty-record on fifo (1,1): conservation fails in 5 steps", () => {
    // send(1->0) (c10=[T]), initiate(0) (P0 records 1), deliver c10 T (P0 now has 2, but the
    // transfer is not recorded), deliver c01 M (P1 records 0), deliver c10 M: S* = 1+0 != 2.
    // Fewer steps are impossible: completing takes 3 snapshot steps, and losing money needs a send
    // and its delivery on a recording channel. Same run: the channel state is wrong (consistent
    // cut) and S* (total 1) is unreachable (reachable cut).
    const r = naiveExplore(bank([1, 1], { mutant: "empty-record" }));
    expect(r.shortest).toEqual({
      "consistent-cut": 5,
      "reachable-cut": 5,
      conservation: 5,
    });
    expect(r.termination).toBe(true);
  });

  it("record-after-marker on fifo (1,1), depth 12: a post transfer gets recorded, 5 steps", () => {
    // initiate(0) (rec0=1), deliver c01 M (P1 records 1), send(0->1), deliver c01 T (appended to
    // c(0,1) although its marker arrived), deliver c10 M: S* = 1+1+1 = 3 != 2.
    const r = naiveExplore(bank([1, 1], { mutant: "record-after-marker", maxDepth: 12 }));
    expect(r.shortest).toEqual({
      "consistent-cut": 5,
      "reachable-cut": 5,
      conservation: 5,
    });
  });
});
