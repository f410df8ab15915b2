/**
 * The project's regression properties, written as a user writes them, with snapcheck/testing
 * (src/testing.ts) and fast-check: Chandy–Lamport is correct under FIFO, and under non-FIFO
 * channels its counterexample is found and shrinks to the shortest one exhaustive search knows.
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { consistentCut } from "../../properties/consistent-cut.js";
import { parseConfig } from "../../src/config.js";
import { check } from "../../src/engine/check.js";
import {
  assertSnapshotCorrect,
  checkRun,
  configurations,
  modelOf,
  schedules,
  simulateConfig,
} from "../../src/testing.js";

describe("under fifo, Chandy–Lamport never fails on up to 6 processes", () => {
  it("on any strongly connected topology, any initiators, any balances up to 2", () => {
    assertSnapshotCorrect(
      { configurations: configurations({ maxProcesses: 6, initiators: "any" }) },
      { numRuns: 300 },
    );
  });

  test.prop([configurations({ minProcesses: 5, maxProcesses: 6, topologies: "complete" }), schedules()], {
    numRuns: 60,
  })("on the lecture's complete topology of 5 and 6 processes", (config, choices) => {
    expect(checkRun(config, choices)).toBeUndefined();
  });
});

describe("under nonfifo, a counterexample is found and shrinks to the minimum length", () => {
  const config = parseConfig({ balances: "1,1,0", channels: "nonfifo" }, []);
  const explored = check(modelOf(config), [consistentCut], { limits: { maxDepth: 9 } });
  const minimum = explored.verdicts[0]?.counterexample?.steps.length;

  it("for at least 9 seeds in 10, the shrunk run is as short as explore's shortest (8 steps)", () => {
    expect(minimum).toBe(8);
    const lengths = Array.from({ length: 10 }, (_, i) => {
      const result = simulateConfig(config, { seed: i + 1, runs: 100, properties: [consistentCut] });
      return result.verdicts[0]?.counterexample?.steps.length;
    });
    expect(lengths.every((l) => l !== undefined && l >= 8)).toBe(true);
    expect(lengths.filter((l) => l === minimum).length).toBeGreaterThanOrEqual(9);
  });

  it("fast-check's own search and shrinking over configurations finds it too", () => {
    const details = fc.check(
      fc.property(configurations({ channels: ["nonfifo"], maxProcesses: 3 }), schedules(), (c, choices) => {
        return checkRun(c, choices, { properties: [consistentCut] }) === undefined;
      }),
      { seed: 3 },
    );
    expect(details.failed).toBe(true);
    const [shrunkConfig, choices] = details.counterexample ?? [];
    if (shrunkConfig === undefined || choices === undefined) throw new Error("no counterexample");
    expect(shrunkConfig.processes).toBe(2);
    expect(
      checkRun(shrunkConfig, choices, { properties: [consistentCut] })?.steps.length,
    ).toBeGreaterThanOrEqual(4);
  });
});
