/** Executing runs: the forced-fair continuation completes correct snapshots, and a run that cannot go on is kept. */
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { execute } from "../../src/simulation/execution.js";
import { readModulo } from "../../src/simulation/strategies/uniform.js";
import { mutants } from "../mutants/chandy-lamport-mutants.js";
import { modelOf } from "../support/models.js";

const models = {
  fifo: modelOf({ balances: [2, 1, 0] }),
  nonfifo: modelOf({ balances: [2, 1, 0], channels: "nonfifo" }),
};

describe("execute", () => {
  test.prop([fc.constantFrom("fifo", "nonfifo" as const), fc.array(fc.nat(), { maxLength: 40 })], {
    numRuns: 100,
  })(
    "after the schedule, Chandy–Lamport's snapshot completes with deliveries and no application step",
    (channels, choices) => {
      const model = models[channels];
      const run = execute(model, readModulo(choices).start(), true);
      expect(run.end).toBe("complete");
      expect(run.steps.slice(run.scheduled).every((s) => s.kind !== "app")).toBe(true);
    },
  );

  test.prop([fc.array(fc.nat(), { maxLength: 40 })], { numRuns: 50 })(
    "without the continuation the run is the schedule, cut at its snapshot's completion",
    (choices) => {
      const run = execute(models.fifo, readModulo(choices).start(), false);
      expect(run.steps.length).toBe(run.scheduled);
      expect(run.end === "complete" || run.steps.length === choices.length).toBe(true);
    },
  );

  it("ends in a deadlock, kept, when no step is enabled", () => {
    const run = execute(
      modelOf({ balances: [0, 0, 0], algorithm: mutants.noForward }),
      readModulo([]).start(),
      true,
    );
    expect(run.end).toBe("deadlock");
    expect(run.steps.length).toBe(3); // initiate(P0), then both markers delivered
  });

  it("ends stuck when only application steps remain and the snapshot never completes", () => {
    const run = execute(
      modelOf({ balances: [1, 1], algorithm: mutants.silentInitiator }),
      readModulo([]).start(),
      true,
    );
    expect(run.end).toBe("stuck");
  });

  it("refuses a chooser that picks a step that is not enabled", () => {
    expect(() => execute(models.fifo, () => 99, false)).toThrow(RangeError);
  });
});
