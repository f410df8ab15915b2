/** Shrinking: the shrunk run still fails, is no longer, replays from its path, and drops any step it can. */
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { consistentCut } from "../../properties/consistent-cut.js";
import { execute } from "../../src/simulation/execution.js";
import { shrinkRun } from "../../src/simulation/shrink.js";
import { readModulo } from "../../src/simulation/strategies/uniform.js";
import { judgeRun } from "../../src/trace/replay.js";
import { modelOf } from "../support/models.js";
import { judgeNamed, labelsOf, runOf } from "./support.js";

const model = modelOf({ balances: [1, 1, 0], channels: "nonfifo" });
const judge = judgeNamed(model, "consistent-cut");
const two = modelOf({ balances: [1, 1], channels: "nonfifo" });
const overtaken = ["initiate(P0)", "send(P1→P0)", "deliver(c(0,1): M)", "deliver(c(1,0): M)"];

describe("shrinkRun", () => {
  test.prop([fc.array(fc.nat(), { maxLength: 30 })], { numRuns: 30 })(
    "gives a run that still fails, no longer than before, and that its path gives again",
    (choices) => {
      const verdict = judge.judge(execute(model, readModulo(choices).start(), true));
      if (verdict.kind !== "violated") return;
      const shrunk = shrinkRun(model, judge, verdict.violation.steps);
      const { steps, states } = shrunk.violation;
      expect(steps.length).toBeLessThanOrEqual(verdict.violation.steps.length);
      expect(judgeRun({ model, steps, states }, consistentCut)).toBeDefined();
      expect(shrinkRun(model, judge, verdict.violation.steps, shrunk.path).labels).toEqual(shrunk.labels);
    },
  );

  it("removes a step that does not matter even though it shifts every later choice", () => {
    const run = ["initiate(P0)", "send(P0→P1)", "send(P1→P0)", "deliver(c(0,1): M)", "deliver(c(1,0): M)"];
    const shrunk = shrinkRun(two, judgeNamed(two, "consistent-cut"), runOf(two, run).steps);
    expect(labelsOf(two, shrunk.violation)).toEqual(overtaken);
  });

  it("refuses a path that leads nowhere", () => {
    const steps = runOf(two, overtaken).steps;
    expect(() => shrinkRun(two, judgeNamed(two, "consistent-cut"), steps, "999:999")).toThrow(/path 999:999/);
  });
});
