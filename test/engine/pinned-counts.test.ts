/**
 * The engine's figures on bank, held fixed: the pinned figures and the README's verdict table in
 * exact mode; on every configuration, fingerprint mode and symmetry reduction give exactly the
 * exact store's figures (symmetry stores orbits but counts each by its size), and bitstate mode
 * never more states.
 */
import { describe, expect, it } from "vitest";
import { check } from "../../src/engine/check.js";
import type { Model } from "../../src/model/model.js";
import { ProcessSymmetry } from "../../src/model/symmetry.js";
import { modelOf } from "../support/models.js";
import { engineCases, type GenericStats, pinnedCases, readmeCases } from "./pinned-configs.js";

/** The search's bounds: by depth where the case says, and by states a few times above the count. */
interface Bounds {
  readonly maxDepth: number | undefined;
  readonly maxStates: number | undefined;
}

const FIGURES = [
  "distinctStates",
  "transitions",
  "maxDepth",
  "completeSnapshots",
  "deadlocks",
  "stop",
] as const;

/** The figures a store must keep, without timings. */
const figuresOf = (stats: GenericStats) => Object.fromEntries(FIGURES.map((key) => [key, stats[key]]));

/** Every store, and symmetry where the model has it, gives `expected`. */
function expectEveryStore(model: Model, limits: Bounds, expected: GenericStats) {
  expect(expected.stop).not.toBe("max-states");
  const figures = figuresOf(expected);
  expect(figuresOf(check(model, [], { limits, store: "fingerprint" }).stats)).toEqual(figures);
  if (typeof ProcessSymmetry.of(model) !== "string")
    expect(figuresOf(check(model, [], { limits, symmetry: true }).stats)).toEqual(figures);
  const bitstate = check(model, [], { limits, store: { mode: "bitstate", log2Bits: 16 } }).stats;
  expect(bitstate.distinctStates).toBeLessThanOrEqual(expected.distinctStates);
  expect(bitstate.distinctStates).toBeGreaterThan(0);
}

describe("the engine's figures on bank", () => {
  it.each(engineCases)(
    "$name: every store and symmetry agree with the exact store",
    ({ config, maxDepth, maxStates }) => {
      const model = modelOf(config);
      const limits = { maxDepth, maxStates };
      expectEveryStore(model, limits, check(model, [], { limits }).stats);
    },
  );

  it.each(pinnedCases)("$name: the pinned figures, in every store", ({ config, maxDepth, generic }) => {
    const model = modelOf(config);
    const limits = { maxDepth, maxStates: 2 * generic.distinctStates };
    expect(figuresOf(check(model, [], { limits }).stats)).toEqual(figuresOf(generic));
    expectEveryStore(model, limits, generic);
  });

  it.each(readmeCases)("$name: the README's verdict table", ({ config, maxDepth, figures }) => {
    const limits = { maxDepth, maxStates: 2 * figures.distinctStates };
    expect(check(modelOf(config), [], { limits }).stats).toMatchObject(figures);
  });
});
