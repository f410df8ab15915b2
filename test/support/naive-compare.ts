/**
 * Comparing the checker with the deliberately naive explorer (test/naive) on one configuration:
 * exact state counts, transitions, depths, complete snapshots, deadlocks, shortest counterexample
 * lengths and termination.
 */
import { expect } from "vitest";
import { laiYang } from "../../src/algorithms/lai-yang.js";
import { emptyRecord, noForward, recordAfterMarker } from "../mutants/chandy-lamport-mutants.js";
import { type NaiveConfig, type NaiveMutant, naiveExplore } from "../naive/naive-explorer.js";
import { checkAll, shortest, type TestConfig } from "./models.js";

const mutantAlgorithms = {
  "no-forward": noForward,
  "empty-record": emptyRecord,
  "record-after-marker": recordAfterMarker,
};

/** The checker's configuration for a naive one. */
export function oursOf(config: NaiveConfig): TestConfig {
  const mutant = (config.mutant ?? "none") as NaiveMutant;
  const algorithm =
    mutant !== "none" ? mutantAlgorithms[mutant] : config.algorithm === "lai-yang" ? laiYang : undefined;
  const { script } = config;
  if (script !== undefined) {
    return {
      balances: script.tokens,
      channels: config.channels,
      links: script.links,
      script: { commands: script.commands, ticks: script.ticks ?? false },
      ...(config.lossy ? { lossy: true } : {}),
      ...(config.duplicating ? { duplicating: true } : {}),
    };
  }
  return {
    workload: config.workload,
    balances: config.balances,
    channels: config.channels,
    initiators: config.initiators,
    ...(config.instances === undefined ? {} : { instances: config.instances }),
    ...(config.stock ? { stock: config.stock } : {}),
    ...(config.links ? { links: config.links } : {}),
    ...(config.lossy ? { lossy: true } : {}),
    ...(config.duplicating ? { duplicating: true } : {}),
    ...(algorithm === undefined ? {} : { algorithm }),
  };
}

export function compare(config: NaiveConfig): void {
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
