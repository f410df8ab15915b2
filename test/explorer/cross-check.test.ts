/**
 * The checker against a second, deliberately naive implementation written independently from
 * semantics.md (test/naive): exact state counts, transitions, depths, verdicts and shortest
 * counterexample lengths, including for broken algorithms.
 */
import { describe, expect, it } from "vitest";
import { laiYang } from "../../src/algorithms/lai-yang.js";
import { emptyRecord, noForward, recordAfterMarker } from "../mutants/chandy-lamport-mutants.js";
import { type NaiveConfig, type NaiveMutant, naiveBank, naiveExplore } from "../naive/naive-explorer.js";
import { checkAll, shortest, type TestConfig } from "../support/models.js";

const mutantAlgorithms = {
  "no-forward": noForward,
  "empty-record": emptyRecord,
  "record-after-marker": recordAfterMarker,
};

/** The checker's configuration for a naive one. */
function oursOf(config: NaiveConfig): TestConfig {
  const mutant = (config.mutant ?? "none") as NaiveMutant;
  const algorithm =
    mutant !== "none" ? mutantAlgorithms[mutant] : config.algorithm === "lai-yang" ? laiYang : undefined;
  return {
    workload: config.workload,
    balances: config.balances,
    channels: config.channels,
    initiators: config.initiators,
    ...(config.stock ? { stock: config.stock } : {}),
    ...(config.links ? { links: config.links } : {}),
    ...(config.lossy ? { lossy: true } : {}),
    ...(config.duplicating ? { duplicating: true } : {}),
    ...(algorithm === undefined ? {} : { algorithm }),
  };
}

function compare(config: NaiveConfig): void {
  const result = checkAll(oursOf(config), { maxDepth: config.maxDepth });
  const naive = naiveExplore(config);
  expect(result.stats).toMatchObject({
    distinctStates: naive.distinctStates,
    transitions: naive.transitions,
    maxDepth: naive.maxDepth,
    completeSnapshots: naive.completeSnapshots,
    deadlocks: naive.deadlocks,
  });
  const lengths = shortest(result);
  expect({
    "consistent-cut": lengths["consistent-cut"],
    "reachable-cut": lengths["reachable-cut"] ?? null,
    conservation: lengths.conservation,
  }).toEqual(naive.shortest);
  expect(lengths.termination === null).toBe(naive.termination);
}

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
  ])("fifo: $workload $balances initiators $initiators", (config) => compare(config));

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
  ])("nonfifo within depth $maxDepth: $workload $balances", (config) => compare(config));

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
  ])("topology $links: $channels $balances", (config) => compare(config));

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
  ])("faults lossy=$lossy duplicating=$duplicating: $workload $channels $balances", (config) =>
    compare(config),
  );

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
  ])("Lai–Yang: $workload $channels $balances within depth $maxDepth", (config) => compare(config));

  it("the lecture-sized bank 1,1,0 under fifo: 45,075 states", () => {
    const config = bank([1, 1, 0]);
    compare(config);
    expect(checkAll(oursOf(config)).stats.distinctStates).toBe(45_075);
  }, 60_000);
});
