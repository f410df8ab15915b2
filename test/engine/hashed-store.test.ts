/**
 * The fingerprint and bitstate stores of the packed search against its exact store, on every kind
 * of model: the same figures, the same safety verdicts and shortest runs (rebuilt after the search,
 * and replayed through the model), mutants caught alike; a small bit array misses states and says
 * so; liveness and the state graph are refused with a reason.
 */
import { describe, expect, it } from "vitest";
import { properties } from "../../properties/index.js";
import { type CheckResult, check } from "../../src/engine/check.js";
import type { Limits } from "../../src/engine/limits.js";
import { mutants } from "../mutants/chandy-lamport-mutants.js";
import { figuresOf, modelOf, type TestConfig } from "../support/models.js";
import { expectReplays } from "../support/replays.js";
import { runInProcess } from "../support/run-cli.js";

const safety = properties.filter((p) => p.kind === "always");
// Every search is bounded a few times above its space (bank 1,1,0 holds 45,075 states), so a
// broken model's blown-up space fails at once.
const limits: Limits = { maxStates: 150_000 };
/** The bound of a configuration's search: a few times its size. */
const SMALL = 20_000;

const configs: { name: string; config: TestConfig; maxDepth?: number; maxStates?: number }[] = [
  { name: "bank fifo 1,1,0", config: { balances: [1, 1, 0] } },
  {
    name: "bank nonfifo 1,1 (violations)",
    maxStates: SMALL,
    config: { balances: [1, 1], channels: "nonfifo" },
    maxDepth: 10,
  },
  { name: "bank fifo lossy 1,1", maxStates: SMALL, config: { balances: [1, 1], lossy: true }, maxDepth: 9 },
  {
    name: "bank nonfifo duplicating 1,0",
    maxStates: SMALL,
    config: { balances: [1, 0], channels: "nonfifo", duplicating: true },
    maxDepth: 8,
  },
  {
    name: "orders 1,1 stock 1,1",
    maxStates: SMALL,
    config: { workload: "orders", balances: [1, 1], stock: [1, 1] },
  },
  { name: "diffusing 3 processes", maxStates: SMALL, config: { workload: "diffusing", balances: [1, 0, 0] } },
  { name: "deadlock 2 processes", maxStates: SMALL, config: { workload: "deadlock", balances: [1, 1] } },
  { name: "two instances, two initiators", config: { balances: [1, 1], instances: 2, initiators: [0, 1] } },
  {
    name: "a script with ticks",
    maxStates: SMALL,
    config: {
      balances: [2, 0, 0],
      script: {
        ticks: true,
        commands: [
          { kind: "send", from: 0, to: 1, amount: 1 },
          { kind: "snapshot", process: 1 },
          { kind: "tick" },
          { kind: "send", from: 1, to: 2, amount: 1 },
          { kind: "snapshot", process: 2 },
        ],
      },
    },
  },
  ...Object.entries(mutants).map(([name, algorithm]) => ({
    name: `mutant ${name} on bank fifo 1,1`,
    config: { balances: [1, 1], algorithm },
    maxDepth: 14,
    maxStates: 50_000,
  })),
];

describe.each(configs)("hashed stores on $name", ({ config, maxDepth, maxStates }) => {
  const model = modelOf(config);
  const bounded: Limits = { maxStates: maxStates ?? limits.maxStates, maxDepth };
  const exact = check(model, safety, { limits: bounded });

  it.each(["fingerprint", "bitstate"] as const)(
    "%s: the exact store's figures, verdicts and run lengths",
    (mode) => {
      expect(exact.stats.stop).not.toBe("max-states");
      const hashed = check(model, safety, { limits: bounded, store: mode });
      expect(hashed.space).toBeUndefined();
      expect(hashed.store?.mode).toBe(mode);
      expect(figuresOf(hashed)).toEqual(figuresOf(exact));
      // The product's nodes: each one searched once, but a hashed store cannot list a model state's
      // nodes, so it drops only those its first node covers (fingerprints; a bit array keeps no
      // combination): at least the exact store's.
      expect(hashed.stats.searched).toBeGreaterThanOrEqual(exact.stats.searched);
      expect(hashed.coverage).toEqual(exact.coverage);
      const verdicts = (r: CheckResult) =>
        r.verdicts.map((v) => [v.property.name, v.holds, v.complete, v.counterexample?.steps.length]);
      expect(verdicts(hashed)).toEqual(verdicts(exact));
      for (const v of hashed.verdicts) {
        if (v.counterexample !== undefined) expectReplays(model, v.counterexample);
      }
    },
  );
});

describe("hashed stores", () => {
  const model = modelOf({ balances: [1, 1, 0] });

  it("a bit array too small for the space misses states, never invents them, and says how many it may miss", () => {
    const exact = check(model, safety, { limits });
    const small = check(model, safety, { limits, store: { mode: "bitstate", log2Bits: 12, hashes: 2 } });
    expect(small.stats.distinctStates).toBeLessThan(exact.stats.distinctStates);
    expect(small.store?.bitstate?.hashFactor).toBeLessThan(10);
    expect(small.stats.completeSnapshots).toBeLessThanOrEqual(exact.stats.completeSnapshots);
    expect(small.store?.bitstate?.expectedMissed).toBeGreaterThan(0);
  });

  it("fingerprints estimate the chance of a collision from the nodes stored and generated", () => {
    const result = check(model, safety, { limits, store: "fingerprint" });
    expect(result.store?.collisionProbability).toBeGreaterThan(0);
    expect(result.store?.collisionProbability).toBeLessThan(1e-6);
  });

  it("leave termination out, saying why, and refuse to keep the state graph", () => {
    const result = check(model, properties, { limits: { maxDepth: 4 }, store: "fingerprint" });
    const termination = result.skipped.filter((s) => s.property.kind === "eventually");
    expect(termination.map((s) => [s.property.name, s.reason])).toEqual([
      ["termination", expect.stringContaining("only the exact store keeps")],
    ]);
    expect(() => check(model, properties, { limits, store: "bitstate", graph: true })).toThrow(
      /keeps no state graph/,
    );
  });

  it("run from the command line: explore --mode fingerprint decides the safety properties, --graph is refused", async () => {
    const run = await runInProcess("explore", "--balances", "1,1", "--mode", "fingerprint", "--json");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.engine).toMatchObject({ mode: "fingerprint" });
    expect(report.stats.distinctStates).toBe(155);
    expect(report.skipped.map((s: { name: string }) => s.name)).toEqual(["termination"]);
    const graph = await runInProcess(
      "explore",
      "--balances",
      "1,1",
      "--mode",
      "bitstate",
      "--graph",
      "g.json",
    );
    expect(graph.code).toBe(2);
    expect(graph.stderr).toMatch(/--graph/);
    expect(graph.stderr).not.toMatch(/\n\s+at /);
  });
});
