/** snapcheck/testing as a user meets it: valid configurations, a failing algorithm reported with seed and path. */
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { properties } from "../../properties/index.js";
import { parseConfig } from "../../src/config.js";
import { assertSnapshotCorrect, configurations, snapshotProperty } from "../../src/testing.js";
import { mutants } from "../mutants/chandy-lamport-mutants.js";

describe("configurations", () => {
  test.prop([configurations({ maxProcesses: 6, initiators: "any", channels: ["fifo", "nonfifo,lossy"] })])(
    "are configurations snapcheck accepts: markers reach every process, one balance per process",
    (config) => {
      const names = properties.map((p) => p.name);
      expect(parseConfig(config, names)).toMatchObject(config);
    },
  );
});

describe("assertSnapshotCorrect", () => {
  it("fails for a broken algorithm, printing the property, the run, the seed and the path", () => {
    const run = () =>
      assertSnapshotCorrect(
        {
          algorithm: mutants.emptyRecord,
          configurations: configurations({ maxProcesses: 3, topologies: "complete" }),
        },
        { seed: 42 },
      );
    expect(run).toThrow(/seed: 42, path: "[\d:]+"[\s\S]*(consistent-cut|conservation) fails after \d+ steps/);
  });

  it("is a fast-check property that holds for Chandy–Lamport under fifo", () => {
    expect(fc.check(snapshotProperty(), { numRuns: 50 }).failed).toBe(false);
  });
});
