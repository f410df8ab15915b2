/**
 * Judging single runs: the safety monitors agree with replay, the reachable-cut witness agrees with
 * the application graph wherever it decides, and termination's counterexamples replay as lassos.
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { findProperty } from "../../properties/index.js";
import type { Property } from "../../src/engine/property.js";
import type { Model } from "../../src/model/model.js";
import { type Execution, execute } from "../../src/simulation/execution.js";
import { readModulo } from "../../src/simulation/strategies/uniform.js";
import { judgeRun } from "../../src/trace/replay.js";
import { mutants } from "../mutants/chandy-lamport-mutants.js";
import { modelOf } from "../support/models.js";
import { judgeNamed, runOf } from "./support.js";

const nonfifo = modelOf({ balances: [1, 1], channels: "nonfifo" });
/** Why replay (the exhaustive checker's own judgement of one run) finds the property violated, if it does. */
const replayed = (model: Model, run: Pick<Execution, "steps" | "states">, name: string) =>
  judgeRun({ model, steps: run.steps, states: run.states }, findProperty(name) as Property);

describe("safety along a run", () => {
  test.prop([fc.constantFrom("consistent-cut", "conservation"), fc.array(fc.nat(), { maxLength: 30 })], {
    numRuns: 100,
  })("the monitor judge and replay agree on every run", (name, choices) => {
    const run = execute(nonfifo, readModulo(choices).start(), true);
    const verdict = judgeNamed(nonfifo, name).judge(run);
    expect(verdict.kind === "violated").toBe(replayed(nonfifo, run, name) !== undefined);
  });
});

describe("reachable-cut by the theorem's witness", () => {
  test.prop([fc.array(fc.nat(), { maxLength: 30 })], { numRuns: 100 })(
    "where it decides, it agrees with reachability in the application graph",
    (choices) => {
      const run = execute(nonfifo, readModulo(choices).start(), true);
      const verdict = judgeNamed(nonfifo, "reachable-cut").judge(run);
      const graph = replayed(nonfifo, run, "reachable-cut");
      if (verdict.kind !== "undecided") expect(verdict.kind === "violated").toBe(graph !== undefined);
    },
  );

  test.prop([fc.array(fc.nat(), { maxLength: 40 })], { numRuns: 100 })(
    "under fifo it always holds",
    (choices) => {
      const model = modelOf({ balances: [2, 1, 1] });
      expect(
        judgeNamed(model, "reachable-cut").judge(execute(model, readModulo(choices).start(), true)),
      ).toEqual({
        kind: "holds",
      });
    },
  );

  it("is violated when S* holds other money than the system: the 4-step non-FIFO run", () => {
    const run = runOf(nonfifo, ["initiate(P0)", "send(P1→P0)", "deliver(c(0,1): M)", "deliver(c(1,0): M)"]);
    const verdict = judgeNamed(nonfifo, "reachable-cut").judge(run);
    expect(verdict.kind === "violated" && verdict.violation.reason).toMatch(
      /S\* holds money 1, but the system holds 2/,
    );
  });

  it("leaves a run undecided when the witness fails but S* conserves money (S* is reachable another way)", () => {
    const labels = [
      "initiate(P0)",
      "send(P1→P0)",
      "send(P0→P1)",
      "deliver(c(1,0): T)",
      "deliver(c(0,1): T)",
      "send(P0→P1)",
      "send(P1→P0)",
      "deliver(c(0,1): M)",
      "deliver(c(1,0): M)",
    ];
    const run = runOf(nonfifo, labels);
    expect(judgeNamed(nonfifo, "reachable-cut").judge(run).kind).toBe("undecided");
    expect(replayed(nonfifo, run, "reachable-cut")).toBeUndefined();
  });
});

describe("termination on the forced-fair continuation", () => {
  it("a deadlock with the snapshot in progress is a violation", () => {
    const model = modelOf({ balances: [0, 0, 0], algorithm: mutants.noForward });
    const verdict = judgeNamed(model, "termination").judge(runOf(model, [], true));
    expect(verdict.kind === "violated" && verdict.violation.reason).toMatch(/no step is enabled/);
  });

  it("a stuck snapshot becomes a fair lasso that replay confirms", () => {
    const model = modelOf({ balances: [1, 1], algorithm: mutants.silentInitiator });
    const verdict = judgeNamed(model, "termination").judge(runOf(model, [], true));
    if (verdict.kind !== "violated") throw new Error(`expected a violation, got ${verdict.kind}`);
    const { steps, states, loop } = verdict.violation;
    expect(loop).toBeGreaterThanOrEqual(0);
    const [last, loopStart] = [states[states.length - 1], states[loop ?? -1]];
    expect(last && loopStart && model.key(last) === model.key(loopStart)).toBe(true);
    expect(replayed(model, { steps, states }, "termination")).toMatch(/cycle forever/);
  });

  test.prop([fc.array(fc.nat(), { maxLength: 40 })], { numRuns: 50 })(
    "holds on every run of Chandy–Lamport",
    (choices) => {
      const model = modelOf({ balances: [1, 1, 1], channels: "nonfifo" });
      expect(
        judgeNamed(model, "termination").judge(execute(model, readModulo(choices).start(), true)).kind,
      ).toBe("holds");
    },
  );
});
