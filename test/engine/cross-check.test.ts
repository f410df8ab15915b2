/**
 * The compact engine against the packed engine (src/engine/check.ts): on every configuration
 * of configs.ts, exact and fingerprint modes, and symmetry reduction, give exactly the generic
 * statistics, and bitstate mode never more states.
 */
import { describe, expect, it } from "vitest";
import { check } from "../../src/engine/check.js";
import { engineModelOf } from "../../src/engine/config.js";
import { exploreCompact } from "../../src/engine/explore.js";
import { modelOf } from "../support/models.js";
import { engineCases, type GenericStats, pinnedCases, readmeCases } from "./configs.js";

/** Both searches bounded: by depth where the case says, and by states a few times above the count. */
interface Bounds {
  readonly maxDepth: number | undefined;
  readonly maxStates: number | undefined;
}

function expectSame(
  model: ReturnType<typeof modelOf>,
  { maxDepth, maxStates }: Bounds,
  generic: GenericStats,
) {
  expect(generic.stop).not.toBe("max-states");
  const expected = {
    distinctStates: generic.distinctStates,
    transitions: generic.transitions,
    maxDepth: generic.maxDepth,
    completeSnapshots: generic.completeSnapshots,
    deadlocks: generic.deadlocks,
    stop: generic.stop,
  };
  const engineModel = engineModelOf(model);
  const limits = { maxDepth, maxStates };
  expect(exploreCompact(engineModel, limits).stats).toMatchObject(expected);
  expect(exploreCompact(engineModel, { ...limits, mode: "fingerprint" }).stats).toMatchObject(expected);
  // Symmetry stores orbits but counts each by its size: the same figures.
  expect(exploreCompact(engineModel, { ...limits, symmetry: true }).stats).toMatchObject(expected);
  const bitstate = exploreCompact(engineModel, { ...limits, mode: "bitstate", bitstateLog2Bits: 16 }).stats;
  expect(bitstate.distinctStates).toBeLessThanOrEqual(generic.distinctStates);
  expect(bitstate.distinctStates).toBeGreaterThan(0);
}

describe("compact engine counts equal the packed engine's", () => {
  it.each(engineCases)("$name", ({ config, maxDepth, maxStates }) => {
    const model = modelOf(config);
    expectSame(model, { maxDepth, maxStates }, check(model, [], { limits: { maxDepth, maxStates } }).stats);
  });

  it.each(pinnedCases)("$name (the packed engine's pinned figures)", ({ config, maxDepth, generic }) => {
    expectSame(modelOf(config), { maxDepth, maxStates: 2 * generic.distinctStates }, generic);
  });

  it.each(readmeCases)("$name (the README's verdict table)", ({ config, maxDepth, figures }) => {
    const limits = { maxDepth, maxStates: 2 * figures.distinctStates };
    const stats = exploreCompact(engineModelOf(modelOf(config)), limits).stats;
    expect(stats).toMatchObject(figures);
  });
});
