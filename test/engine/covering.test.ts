/**
 * A search drops a product node whose monitor states a node of the same model state met before
 * covers (Monitor.covers; reachable-cut: a start whose component reaches the other's). Checked
 * against the same properties with covering taken away — every combination then searched — on
 * workloads whose application runs one way (orders, diffusing, deadlock), where it matters, under
 * fifo and nonfifo, with a broken algorithm too: the same figures, verdicts and shortest
 * counterexamples, in fewer nodes. A finer check holds the covering rule itself to account: a
 * monitor judged once, at S_end, meets the very same violating states with covering as without, and
 * a wrong `covers` (a mutant) is caught by it.
 */
import { describe, expect, it } from "vitest";
import { properties } from "../../properties/index.js";
import { check } from "../../src/engine/check.js";
import type { Monitor, Property, SafetyProperty } from "../../src/engine/property.js";
import { search } from "../../src/engine/search.js";
import { startEndMonitor } from "../../src/engine/start-end-monitor.js";
import type { Model } from "../../src/model/model.js";
import type { GlobalState } from "../../src/model/types.js";
import { mutants } from "../mutants/chandy-lamport-mutants.js";
import { modelOf, type TestConfig } from "../support/models.js";

type MonitorOf = (model: Model, k: number) => Monitor<unknown>;

/** The property with its monitors' covering replaced by `covers` (undefined: equal states only). */
function withCovering(property: Property, covers?: Monitor<unknown>["covers"]): Property {
  if (property.kind !== "always") return property;
  const monitor: MonitorOf = (model, k) => {
    const { covers: _, ...rest } = property.monitor(model, k);
    return covers === undefined ? rest : { ...rest, covers };
  };
  return { ...property, monitor };
}

const cases: readonly { name: string; config: TestConfig; maxDepth?: number }[] = [
  { name: "orders fifo 1,1 stock 2,1", config: { workload: "orders", balances: [1, 1], stock: [2, 1] } },
  {
    name: "orders nonfifo 1,1 stock 1,1 depth 10",
    config: { workload: "orders", balances: [1, 1], stock: [1, 1], channels: "nonfifo" },
    maxDepth: 10,
  },
  { name: "deadlock fifo 1,1,1", config: { workload: "deadlock", balances: [1, 1, 1] } },
  {
    name: "diffusing nonfifo 1,1,1 depth 9",
    config: { workload: "diffusing", balances: [1, 1, 1], channels: "nonfifo" },
    maxDepth: 9,
  },
  {
    name: "mutant recordAfterMarker on orders fifo 1,1 stock 1,1",
    config: {
      workload: "orders",
      balances: [1, 1],
      stock: [1, 1],
      algorithm: mutants.recordAfterMarker,
    },
    maxDepth: 12,
  },
];

const summary = (result: ReturnType<typeof check>) => ({
  stats: { ...result.stats, seconds: 0, statesPerSecond: 0, searched: 0 },
  verdicts: result.verdicts.map((v) => [v.property.name, v.holds, v.counterexample?.steps.length]),
});

function applicableTo(model: Model): Property[] {
  return properties.filter((p) => p.unsupported?.(model) === undefined && p.appliesTo?.(model) !== false);
}

describe("covered product nodes", () => {
  it.each(cases)(
    "$name: dropping covered nodes changes no figure, verdict or shortest length",
    ({ config, maxDepth }) => {
      const model = modelOf(config);
      const limits = { maxDepth, maxStates: 200_000 };
      const covered = check(model, applicableTo(model), { limits });
      const uncovered = check(
        modelOf(config),
        applicableTo(model).map((p) => withCovering(p)),
        { limits },
      );
      expect(covered.stats.stop).not.toBe("max-states");
      expect(summary(covered)).toEqual(summary(uncovered));
      expect(covered.stats.searched).toBeLessThanOrEqual(uncovered.stats.searched);
    },
  );

  it("searches far fewer nodes where the application runs one way", () => {
    const config: TestConfig = { workload: "orders", balances: [1, 1], stock: [2, 1] };
    const model = modelOf(config);
    const covered = check(model, applicableTo(model), { limits: {} });
    const uncovered = check(
      modelOf(config),
      applicableTo(model).map((p) => withCovering(p)),
      { limits: {} },
    );
    // 1,762 nodes against 2,748.
    expect(3 * covered.stats.searched).toBeLessThan(2 * uncovered.stats.searched);
  });
});

// The reachable-cut monitor is the one that covers beyond "done": keep the test honest about it.
it("reachable-cut's monitor declares covering", () => {
  const reachableCut = properties.find((p) => p.name === "reachable-cut") as SafetyProperty;
  const model = modelOf({ workload: "orders", balances: [1, 1], stock: [1, 1] });
  reachableCut.prepare?.(model, { limits: {} });
  expect(reachableCut.monitor(model, 0).covers).toBeTypeOf("function");
});

/** Total stock of an orders state (each process's state is [cash, stock, bought…]). */
const stockOf = (state: GlobalState) => state.procs.reduce((sum, s) => sum + (s[1] as number), 0);

/**
 * A start-to-end monitor whose covering matters: "at most one item is sold between S_start and S*",
 * carrying the stock at S_start. A larger stock at the start breaks it wherever a smaller one does,
 * so `s >= w` is its covering; "any start covers any other" is a mutant of it.
 */
function stockWindow(covers?: (stronger: number, weaker: number) => boolean) {
  return (_model: Model, instance: number): Monitor<unknown> =>
    startEndMonitor<number>(instance, {
      atStart: stockOf,
      key: String,
      atEnd: (atStart, _end, recorded) =>
        stockOf(recorded) < atStart - 1 ? "more than one item sold between S_start and S*" : undefined,
      ...(covers === undefined ? {} : { covers }),
    }) as Monitor<unknown>;
}

/** Every state a violating step reaches, by key (a monitor judged at S_end is violated once per run). */
function violatingStates(config: TestConfig, maxDepth: number, monitor: (model: Model) => Monitor<unknown>) {
  const model = modelOf(config);
  const met = new Set<string>();
  const onViolation = ({ state }: { state: GlobalState }) => void met.add(model.key(state));
  const { nodes } = search(model, [monitor(model)], { limits: { maxDepth }, onViolation });
  return { met, nodes };
}

describe("the covering rule, against a mutant of it", () => {
  const ordersCases = [
    {
      name: "orders fifo 2,1 stock 2,2",
      config: { workload: "orders", balances: [2, 1], stock: [2, 2] },
      maxDepth: 14,
    },
    {
      name: "orders nonfifo 2,1 stock 2,2 depth 9",
      config: { workload: "orders", balances: [2, 1], stock: [2, 2], channels: "nonfifo" },
      maxDepth: 9,
    },
  ] as const;

  it.each(ordersCases)(
    "$name: a sound covering meets every violating state; a wrong one misses some",
    ({ config, maxDepth }) => {
      const stripped = violatingStates(config, maxDepth, (m) => stockWindow()(m, 0));
      const sound = violatingStates(config, maxDepth, (m) => stockWindow((s, w) => s >= w)(m, 0));
      const mutant = violatingStates(config, maxDepth, (m) => stockWindow(() => true)(m, 0));
      expect(stripped.met.size).toBeGreaterThan(0);
      expect(sound.nodes).toBeLessThan(stripped.nodes);
      expect([...sound.met].sort()).toEqual([...stripped.met].sort());
      expect(mutant.met.size).toBeLessThan(stripped.met.size);
    },
  );
});
