/** Strategies: every choice is an enabled step, a schedule value always gives the same run, and what each favours. */
import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { Step } from "../../src/model/types.js";
import { execute } from "../../src/simulation/execution.js";
import { strategies } from "../../src/simulation/strategies/index.js";
import { overtakeSchedule } from "../../src/simulation/strategies/overtake.js";
import { readModulo } from "../../src/simulation/strategies/uniform.js";
import { modelOf } from "../support/models.js";
import { labelsOf, runOf } from "./support.js";

const nonfifo = modelOf({ balances: [1, 1, 1], channels: "nonfifo" });

describe.each(strategies)("strategy $name", (strategy) => {
  test.prop([strategy.schedule(nonfifo, 30)], { numRuns: 50 })(
    "picks only enabled steps, at most --max-steps of them, and a schedule replays alike",
    (schedule) => {
      const choose = schedule.start();
      const run = execute(
        nonfifo,
        (enabled, state) => {
          const pick = choose(enabled, state);
          expect(pick === undefined || (pick >= 0 && pick < enabled.length)).toBe(true);
          return pick;
        },
        false,
      );
      expect(run.scheduled).toBeLessThanOrEqual(30);
      expect(labelsOf(nonfifo, execute(nonfifo, schedule.start(), false))).toEqual(labelsOf(nonfifo, run));
    },
  );
});

describe("uniform", () => {
  it("reads each choice modulo the number of enabled steps", () => {
    const model = modelOf({ balances: [1, 1] });
    // initially: initiate(P0), send(P0→P1), send(P1→P0)
    const run = execute(model, readModulo([4, 0]).start(), false);
    expect(labelsOf(model, run)).toEqual(["send(P0→P1)", "initiate(P0)"]);
  });
});

describe("overtake", () => {
  const model = modelOf({ balances: [1, 1], channels: "nonfifo" });
  const prefix = ["initiate(P0)", "send(P1→P0)", "deliver(c(0,1): M)"]; // c(1,0) now holds ⟨M, T⟩
  const state = runOf(model, prefix).states[3];

  it("an odd choice delivers a marker past the application messages in its channel", () => {
    if (state === undefined) throw new Error("no state");
    const enabled = model.steps(state);
    const pick = overtakeSchedule([1]).start()(enabled, state);
    expect(pick === undefined ? undefined : model.label(enabled[pick] as Step)).toBe("deliver(c(1,0): M)");
  });

  it("an even choice is uniform: index (choice >> 1) modulo the enabled steps", () => {
    if (state === undefined) throw new Error("no state");
    const enabled = model.steps(state);
    expect(overtakeSchedule([2 * 4]).start()(enabled, state)).toBe(4 % enabled.length);
  });
});
