/**
 * Comparing the checker with the deliberately naive explorer (test/naive) on one configuration:
 * exact state counts, transitions, depths, complete snapshots, deadlocks, shortest counterexample
 * lengths and termination.
 */
import { expect } from "vitest";
import { laiYang } from "../../src/algorithms/lai-yang.js";
import type { RecordedSnapshot } from "../../src/engine/recorded-snapshots.js";
import type { Model } from "../../src/model/model.js";
import { amountOf, held } from "../../src/workloads/tokens.js";
import { emptyRecord, noForward, recordAfterMarker } from "../mutants/chandy-lamport-mutants.js";
import {
  type NaiveConfig,
  type NaiveMutant,
  type NaiveSnapshot,
  naiveExplore,
} from "../naive/naive-explorer.js";
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

/** Compares, and returns the checker's result for further assertions on the same search. */
export function compare(config: NaiveConfig): ReturnType<typeof checkAll> {
  const naive = naiveExplore(config);
  // Bounded a few times above the naive size: a blown-up space fails at once instead of running on.
  const maxStates = 4 * naive.distinctStates + 100;
  const result = checkAll(oursOf(config), { maxDepth: config.maxDepth, maxStates });
  expect(result.stats.stop).not.toBe("max-states");
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
  return result;
}

/** The checker's recorded snapshots of a tokens model in the naive explorer's shape, sorted as it sorts them. */
export function naiveShaped(model: Model, snapshots: readonly RecordedSnapshot[]): NaiveSnapshot[] {
  return snapshots
    .map((s) => ({
      instance: s.instance,
      processes: s.processes.map((p) => held(p)),
      channels: s.channels.flatMap((messages, c) => {
        const { from, to } = model.topology.channel(c);
        return messages.length === 0 ? [] : [{ from, to, messages: messages.map(amountOf) }];
      }),
      violated: s.violations.map((v) => v.property).sort(),
    }))
    .sort(byInstanceThenJson);
}

/** The order both sides of a snapshot comparison are put in. */
export function byInstanceThenJson(a: { instance: number }, b: { instance: number }): number {
  return a.instance - b.instance || JSON.stringify(a).localeCompare(JSON.stringify(b));
}
