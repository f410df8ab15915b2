/** The library entry: model() takes a config file's fields with the CLI's defaults and errors; check and simulate return data. */
import { expect, it } from "vitest";
import { properties } from "../../properties/index.js";
import { buildModel, parseConfig } from "../../src/config.js";
import { ConfigError, chandyLamport, check, model, simulate } from "../../src/index.js";
import { tokenPassing } from "../workloads/token-ring.js";

const names = properties.map((p) => p.name);

it("fills in the CLI's defaults: the same model and configuration as a config file with the same fields", () => {
  const built = model({ balances: [1, 1, 0], channels: "nonfifo" });
  const parsed = parseConfig({ balances: [1, 1, 0], channels: "nonfifo" }, names);
  expect(built.config.maxDepth).toBe(12);
  expect(built.config.properties).toEqual(["consistent-cut", "reachable-cut", "conservation", "termination"]);
  expect(built.initial).toEqual(buildModel(parsed).initial);
});

it("refuses bad fields with the CLI's ConfigError, naming the field", () => {
  const error = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e;
    }
    return undefined;
  };
  const wrongLength = error(() => model({ processes: 3, balances: [1, 1] }));
  expect(wrongLength).toBeInstanceOf(ConfigError);
  expect((wrongLength as ConfigError).field).toBe("balances");
  expect((error(() => model({ workload: "nope" })) as ConfigError).field).toBe("workload");
  const oneInstance = { ...chandyLamport, name: "mine", oneInstanceOnly: true };
  expect((error(() => model({ algorithm: oneInstance, instances: 2 })) as ConfigError).field).toBe(
    "instances",
  );
});

it("checks a workload of your own given as an object, under its own name", () => {
  // Bounded far above its size: a blown-up space fails at once.
  const ring = model({ workload: tokenPassing, topology: "ring", balances: [1, 0, 0], maxStates: 10_000 });
  expect(ring.config.workload).toBe("token");
  const { verdicts } = check(ring);
  expect(verdicts.map((v) => [v.property.name, v.holds])).toEqual([
    ["consistent-cut", true],
    ["reachable-cut", true],
    ["conservation", true],
    ["termination", true],
  ]);
});

it("simulates with the results as data: the non-FIFO counterexample found and shrunk", () => {
  const result = simulate(model({ balances: [1, 1], channels: "nonfifo" }), { runs: 50 });
  expect(result.stats.runs).toBeGreaterThan(0);
  const cut = result.verdicts.find((v) => v.name === "consistent-cut");
  expect(cut?.holds).toBe(false);
  expect(cut?.counterexample?.steps.length).toBeGreaterThanOrEqual(4);
});
