/**
 * Self-tests of the naive reference explorer on configurations small enough to count by hand.
 * Notation in the comments: balances (b0,b1); c01 / c10 = channel contents (head first);
 * rec(x,y) = recorded balances of P0,P1 ("-" = not recorded); R10 = recorded messages of c(1,0).
 */
import { describe, expect, it } from "vitest";
import {
  type NaiveCommand,
  type NaiveConfig,
  naiveBank,
  naiveExplore,
  naiveScript,
} from "./naive-explorer.js";

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

describe("naive explorer: channel faults (lossy, duplicating)", () => {
  it("both flags false is exactly the model without faults", () => {
    // The hand-counted (1,0) case above, with the flags spelled out...
    expect(naiveExplore(bank([1, 0], { lossy: false, duplicating: false }))).toEqual({
      distinctStates: 34,
      transitions: 49,
      maxDepth: 10,
      completeSnapshots: 12,
      deadlocks: 0,
      shortest: noViolation,
      termination: true,
    });
    // ...and a spread of configurations (fifo, nonfifo, mutants, orders, initiators, links).
    const configs: NaiveConfig[] = [
      bank([0, 0]),
      bank([1, 1], { initiators: [0, 1] }),
      bank([1, 0], { channels: "nonfifo", maxDepth: 6 }),
      bank([1, 1], { mutant: "empty-record" }),
      bank([0, 0, 0], { mutant: "no-forward" }),
      bank([1, 0], { links: [[0, 1]] }),
      { workload: "orders", balances: [1, 0], stock: [0, 0], channels: "fifo", initiators: [0] },
    ];
    for (const cfg of configs) {
      expect(naiveExplore({ ...cfg, lossy: false, duplicating: false })).toEqual(naiveExplore(cfg));
    }
  });

  it("lossy bank fifo (0,0): 6 states, a lost marker is an active deadlock", () => {
    // S0 --initiate(0)--> S1 rec(0,-) c01=[M]                                   (1)
    // S1: deliver c01 M -> S2 rec(0,0) c10=[M]; drop c01 M -> S3 rec(0,-), empty  (2)
    // S2: deliver c10 M -> S4 complete; drop c10 M -> S5 rec(0,0), c10 never arrives (2)
    // S3, S4, S5 have no step: 3 deadlocks, S3 and S5 with the snapshot incomplete, so
    // termination fails. 6 states, 5 transitions, depth 3; S4 is the only complete state.
    expect(naiveExplore(bank([0, 0], { lossy: true }))).toEqual({
      distinctStates: 6,
      transitions: 5,
      maxDepth: 3,
      completeSnapshots: 1,
      deadlocks: 3,
      shortest: noViolation,
      termination: false,
    });
  });

  it("lossy bank fifo (1,0), maxDepth 4: 27 states, 35 transitions", () => {
    // Notation as above; "noM" = the marker of c(0,1) was dropped (P1 never records),
    // "c10 lost" = the marker of c(1,0) was dropped. App-only: A=(1,0) B=(0,0)c01=[T] C=(0,1)
    // D=(0,0)c10=[T] as in the 34-state test, plus Z=(0,0) empty (the unit was dropped).
    // d0 A0: send -> B0, initiate -> X1                                                   [2]
    // d1 B0: deliver -> C0, drop -> Z0, initiate -> X2 (rec0=0 c01=[T,M])                  [3]
    //    X1 rec0=1 (1,0) c01=[M]: send -> X5 (c01=[M,T]), deliver M -> W1 rec(1,0) c10=[M],
    //       drop M -> N1 rec0=1 (1,0) noM                                                 [3]
    // d2 C0: send -> D0, initiate -> X3 (rec0=0 (0,1) c01=[M])                             [2]
    //    Z0: initiate -> X8 (rec0=0 (0,0) c01=[M])                                         [1]
    //    X2: deliver T -> X3, drop T -> X8                                                 [2]
    //    X5: deliver M -> W2 rec(1,0) (0,0) c01=[T] c10=[M], drop M -> N2 rec0=1 c01=[T] noM [2]
    //    W1: send -> W2, deliver c10 M -> K1 complete (1,0), drop c10 M -> W1' (c10 lost)  [3]
    //    N1: send -> N2                                                                    [1]
    // d3 D0: deliver -> A0, drop -> Z0, initiate -> X4 (rec0=0 c01=[M] c10=[T])            [3]
    //    X3: send -> X4, deliver M -> W4 rec(0,1), drop M -> N3 rec0=0 (0,1) noM           [3]
    //    X8: deliver M -> W5 rec(0,0), drop M -> N4 rec0=0 (0,0) noM                       [2]
    //    W2: deliver T -> W6 (0,1), drop T -> W7 (0,0), deliver c10 M -> K2 complete
    //        c01=[T], drop c10 M -> W2' (c10 lost)                                        [4]
    //    N2: deliver T -> N5 rec0=1 (0,1), drop T -> N6 rec0=1 (0,0)                        [2]
    //    K1: send -> K2;  W1': send -> W2'                                                  [1+1]
    // d4 (not expanded): X4 W4 N3 W5 N4 W6 W7 K2 W2' N5 N6.
    // States 1+2+6+7+11 = 27; transitions 2+6+11+16 = 35; complete K1, K2; deadlocks N4 and
    // N6 (no money, no message, snapshot stuck): termination fails.
    expect(naiveExplore(bank([1, 0], { lossy: true, maxDepth: 4 }))).toEqual({
      distinctStates: 27,
      transitions: 35,
      maxDepth: 4,
      completeSnapshots: 2,
      deadlocks: 2,
      shortest: noViolation,
      termination: false,
    });
  });

  it("lossy bank fifo (1,0) is infinite: after a lost marker a channel records forever", () => {
    // Drop the marker of c(0,1): P1 never records, c(1,0) keeps recording, and each round of the
    // unit P0 -> P1 -> P0 appends one more T to its recorded state: new states at every depth.
    // The number of distinct recorded snapshots (complete states) stays finite.
    const r40 = naiveExplore(bank([1, 0], { lossy: true, maxDepth: 40 }));
    const r80 = naiveExplore(bank([1, 0], { lossy: true, maxDepth: 80 }));
    expect(r40.maxDepth).toBe(40);
    expect(r80.maxDepth).toBe(80);
    expect(r80.distinctStates).toBeGreaterThan(r40.distinctStates);
    expect(r80.completeSnapshots).toBe(r40.completeSnapshots);
  });

  it("lossy bank fifo (1,1): a lost marker breaks termination (an active deadlock at depth 6)", () => {
    // Shortest stuck run: initiate(0), drop c01 M, send(0->1), drop T, send(1->0), drop T: P0
    // recorded, P1 never will, no money and no message left. Its variant with send(0->1),
    // initiate(0) (rec0=0), drop T, drop M, send(1->0), drop T is the other deadlock at depth 6.
    // Within depth 5 neither is discovered, and no fair cycle exists while P1 waits (money
    // coming back to P0 on c(1,0) is appended to its recorded state, so no state repeats).
    const r5 = naiveExplore(bank([1, 1], { lossy: true, maxDepth: 5 }));
    expect(r5.deadlocks).toBe(0);
    expect(r5.termination).toBe(true);
    const r6 = naiveExplore(bank([1, 1], { lossy: true, maxDepth: 6 }));
    expect(r6.deadlocks).toBe(2);
    expect(r6.termination).toBe(false);
    // Losing messages does not break the safety properties under fifo for bank: a dropped
    // transfer is simply no longer in flight, in the full and in the application-only system.
    expect(naiveExplore(bank([1, 1], { lossy: true, maxDepth: 8 })).shortest).toEqual(noViolation);
  });

  it("duplicating bank fifo (0,0): 8 states, 17 transitions, duplicated markers", () => {
    // S0 --initiate--> S1 rec(0,-) c01=[M]                                                    (1)
    // S1: deliver c01 M -> S2 rec(0,0) c10=[M]; duplicate -> S3 = S2 with M still in c01       (2)
    // S2: deliver c10 M -> S4 complete; duplicate -> S5 complete, c10=[M]                      (2)
    // S3: deliver c01 M -> S2; duplicate c01 M -> S3 (self-loop: the marker already arrived);
    //     deliver c10 M -> S6 complete c01=[M]; duplicate c10 M -> S7 complete c01=c10=[M]     (4)
    // S5: deliver -> S4, duplicate -> S5;  S6: deliver -> S4, duplicate -> S6                  (2+2)
    // S7: deliver c01 -> S5, dup c01 -> S7, deliver c10 -> S6, dup c10 -> S7                   (4)
    // S4 is the only deadlock (complete). The self-loop on S3 (in progress) is not a fair cycle:
    // "deliver c(0,1) M" and "deliver c(1,0) M" stay enabled and are never taken on it.
    expect(naiveExplore(bank([0, 0], { duplicating: true }))).toEqual({
      distinctStates: 8,
      transitions: 17,
      maxDepth: 3,
      completeSnapshots: 4,
      deadlocks: 1,
      shortest: noViolation,
      termination: true,
    });
  });

  it("duplicating bank fifo (1,0), maxDepth 3: 21 states, 26 transitions", () => {
    // d0 A0 (1,0): send -> B0, initiate -> X1                                              [2]
    // d1 B0 (0,0)c01=[T]: deliver -> C0 (0,1), duplicate -> B0' (0,1)c01=[T], initiate -> X2 [3]
    //    X1 rec0=1 (1,0) c01=[M]: send -> X5 c01=[M,T], deliver M -> W1 rec(1,0) c10=[M],
    //       duplicate M -> W1d = W1 with M still in c01                                     [3]
    // d2 C0: send -> D0, initiate -> X3 rec0=0 (0,1) c01=[M]                                 [2]
    //    B0': send(1->0) -> (0,0)c01=[T]c10=[T], deliver -> (0,2), duplicate -> (0,2)c01=[T],
    //       initiate -> E4 rec0=0 (0,1) c01=[T,M]                                            [4]
    //    X2 rec0=0 (0,0) c01=[T,M]: deliver T -> X3, duplicate T -> E4                       [2]
    //    X5: deliver M -> W2 rec(1,0) (0,0) c01=[T] c10=[M], duplicate M -> X5d              [2]
    //    W1: send -> W2, deliver c10 M -> K1 complete, duplicate -> K1d complete c10=[M]     [3]
    //    W1d: send -> X5d, deliver c01 M -> W1, duplicate c01 M -> W1d, deliver c10 M -> K1c,
    //       duplicate c10 M -> K1cd                                                          [5]
    // d3 (not expanded): D0 X3 (0,0)[T][T] (0,2) (0,2)[T] E4 W2 X5d K1 K1d K1c K1cd = 12.
    // States 1+2+6+12 = 21; transitions 2+6+18 = 26; complete K1 K1d K1c K1cd; no deadlock
    // (there is always money or a message); the only cycle is W1d's self-loop (not fair).
    expect(naiveExplore(bank([1, 0], { duplicating: true, maxDepth: 3 }))).toEqual({
      distinctStates: 21,
      transitions: 26,
      maxDepth: 3,
      completeSnapshots: 4,
      deadlocks: 0,
      shortest: noViolation,
      termination: true,
    });
  });

  it("duplicating alone keeps the fifo cut consistent and conserving; with loss it does not", () => {
    // Under fifo every pre message is ahead of its channel's marker and every post message behind
    // it, and a duplicate stays where it is: no orphan receive, every pre message is received
    // (once or more) while its channel records, and none is in flight at S_end. Counting money,
    // S* = initial + duplicated receipts of pre messages, which lies between app(S_start) (only
    // the duplicates before the first initiate) and app(S_end) (all duplicates so far).
    const dup = naiveExplore(bank([1, 1], { duplicating: true, maxDepth: 8 }));
    expect(dup.shortest).toEqual(noViolation); // reachable-cut: not computed, null
    expect(dup.termination).toBe(true);
    // With loss as well, 7 steps: initiate(0) (rec0=1, S_start money 2), send(0->1) (post, behind
    // M), send(1->0) (pre), deliver c01 M (P1 records 0), duplicate c01 T (P1 has 1), drop c10 T
    // (the pre transfer is lost), deliver c10 M: S* = 1 + 0 = 1 < 2 = app(S_start) = app(S_end)
    // (P1's 1 plus the T still in c01).
    const both = naiveExplore(bank([1, 1], { lossy: true, duplicating: true, maxDepth: 8 }));
    expect(both.shortest).toEqual({ "consistent-cut": null, "reachable-cut": null, conservation: 7 });
    // Under nonfifo duplication changes nothing to the 4-step marker overtaking counterexample.
    const nonfifo = naiveExplore(bank([1, 1], { channels: "nonfifo", duplicating: true, maxDepth: 8 }));
    expect(nonfifo.shortest).toEqual({ "consistent-cut": 4, "reachable-cut": null, conservation: 4 });
  });

  it("lossy orders fifo (1,1) stock (1,1): S* unreachable, fifo loses only the head (8 steps)", () => {
    // order(0->1), order(1->0), initiate(0) (rec0: cash 0, stock 1), deliver c01 order (P1 sells:
    // c10 = [order, item]), deliver c01 M (P1 records cash 1, stock 0; c10 = [order, item, M]),
    // deliver c10 order (recorded on c(1,0); P0 sells), drop c10 item, deliver c10 M.
    // S*: P0 cash 0 stock 1, P1 cash 1 stock 0, c(1,0) = [order], and P1's item is gone. From
    // app(S_start) (c01 = [order], c10 = [order]) the item can only be lost after the order ahead
    // of it has left c(1,0): S* is not reachable. The cut is consistent (the item was never
    // received) and conserves (P1's good: 1 at S_start, 0 in S* and at S_end).
    const r = naiveExplore({
      workload: "orders",
      balances: [1, 1],
      stock: [1, 1],
      channels: "fifo",
      initiators: [0],
      lossy: true,
      maxDepth: 8,
    });
    expect(r.shortest).toEqual({ "consistent-cut": null, "reachable-cut": 8, conservation: null });
    expect(r.termination).toBe(false);
  });
});

describe("naive explorer: Lai–Yang", () => {
  // Channel contents as in the model: T/w = white transfer (sent before its sender recorded),
  // T/r = red (sent after). "closed" = the channel's recording is over (closing rule).
  const ly = { algorithm: "lai-yang" } as const;

  it("bank fifo (0,0), initiator P0: the same 4-state chain as Chandy–Lamport", () => {
    // S0 --initiate(0)--> S1 rec(0,-), c01=[M]. Closing: P0's incoming c(1,0) stays open (P1 has
    //    not recorded).
    //    --deliver c(0,1) M--> S2 rec(0,0), c10=[M]: P1 records on the marker and sends M.
    //    Closing: c(0,1) closes (both recorded, no M and no white in it); c(1,0) stays open (M).
    //    --deliver c(1,0) M--> S3: P0 has recorded, so the marker does nothing by itself; then
    //    closing closes c(1,0): complete. No money: S3 has no step, one deadlock (complete, so
    //    termination holds). S* = (0,0), nothing recorded on the channels: no violation.
    expect(naiveExplore(bank([0, 0], ly))).toEqual({
      distinctStates: 4,
      transitions: 3,
      maxDepth: 3,
      completeSnapshots: 1,
      deadlocks: 1,
      shortest: noViolation,
      termination: true,
    });
  });

  it("bank nonfifo (1,0), maxDepth 3: 13 states, 14 transitions (red receipt records first)", () => {
    // d0 A0 (1,0): initiate -> X1, send -> B0                                              [2]
    // d1 X1 rec0=1 (1,0) c01={M}: send -> X5 (c01={M,T/r}), deliver M -> W1 (P1 records 0,
    //       c10={M}; c(0,1) closes: empty)                                                 [2]
    //    B0 (0,0) c01={T/w}: deliver T/w -> C0 (0,1), initiate -> X2 rec0=0 c01={M,T/w}     [2]
    // d2 X5: deliver M -> W2 rec(1,0) (0,0) c01={T/r} (closed: a red message does not keep it
    //       open) c10={M}; deliver T/r -> R1: P1 first records 0 and sends M, then gets the
    //       unit: rec(1,0) (0,1) c01={M} c10={M}, nothing closed                             [2]
    //    W1: send -> W2 (the same state), deliver c10 M -> K1 complete rec(1,0) (1,0)        [2]
    //    C0: send(1->0) -> D0 c10={T/w}, initiate -> X3 rec0=0 (0,1) c01={M}                 [2]
    //    X2: deliver M -> Y1 rec(0,0) c01={T/w} (open: a white message) c10={M};
    //       deliver T/w -> X3 (P1 has not recorded: only the normal effect)                 [2]
    // d3 (not expanded): W2 R1 K1 D0 X3 Y1. States 1+2+4+6 = 13, transitions 2+4+8 = 14.
    // Every state has a step (no deadlock); K1's run is initiate, deliver M, deliver M: S* =
    // (1,0) with empty channels, no violation; the explored graph is acyclic.
    expect(naiveExplore(bank([1, 0], { ...ly, channels: "nonfifo", maxDepth: 3 }))).toEqual({
      distinctStates: 13,
      transitions: 14,
      maxDepth: 3,
      completeSnapshots: 1,
      deadlocks: 0,
      shortest: noViolation,
      termination: true,
    });
  });

  it("nonfifo: no safety violation and termination holds (Chandy–Lamport fails in 4 steps)", () => {
    for (const cfg of [
      bank([1, 1], { ...ly, channels: "nonfifo", maxDepth: 9 }),
      bank([1, 1, 0], { ...ly, channels: "nonfifo", maxDepth: 8 }),
    ]) {
      const r = naiveExplore(cfg);
      expect(r.shortest).toEqual(noViolation);
      expect(r.termination).toBe(true);
      expect(r.completeSnapshots).toBeGreaterThan(0);
    }
  });

  it.each([
    ["(1,1)", [1, 1]],
    ["(2,1)", [2, 1]],
    ["(1,1,0)", [1, 1, 0]],
  ])(
    "fifo Lai–Yang on %s: every property holds",
    (_name, balances) => {
      const r = naiveExplore(bank(balances, ly));
      expect(r.shortest).toEqual(noViolation);
      expect(r.termination).toBe(true);
      expect(r.completeSnapshots).toBeGreaterThan(0);
    },
    // (1,1,0) is the naive explorer's largest search here: close to a minute on busy cores.
    120_000,
  );

  it("fifo without faults: the same statistics as Chandy–Lamport", () => {
    // Under fifo a white message is always ahead of its channel's M and a red one behind it, so
    // no red message reaches an unrecorded process, a channel closes exactly when its M is
    // delivered, and the colours are determined by the rest of the state: the two state graphs
    // are isomorphic.
    const configs: NaiveConfig[] = [
      bank([1, 0]),
      bank([1, 1]),
      bank([1, 1], { initiators: [0, 1] }),
      bank([1, 0], { links: [[0, 1]] }),
      { workload: "orders", balances: [1, 1], stock: [1, 1], channels: "fifo", initiators: [0] },
    ];
    for (const cfg of configs) {
      expect(naiveExplore({ ...cfg, ...ly })).toEqual(naiveExplore(cfg));
    }
  });

  it("refuses mutants (they apply to Chandy–Lamport only)", () => {
    expect(() => naiveExplore(bank([0, 0], { ...ly, mutant: "no-forward" }))).toThrow(/chandy-lamport only/);
    expect(naiveExplore(bank([0, 0], { ...ly, mutant: "none" })).distinctStates).toBe(4);
  });
});

describe("naive explorer: several snapshot instances", () => {
  // Notation: i0 / i1 = the snapshot state of instance 0 / 1 ("P0" = only P0 recorded, "P0P1" =
  // both recorded, "c01" = the marker of that instance arrived on c(0,1), "done" = complete).
  // M = the marker of instance 0, M1 the marker of instance 1.

  it("K = 1 (explicitly, or with one instanceInitiators list) is exactly the old model", () => {
    const configs: NaiveConfig[] = [
      bank([0, 0]),
      bank([1, 0]),
      bank([1, 1], { initiators: [0, 1] }),
      bank([1, 0], { channels: "nonfifo", maxDepth: 4 }),
      bank([1, 1], { mutant: "empty-record" }),
      bank([1, 0], { lossy: true, maxDepth: 4 }),
      bank([1, 0], { algorithm: "lai-yang", channels: "nonfifo", maxDepth: 3 }),
    ];
    for (const cfg of configs) {
      const old = naiveExplore(cfg);
      expect(naiveExplore({ ...cfg, instances: 1 })).toEqual(old);
      expect(naiveExplore({ ...cfg, instanceInitiators: [cfg.initiators] })).toEqual(old);
    }
    // The hand-counted figures of the tests above, once more with instances: 1.
    expect(naiveExplore(bank([1, 0], { instances: 1 }))).toMatchObject({
      distinctStates: 34,
      transitions: 49,
    });
    expect(naiveExplore(bank([1, 0], { instances: 1, channels: "nonfifo", maxDepth: 4 }))).toMatchObject({
      distinctStates: 21,
      transitions: 25,
      completeSnapshots: 3,
    });
  });

  it("K = 2, bank fifo (0,0), initiator P0 for both: 10 states, 12 transitions", () => {
    // initiate(0,1) is enabled once someone recorded in instance 0 (and P0 not yet in 1).
    // S0 nothing:                          initiate(0,0) -> S1                               [1]
    // S1 i0 P0, c01=[M]:                   initiate(0,1) -> S2, deliver M -> S3              [2]
    // S2 i0 P0, i1 P0, c01=[M,M1]:         deliver M -> S4                                   [1]
    // S3 i0 P0P1 c01, c10=[M]:             initiate(0,1) -> S4, deliver c10 M -> S5           [2]
    // S4 i0 P0P1 c01, i1 P0, c01=[M1], c10=[M]: deliver M1 -> S6, deliver c10 M -> S7         [2]
    // S5 i0 done, empty:                   initiate(0,1) -> S7                               [1]
    // S6 i0 P0P1 c01, i1 P0P1 c01, c10=[M,M1]: deliver M -> S8                               [1]
    // S7 i0 done, i1 P0, c01=[M1]:         deliver M1 -> S8                                  [1]
    // S8 i0 done, i1 P0P1 c01, c10=[M1]:   deliver M1 -> S9                                  [1]
    // S9 both done: the only deadlock and the only state where EVERY instance is complete.
    // Depths: S0 0, S1 1, S2 S3 2, S4 S5 3, S6 S7 4, S8 5, S9 6.
    expect(naiveExplore(bank([0, 0], { instances: 2 }))).toEqual({
      distinctStates: 10,
      transitions: 12,
      maxDepth: 6,
      completeSnapshots: 1,
      deadlocks: 1,
      shortest: noViolation,
      termination: true,
    });
  });

  it("K = 2, bank nonfifo (0,0): M1 can overtake M, instance 1 completes first (13 states)", () => {
    // The 10 states above, plus (a channel is a multiset, so c01={M,M1} offers both markers):
    //   S2 also: deliver M1 -> N1 = i0 P0, i1 P0P1 c01, c01={M}, c10={M1}                   [+1]
    //   N1: deliver c01 M -> S6 (P1 records for i0, c10={M,M1}), deliver c10 M1 -> N2       [2]
    //   N2 = i0 P0, i1 done, c01={M}: deliver M -> N3                                       [1]
    //   S6 also: deliver M1 -> N3 = i0 P0P1 c01, i1 done, c10={M}                           [+1]
    //   N3: deliver M -> S9                                                                  [1]
    // 13 states, 12 + 1 + 2 + 1 + 1 + 1 = 18 transitions, S9 still at depth 6 and the only
    // state where both instances are complete. No app message: no violation.
    expect(naiveExplore(bank([0, 0], { instances: 2, channels: "nonfifo" }))).toEqual({
      distinctStates: 13,
      transitions: 18,
      maxDepth: 6,
      completeSnapshots: 1,
      deadlocks: 1,
      shortest: noViolation,
      termination: true,
    });
  });

  it("K = 2: a lost M1 after instance 0 completed still breaks termination", () => {
    // bank (0,0) lossy: initiate(0,0), deliver M, deliver c10 M (instance 0 complete),
    // initiate(0,1), drop c01 M1: instance 1 was initiated and never completes; no step is
    // enabled. With K = 1 the same losses only concern the one instance.
    const r = naiveExplore(bank([0, 0], { instances: 2, lossy: true }));
    expect(r.termination).toBe(false);
    expect(r.completeSnapshots).toBe(1); // only the run losing nothing completes both
    expect(r.shortest).toEqual(noViolation);
  });

  it("K = 2 nonfifo (1,0): the marker-overtaking violation is found in 4 steps, as for K = 1", () => {
    // send(0->1), initiate(0,0) (c01={M,T}), deliver M (P1 records 0), deliver c10 M: instance 0
    // completes with no money recorded. Instance 1 needs no completion for this to count.
    const r = naiveExplore(bank([1, 0], { instances: 2, channels: "nonfifo", maxDepth: 6 }));
    expect(r.shortest).toEqual({ "consistent-cut": 4, "reachable-cut": 4, conservation: 4 });
  });

  it("K = 2 under fifo: every instance keeps every property", () => {
    for (const cfg of [
      bank([1, 0], { instances: 2 }),
      bank([1, 1], { instanceInitiators: [[0], [1]] }),
      bank([1, 0, 0], {
        instances: 2,
        links: [
          [0, 1],
          [1, 2],
          [2, 0],
        ],
      }),
    ]) {
      const r = naiveExplore(cfg);
      expect(r.shortest).toEqual(noViolation);
      expect(r.termination).toBe(true);
      expect(r.completeSnapshots).toBeGreaterThan(0);
    }
  });

  it("refuses lai-yang and mutants with several instances, and bad initiator lists", () => {
    expect(() => naiveExplore(bank([0, 0], { instances: 2, algorithm: "lai-yang" }))).toThrow(
      /chandy-lamport only/,
    );
    expect(() => naiveExplore(bank([0, 0], { instances: 2, mutant: "no-forward" }))).toThrow(
      /chandy-lamport only/,
    );
    expect(() => naiveExplore(bank([0, 0], { instances: 2, instanceInitiators: [[0]] }))).toThrow(
      /one list per instance/,
    );
    expect(() => naiveExplore(bank([0, 0], { instances: 0 }))).toThrow(/instances/);
    expect(() => naiveExplore(bank([0, 0], { instanceInitiators: [[0], [2]] }))).toThrow(/bad initiator/);
  });
});

describe("naive explorer: scripted token scenarios", () => {
  // Notation: t = (tokens of P0, tokens of P1); c01 / c10 channel contents ("1" = a message of
  // amount 1); pc = script position; rec(x,y) = recorded tokens; R01 = record of c(0,1).
  const both: [number, number][] = [
    [0, 1],
    [1, 0],
  ];
  const send = (from: number, to: number, amount: number): NaiveCommand => ({
    kind: "send",
    from,
    to,
    amount,
  });
  const snapshot = (process: number): NaiveCommand => ({ kind: "snapshot", process });
  const tick: NaiveCommand = { kind: "tick" };

  it("fifo: send 0 1 1, snapshot 1 on (1,0): two recorded snapshots, both consistent", () => {
    // S0 t(1,0) pc0: only the send (channels empty)                                         [1]
    // S1 t(0,0) c01=[1] pc1: snapshot 1 -> S3, deliver 1 -> S2                               [2]
    // S2 t(0,1) pc1: snapshot 1 -> S4 (P1 records 1, c10=[M])                                [1]
    // S3 t(0,0) rec(-,0) c01=[1] c10=[M] pc2: deliver 1 -> S5 (appended: c(0,1) records, as P1
    //    recorded and its marker has not arrived), deliver c10 M -> S6 (P0 records 0, c01=[1,M]) [2]
    // S4: deliver c10 M -> S8 (P0 records 0, c01=[M])                                        [1]
    // S5 t(0,1) R01=[1] c10=[M]: deliver c10 M -> S7 (P0 records 0, c01=[M])                  [1]
    // S6 t(0,0) rec(0,0) c01=[1,M]: deliver 1 -> S7 (the same state: R01=[1], t(0,1))         [1]
    // S7: deliver M -> S9 complete, S* = rec(0,0) + R01=[1];  S8: deliver M -> S10 complete,
    //    S* = rec(0,1), nothing on channels                                                  [1+1]
    // 11 states, 11 transitions, S9 and S10 are the deadlocks (script over, channels empty);
    // depths S0 0, S1 1, S2 S3 2, S4 S5 S6 3, S7 S8 4, S9 S10 5. Instance 0 can thus record the
    // unit in flight (S9) or at P1 (S10), never lose or double it.
    const r = naiveExplore(
      naiveScript({ tokens: [1, 0], links: both, commands: [send(0, 1, 1), snapshot(1)] }),
    );
    expect(r).toEqual({
      distinctStates: 11,
      transitions: 11,
      maxDepth: 5,
      completeSnapshots: 2,
      deadlocks: 2,
      shortest: noViolation,
      termination: true,
      snapshots: [
        { instance: 0, processes: [0, 0], channels: [{ from: 0, to: 1, messages: [1] }], violated: [] },
        { instance: 0, processes: [0, 1], channels: [], violated: [] },
      ],
    });
  });

  it("nonfifo, the same script: M overtakes the unit, a third snapshot violating both", () => {
    // As above plus: S6 c01={1,M}: deliver M first -> X complete with the unit still in
    // flight (c(0,1) recorded empty), X: deliver 1 -> Y complete. 13 states, 13 transitions,
    // deadlocks S9 S10 Y. X is at depth 4 (send, snapshot 1, deliver c10 M, deliver c01 M): S*
    // = rec(0,0) holds no token (conservation) and misses the pre unit still in flight
    // (consistent cut). Sorted: "channels":[] comes before "channels":[{...}].
    const r = naiveExplore(
      naiveScript(
        { tokens: [1, 0], links: both, commands: [send(0, 1, 1), snapshot(1)] },
        { channels: "nonfifo" },
      ),
    );
    expect(r).toMatchObject({
      distinctStates: 13,
      transitions: 13,
      maxDepth: 5,
      completeSnapshots: 4,
      deadlocks: 3,
    });
    expect(r.shortest).toEqual({ "consistent-cut": 4, "reachable-cut": null, conservation: 4 });
    expect(r.snapshots).toEqual([
      { instance: 0, processes: [0, 0], channels: [], violated: ["conservation", "consistent-cut"] },
      { instance: 0, processes: [0, 0], channels: [{ from: 0, to: 1, messages: [1] }], violated: [] },
      { instance: 0, processes: [0, 1], channels: [], violated: [] },
    ]);
    expect(r.termination).toBe(true);
  });

  it("nonfifo: send 0 1 1, snapshot 0, send 0 1 1 on (2,0): 26 states, every snapshot flagged", () => {
    // P0 records 1 (it has sent one unit). P1's only incoming channel is c(0,1), so P1 records
    // on the marker with c(0,1) empty and closed, and c(1,0) carries only P1's marker: S* =
    // rec(1,x), no channel record, where x = units P1 received before M (0, 1 or 2).
    //   x=0: M overtook the pre unit: 1 token (conservation) and the pre unit is missing
    //        (consistent cut). Shortest: send, snapshot 0, deliver M, deliver c10 M = 4 steps.
    //   x=1: the state cannot tell which "1" arrived (same content). If it was the pre unit the
    //        cut is consistent and holds 2 tokens; if it was the post unit (sent after P0
    //        recorded) it is an orphan receipt: consistent-cut is flagged, conservation is not.
    //   x=2: an orphan receipt and 3 tokens: both flagged.
    // Counting: u = units delivered, phase a = M in c01, b = P1 recorded (M in c10), c = done.
    //   pc0: 1 state [1 step];  pc1: c01={1} or t(1,1) [2 + 1 steps];
    //   pc2 (one unit sent): a u=0,1; b and c (x,u) = (0,0),(0,1),(1,1): 8 states; steps (send
    //     always enabled, one delivery per distinct message): a 3+2, b 3+2+2, c 2+1+1 = 16;
    //   pc3 (two sent): a u=0,1,2; b and c x<=u<=2: 6 each: 15 states; steps a 2+2+1,
    //     b 2+2+1+2+1+1, c 1+1+0+1+0+0 = 17 (two "1"s in flight are ONE deliverable message).
    // 26 states, 37 transitions, 9 complete (phase c), 3 deadlocks (pc3, c, u=2), depth 7.
    const r = naiveExplore(
      naiveScript(
        { tokens: [2, 0], links: both, commands: [send(0, 1, 1), snapshot(0), send(0, 1, 1)] },
        { channels: "nonfifo" },
      ),
    );
    expect(r).toEqual({
      distinctStates: 26,
      transitions: 37,
      maxDepth: 7,
      completeSnapshots: 9,
      deadlocks: 3,
      shortest: { "consistent-cut": 4, "reachable-cut": null, conservation: 4 },
      termination: true,
      snapshots: [
        { instance: 0, processes: [1, 0], channels: [], violated: ["conservation", "consistent-cut"] },
        { instance: 0, processes: [1, 1], channels: [], violated: ["consistent-cut"] },
        { instance: 0, processes: [1, 2], channels: [], violated: ["conservation", "consistent-cut"] },
      ],
    });
  });

  it("two snapshot commands are two instances: snapshot 0, send 0 1 1, snapshot 1 (fifo)", () => {
    // Instance 0 (P0, before the send): P0 records 1 and M is ahead of the unit on c(0,1), so
    // P1 records 0: S*(0) = rec(1,0). Instance 1 (P1, after the send): P1 records 1 if the unit
    // arrived, else 0 and the unit is then recorded on c(0,1) (P1 recorded in 1, M1 not yet
    // there); P0 records 0 on M1. Nothing is ever lost or doubled.
    const r = naiveExplore(
      naiveScript({ tokens: [1, 0], links: both, commands: [snapshot(0), send(0, 1, 1), snapshot(1)] }),
    );
    expect(r.snapshots).toEqual([
      { instance: 0, processes: [1, 0], channels: [], violated: [] },
      { instance: 1, processes: [0, 0], channels: [{ from: 0, to: 1, messages: [1] }], violated: [] },
      { instance: 1, processes: [0, 1], channels: [], violated: [] },
    ]);
    expect(r.shortest).toEqual(noViolation);
    expect(r.termination).toBe(true);
  });

  it("the same two instances under nonfifo: each instance gets its own flags", () => {
    // Instance 0: P0 records 1 before the send; the (post) unit may overtake M and reach P1
    // before it records: S*(0) = rec(1,1), an orphan receipt and 2 tokens (both flagged); or
    // not: rec(1,0), fine. P1's records of c(0,1) are closed at once (it records on that
    // channel's marker) and c(1,0) only carries markers, so no channel is recorded in 0.
    // Instance 1: P1 records 1 (unit arrived: rec(0,1), fine) or 0; then P0 records 0 on M1
    // and the unit, pre for instance 1, is recorded on c(0,1) if it beats M1 (fine) or lost if
    // M1 overtakes it: rec(0,0) with nothing recorded, both flagged.
    // Shortest (both properties): 5 steps, either snapshot 0, send, deliver 1, deliver M,
    // deliver c10 M (instance 0) or snapshot 0, send, snapshot 1, deliver c10 M1, deliver c01 M1
    // (instance 1). In 4 steps only instance 0 can complete, with rec(1,0): no violation.
    const r = naiveExplore(
      naiveScript(
        { tokens: [1, 0], links: both, commands: [snapshot(0), send(0, 1, 1), snapshot(1)] },
        { channels: "nonfifo" },
      ),
    );
    expect(r.snapshots).toEqual([
      { instance: 0, processes: [1, 0], channels: [], violated: [] },
      { instance: 0, processes: [1, 1], channels: [], violated: ["conservation", "consistent-cut"] },
      { instance: 1, processes: [0, 0], channels: [], violated: ["conservation", "consistent-cut"] },
      { instance: 1, processes: [0, 0], channels: [{ from: 0, to: 1, messages: [1] }], violated: [] },
      { instance: 1, processes: [0, 1], channels: [], violated: [] },
    ]);
    expect(r.shortest).toEqual({ "consistent-cut": 5, "reachable-cut": null, conservation: 5 });
    expect(r.termination).toBe(true);
  });

  it("ticks: send 0 1 1, snapshot 0, tick — channels move only at the tick or at the end", () => {
    // With ticks: S0 t(1,0) pc0 -send-> S1 c01=[1] pc1 -snapshot 0-> C1 rec0=0 c01=[1,M] pc2
    // (no delivery before: the command at pc is not a tick). From C1 the channel part is a chain
    // C1 -deliver 1-> C2 t(0,1) c01=[M] -deliver M-> C3 P1 records 1, c10=[M] -deliver M-> C4
    // complete; each Ci at pc2 (tick enabled) and pc3 (end): 8 states.
    // 10 states; transitions 1 + 1 + (2+2+2+1 at pc2) + (1+1+1+0 at pc3) = 12; complete C4 at
    // pc2 and pc3; the one deadlock is C4 pc3; deepest C4 pc3 at 2 + 3 + 1 = 6.
    const commands = [send(0, 1, 1), snapshot(0), tick];
    const r = naiveExplore(naiveScript({ tokens: [1, 0], links: both, commands, ticks: true }));
    expect(r).toEqual({
      distinctStates: 10,
      transitions: 12,
      maxDepth: 6,
      completeSnapshots: 2,
      deadlocks: 1,
      shortest: noViolation,
      termination: true,
      snapshots: [{ instance: 0, processes: [0, 1], channels: [], violated: [] }],
    });
    // Without ticks the tick is removed (L = 2) and channels move at any time: S0, S1, S1' =
    // t(0,1) pc1 (delivered before the snapshot), then C1..C4 at pc2 (S1' -snapshot-> C2).
    // 7 states, 1+2+1+1+1+1+0 = 7 transitions, depth of C4 = 5.
    expect(naiveExplore(naiveScript({ tokens: [1, 0], links: both, commands }))).toEqual({
      distinctStates: 7,
      transitions: 7,
      maxDepth: 5,
      completeSnapshots: 1,
      deadlocks: 1,
      shortest: noViolation,
      termination: true,
      snapshots: [{ instance: 0, processes: [0, 1], channels: [], violated: [] }],
    });
  });

  it("ticks: a send waiting for its tokens lets the channels deliver meanwhile", () => {
    // snapshot 0, send 0 1 1, send 1 0 1 on (1,0) with ticks. S0 -snapshot-> S1 c01=[M] pc1
    // -send-> S2 c01=[M,1] pc2. P1 has no token for the last send: the script waits, so
    // deliveries run. S2 -M-> S3 (P1 records 0, c10=[M], c01=[1]); S3 -1-> S4 (P1 holds 1: the
    // send is enabled, deliveries stop) or S3 -M on c10-> S5 (complete); S4 -send-> S6 (end,
    // c10=[M,1]); S5 -1-> S7 (complete, send enabled); S6 -M-> S8 (complete, c10=[1]); S7 -send->
    // S8 as well; S8 -1-> S9 (end). 10 states, 10 transitions, depth 7, complete S5 S7 S8 S9, one
    // deadlock (S9); the one snapshot records P0 1, P1 0, nothing in flight.
    const commands = [snapshot(0), send(0, 1, 1), send(1, 0, 1)];
    expect(naiveExplore(naiveScript({ tokens: [1, 0], links: both, commands, ticks: true }))).toEqual({
      distinctStates: 10,
      transitions: 10,
      maxDepth: 7,
      completeSnapshots: 4,
      deadlocks: 1,
      shortest: noViolation,
      termination: true,
      snapshots: [{ instance: 0, processes: [1, 0], channels: [], violated: [] }],
    });
    const free = naiveExplore(naiveScript({ tokens: [1, 0], links: both, commands }));
    expect(free.termination).toBe(true);
    expect(free.snapshots).toEqual([{ instance: 0, processes: [1, 0], channels: [], violated: [] }]);
  });

  it("a script without snapshot commands: K = 0, every state vacuously complete", () => {
    // send 0 1 1 on (1,0): t(1,0) -> c01=[1] -> t(0,1). 3 states, 2 transitions.
    expect(naiveExplore(naiveScript({ tokens: [1, 0], links: both, commands: [send(0, 1, 1)] }))).toEqual({
      distinctStates: 3,
      transitions: 2,
      maxDepth: 2,
      completeSnapshots: 3,
      deadlocks: 1,
      shortest: noViolation,
      termination: true,
      snapshots: [],
    });
  });

  it("ignores workload, balances, initiators and instances; refuses bad scripts", () => {
    const script = { tokens: [1, 0], links: both, commands: [send(0, 1, 1), snapshot(1)] };
    const plain = naiveExplore(naiveScript(script));
    expect(
      naiveExplore({ ...bank([5, 5, 5], { initiators: [0, 1], instances: 3 }), workload: "orders", script }),
    ).toEqual(plain);
    expect(() => naiveExplore(naiveScript({ ...script, commands: [send(0, 2, 1)] }))).toThrow(
      /missing channel/,
    );
    expect(() =>
      naiveExplore(naiveScript({ ...script, links: [[0, 1]], commands: [send(1, 0, 1)] })),
    ).toThrow(/missing channel/);
    expect(() => naiveExplore(naiveScript({ ...script, commands: [snapshot(2)] }))).toThrow(/bad snapshot/);
    expect(() => naiveExplore(naiveScript(script, { algorithm: "lai-yang" }))).toThrow(/chandy-lamport only/);
    expect(() =>
      naiveExplore(
        naiveScript({ ...script, commands: [snapshot(0), snapshot(1)] }, { mutant: "no-forward" }),
      ),
    ).toThrow(/chandy-lamport only/);
  });
});
