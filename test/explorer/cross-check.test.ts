/**
 * The checker against a second, deliberately naive implementation written independently from
 * semantics.md (test/naive): exact state counts, transitions, depths, verdicts and shortest
 * counterexample lengths, including for broken algorithms.
 */
import { describe, expect, it } from "vitest";
import { type NaiveConfig, naiveBank } from "../naive/naive-explorer.js";
import { compare } from "../support/naive-compare.js";

const bank = naiveBank;

describe("cross-check against the naive explorer", () => {
  it.each([
    bank([0, 0]),
    bank([1, 0]),
    bank([1, 1]),
    bank([2, 0]),
    bank([2, 1]),
    bank([1, 0, 0]),
    bank([1, 1], { initiators: [0, 1] }),
    bank([1, 0, 0], { initiators: [0, 1, 2] }),
    { workload: "orders", balances: [1, 1], stock: [1, 1], channels: "fifo", initiators: [0] } as NaiveConfig,
    { workload: "orders", balances: [2, 1], stock: [1, 0], channels: "fifo", initiators: [1] } as NaiveConfig,
  ])("fifo: $workload $balances initiators $initiators", (config) => {
    compare(config);
  });

  it.each([
    bank([1, 1], { channels: "nonfifo", maxDepth: 8 }),
    bank([2, 0], { channels: "nonfifo", maxDepth: 9 }),
    bank([1, 1, 0], { channels: "nonfifo", maxDepth: 8 }),
    {
      workload: "orders",
      balances: [1, 1],
      stock: [1, 1],
      channels: "nonfifo",
      initiators: [0],
      maxDepth: 8,
    } as NaiveConfig,
  ])("nonfifo within depth $maxDepth: $workload $balances", (config) => {
    compare(config);
  });

  it.each(["no-forward", "empty-record", "record-after-marker"] as const)(
    "mutant %s on bank 1,1 and 2,1",
    (mutant) => {
      compare(bank([1, 1], { mutant, maxDepth: 10 }));
      compare(bank([2, 1], { mutant, maxDepth: 10 }));
    },
  );

  const ring: [number, number][] = [
    [0, 1],
    [1, 2],
    [2, 0],
  ];
  it.each([
    bank([1, 1, 0], { links: ring }),
    bank([1, 0, 1], {
      links: [
        [0, 1],
        [1, 0],
        [1, 2],
        [2, 1],
      ],
    }),
    bank([1, 1, 0], { links: ring, channels: "nonfifo", maxDepth: 9 }),
    bank([0, 0], { links: [[1, 0]] }),
  ])("topology $links: $channels $balances", (config) => {
    compare(config);
  });

  // Faulty channels are infinite with money in the system (a lost marker leaves a channel recording
  // forever; copies create money): bounded, except without money.
  it.each([
    bank([0, 0], { lossy: true }),
    bank([1, 1], { lossy: true, maxDepth: 8 }),
    bank([1, 1, 0], { lossy: true, maxDepth: 7 }),
    bank([1, 1], { channels: "nonfifo", lossy: true, maxDepth: 8 }),
    bank([0, 0], { duplicating: true }),
    bank([1, 1], { duplicating: true, maxDepth: 8 }),
    bank([1, 1], { lossy: true, duplicating: true, maxDepth: 8 }),
    bank([1, 0], { channels: "nonfifo", lossy: true, duplicating: true, maxDepth: 7 }),
    {
      workload: "orders",
      balances: [1, 1],
      stock: [1, 1],
      channels: "fifo",
      initiators: [0],
      lossy: true,
      maxDepth: 8,
    } as NaiveConfig,
  ])("faults lossy=$lossy duplicating=$duplicating: $workload $channels $balances", (config) => {
    compare(config);
  });

  it.each([
    bank([1, 1], { algorithm: "lai-yang" }),
    bank([2, 1], { algorithm: "lai-yang" }),
    bank([1, 1], { algorithm: "lai-yang", channels: "nonfifo", maxDepth: 10 }),
    bank([1, 1, 0], { algorithm: "lai-yang", channels: "nonfifo", maxDepth: 8 }),
    bank([1, 0], { algorithm: "lai-yang", channels: "nonfifo", duplicating: true, maxDepth: 7 }),
    {
      workload: "orders",
      balances: [1, 1],
      stock: [1, 1],
      channels: "nonfifo",
      initiators: [0],
      algorithm: "lai-yang",
      maxDepth: 8,
    } as NaiveConfig,
  ])("Lai–Yang: $workload $channels $balances within depth $maxDepth", (config) => {
    compare(config);
  });

  it("the lecture-sized bank 1,1,0 under fifo: 45,075 states", () => {
    expect(compare(bank([1, 1, 0])).stats.distinctStates).toBe(45_075);
  });
});
