/**
 * Symmetry reduction on the packed engine: one state per orbit, the whole space's figures, the same
 * verdicts and shortest lengths as the unreduced search (with the exact and the fingerprint store),
 * runs that are concrete runs of the model; refused, with the reason, where processes are not
 * interchangeable, and for the properties whose monitors tell them apart.
 */
import { describe, expect, it } from "vitest";
import { conservation } from "../../properties/conservation.js";
import { properties } from "../../properties/index.js";
import { type CheckResult, check } from "../../src/engine/check.js";
import type { Limits } from "../../src/engine/limits.js";
import { Model } from "../../src/model/model.js";
import { ProcessSymmetry } from "../../src/model/symmetry.js";
import { bank } from "../../src/workloads/bank.js";
import type { Workload } from "../../src/workloads/workload.js";
import { mutants } from "../mutants/chandy-lamport-mutants.js";
import { figuresOf, modelOf, type TestConfig } from "../support/models.js";
import { expectReplays } from "../support/replays.js";
import { runInProcess } from "../support/run-cli.js";

// Every search is bounded a few times above its space, so a broken model's blown-up space fails at once.
const limits: Limits = { maxStates: 350_000 };

const configs: { name: string; config: TestConfig; maxDepth?: number; maxStates?: number; order: number }[] =
  [
    {
      name: "fifo 1,1,1 to depth 9, every initiator",
      config: { balances: [1, 1, 1], initiators: [0, 1, 2] },
      maxDepth: 9,
      order: 6,
    },
    {
      name: "fifo 1,1,1 to depth 12, initiator P0 (P1 and P2 swap)",
      config: { balances: [1, 1, 1] },
      maxDepth: 12,
      order: 2,
    },
    {
      name: "fifo 1,1,0, initiators P0 and P1",
      config: { balances: [1, 1, 0], initiators: [0, 1] },
      order: 2,
    },
    {
      name: "nonfifo 1,1 (conservation violated)",
      maxStates: 50_000,
      config: { balances: [1, 1], channels: "nonfifo", initiators: [0, 1] },
      maxDepth: 10,
      order: 2,
    },
    {
      name: "fifo lossy 1,1 (violated)",
      maxStates: 50_000,
      config: { balances: [1, 1], lossy: true, initiators: [0, 1] },
      maxDepth: 9,
      order: 2,
    },
    {
      name: "two instances on 1,1",
      maxStates: 50_000,
      config: { balances: [1, 1], instances: 2, initiators: [0, 1] },
      order: 2,
    },
    {
      name: "a ring of four, 1,0,1,0",
      maxStates: 50_000,
      config: {
        balances: [1, 0, 1, 0],
        initiators: [0, 1, 2, 3],
        links: [
          [0, 1],
          [1, 2],
          [2, 3],
          [3, 0],
        ],
      },
      order: 2,
    },
  ];

describe.each(configs)("symmetry on $name", ({ config, maxDepth, maxStates, order }) => {
  const model = modelOf(config);
  const bounded: Limits = { maxStates: maxStates ?? limits.maxStates, maxDepth };
  const whole = check(model, [conservation], { limits: bounded });

  it.each(["exact", "fingerprint"] as const)(
    "%s store: the whole space's figures and verdict, from fewer states",
    (store) => {
      expect(whole.stats.distinctStates).toBeLessThan(bounded.maxStates ?? 0);
      const reduced = check(model, [conservation], { limits: bounded, store, symmetry: true });
      expect(reduced.symmetry?.order).toBe(order);
      expect(reduced.symmetry?.orbits).toBeLessThan(whole.stats.distinctStates);
      expect(figuresOf(reduced)).toEqual(figuresOf(whole));
      const verdict = (r: CheckResult) =>
        r.verdicts.map((v) => [v.holds, v.complete, v.counterexample?.steps.length]);
      expect(verdict(reduced)).toEqual(verdict(whole));
      const run = reduced.verdicts[0]?.counterexample;
      if (run !== undefined) {
        expectReplays(model, run);
        expect(run.reason).toBe(whole.verdicts[0]?.counterexample?.reason);
      }
    },
  );
});

describe("symmetry", () => {
  it.each([
    [{ workload: "diffusing", balances: [1, 0, 0] }, "diffusing workload does not declare"],
    [{ balances: [1, 2] }, "no renaming of processes maps"],
    [
      {
        balances: [1, 1],
        script: { ticks: false, commands: [{ kind: "snapshot", process: 0 }] },
      },
      "a script names processes",
    ],
    ...Object.entries(mutants).map(([name, algorithm]) => [
      { balances: [1, 1], algorithm, initiators: [0, 1] },
      `${algorithm.name} algorithm does not declare`,
      name,
    ]),
  ] as [TestConfig, string][])("is refused with the reason on %j", (config, reason) => {
    const symmetry = ProcessSymmetry.of(modelOf(config));
    expect(symmetry).toEqual(expect.stringContaining(reason));
    expect(() => check(modelOf(config), [conservation], { limits, symmetry: true })).toThrow(reason);
  });

  it("trusts a declaration: a workload that treats P0 apart but declares its processes interchangeable gets wrong figures", () => {
    const p0Silent: Workload = {
      ...bank,
      name: "bank-p0-silent",
      actions: (state, p, topology) => (p === 0 ? [] : bank.actions(state, p, topology)),
    };
    const model = new Model({
      ...modelOf({ balances: [1, 1], initiators: [0, 1] }).spec,
      workload: p0Silent,
    });
    const whole = check(model, [conservation], { limits });
    const reduced = check(model, [conservation], { limits, symmetry: true });
    expect(figuresOf(reduced)).not.toEqual(figuresOf(whole));
  });

  it("leaves out the properties whose monitors tell processes apart, and termination, saying why", () => {
    const result = check(modelOf({ balances: [1, 1], initiators: [0, 1] }), properties, {
      limits,
      symmetry: true,
    });
    expect(result.verdicts.map((v) => v.property.name)).toEqual(["conservation"]);
    expect(result.skipped.map((s) => [s.property.name, s.reason])).toEqual([
      ["consistent-cut", expect.stringContaining("tells processes or channels apart")],
      ["reachable-cut", expect.stringContaining("tells processes or channels apart")],
      ["termination", expect.stringContaining("whole state graph")],
      ["stable-detection", expect.any(String)],
    ]);
  });

  it("from the command line: explore --reduce symmetry reports orbits; a model without symmetry exits 2 with the reason", async () => {
    const run = await runInProcess(
      "explore",
      "--balances",
      "1,1,0",
      "--initiators",
      "0,1",
      "--properties",
      "conservation",
      "--reduce",
      "symmetry",
      "--json",
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.engine).toMatchObject({ reduce: "symmetry", orbits: expect.any(Number) });
    expect(report.engine.orbits).toBeLessThan(report.stats.distinctStates);
    const refused = await runInProcess(
      "explore",
      "--workload",
      "diffusing",
      "--balances",
      "1,0,0",
      "--reduce",
      "symmetry",
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^snapcheck: --reduce: no symmetry to reduce by: the diffusing workload/);
  });
});
