/** The engine: results are a function of the seed, shards partition the runs, a path replays its counterexample. */
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import type { Model } from "../../src/model/model.js";
import { mergeReports } from "../../src/simulation/merge.js";
import { buildReport, type SimulationSettings } from "../../src/simulation/report.js";
import { runRange } from "../../src/simulation/shard.js";
import { type SimulationOptions, simulate } from "../../src/simulation/simulate.js";
import { uniform } from "../../src/simulation/strategies/uniform.js";
import { mutants } from "../mutants/chandy-lamport-mutants.js";
import { modelOf } from "../support/models.js";
import { judgesOf } from "./support.js";

const nonfifo = modelOf({ balances: [1, 1, 0], channels: "nonfifo" });
const options = (model: Model, more: Partial<SimulationOptions> = {}): SimulationOptions => ({
  model,
  judges: judgesOf(model),
  strategy: uniform,
  maxSteps: 30,
  seed: 11,
  first: 0,
  end: 200,
  ...more,
});
const verdicts = (o: SimulationOptions) => simulate(o).verdicts;

describe("simulate", () => {
  it("gives the same result for the same seed, and another for another seed", () => {
    expect(verdicts(options(nonfifo))).toEqual(verdicts(options(nonfifo)));
    const runs = (seed: number) => verdicts(options(nonfifo, { seed })).map((v) => v.counterexample?.path);
    expect(runs(11)).not.toEqual(runs(12));
  });

  it("under fifo, Chandy–Lamport passes every property on every run, and every run is judged", () => {
    const result = simulate(options(modelOf({ balances: [1, 1, 1, 1] }), { end: 300 }));
    expect(result.verdicts.map((v) => [v.name, v.holds, v.complete])).toEqual(
      result.verdicts.map((v) => [v.name, true, true]),
    );
    expect(result.stats).toMatchObject({ runs: 300, completeSnapshots: 300, deadlocks: 0 });
  });

  it("finds a mutant's lost transfer under fifo", () => {
    const found = verdicts(options(modelOf({ balances: [1, 1, 1], algorithm: mutants.emptyRecord })));
    expect(found.filter((v) => !v.holds).map((v) => v.name)).toEqual([
      "consistent-cut",
      "reachable-cut",
      "conservation",
    ]);
  });

  it("reports the length before shrinking and shrinks to no more", () => {
    for (const v of verdicts(options(nonfifo))) {
      if (v.counterexample === undefined) continue;
      expect(v.counterexample.steps.length).toBeLessThanOrEqual(v.counterexample.stepsBeforeShrinking);
    }
  });

  it("replays one counterexample from its path alone", () => {
    const whole = verdicts(options(nonfifo))[0]?.counterexample;
    if (whole === undefined) throw new Error("expected a consistent-cut counterexample");
    const [run, ...shrinks] = whole.path.split(":");
    const replayed = verdicts(
      options(nonfifo, {
        judges: judgesOf(nonfifo).slice(0, 1),
        first: Number(run),
        end: Number(run) + 1,
        shrinkPath: shrinks.join(":"),
      }),
    )[0]?.counterexample;
    expect(replayed?.steps).toEqual(whole.steps);
    expect(replayed?.path).toBe(whole.path);
  });
});

describe("shards", () => {
  test.prop([fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 9 })])(
    "shards 1…n execute every run exactly once, in order",
    (runs, count) => {
      const ranges = Array.from({ length: Math.min(count, runs) }, (_, i) =>
        runRange(runs, { index: i + 1, count: Math.min(count, runs) }),
      );
      expect(
        ranges.flatMap(({ first, end }) => Array.from({ length: end - first }, (_, k) => first + k)),
      ).toEqual(Array.from({ length: runs }, (_, k) => k));
    },
  );

  it("merged, the shards' reports give the whole simulation's verdict and counterexamples", () => {
    const settings: SimulationSettings = {
      seed: 5,
      strategy: "uniform",
      maxSteps: 30,
      runs: 120,
      shard: null,
      path: null,
    };
    const config = parseConfig({ balances: "1,1,0", channels: "nonfifo" }, ["consistent-cut"]);
    const report = (shard: SimulationSettings["shard"]) => {
      const { first, end } = runRange(settings.runs, shard);
      const result = simulate(options(nonfifo, { seed: settings.seed, first, end }));
      const store = (cx: { path: string }) => ({ file: `cx-${cx.path}`, written: true });
      return buildReport({
        config,
        skipped: [],
        settings: { ...settings, shard },
        first,
        end,
        result,
        store,
      });
    };
    const merged = mergeReports([3, 1, 2].map((index) => report({ index, count: 3 })));
    expect(merged.properties).toEqual(report(null).properties);
    expect(merged.reproduce).toBe(report(null).reproduce);
    expect(() => mergeReports([report({ index: 1, count: 3 }), report({ index: 3, count: 3 })])).toThrow(
      /missing 2/,
    );
  });
});
