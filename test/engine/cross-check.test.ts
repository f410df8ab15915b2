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

function expectSame(model: ReturnType<typeof modelOf>, maxDepth: number | undefined, generic: GenericStats) {
  const expected = {
    distinctStates: generic.distinctStates,
    transitions: generic.transitions,
    maxDepth: generic.maxDepth,
    completeSnapshots: generic.completeSnapshots,
    deadlocks: generic.deadlocks,
    stop: generic.stop,
  };
  const engineModel = engineModelOf(model);
  expect(exploreCompact(engineModel, { maxDepth }).stats).toMatchObject(expected);
  expect(exploreCompact(engineModel, { maxDepth, mode: "fingerprint" }).stats).toMatchObject(expected);
  // Symmetry stores orbits but counts each by its size: the same figures.
  expect(exploreCompact(engineModel, { maxDepth, symmetry: true }).stats).toMatchObject(expected);
  const bitstate = exploreCompact(engineModel, { maxDepth, mode: "bitstate", bitstateLog2Bits: 16 }).stats;
  expect(bitstate.distinctStates).toBeLessThanOrEqual(generic.distinctStates);
  expect(bitstate.distinctStates).toBeGreaterThan(0);
}

describe("compact engine counts equal the packed engine's", () => {
  it.each(engineCases)("$name", ({ config, maxDepth }) => {
    const model = modelOf(config);
    expectSame(model, maxDepth, check(model, [], { limits: { maxDepth } }).stats);
  });

  it.each(pinnedCases)("$name (the packed engine's pinned figures)", ({ config, maxDepth, generic }) => {
    expectSame(modelOf(config), maxDepth, generic);
  });

  it.each(readmeCases)("$name (the README's verdict table)", ({ config, maxDepth, figures }) => {
    const stats = exploreCompact(engineModelOf(modelOf(config)), { maxDepth }).stats;
    expect(stats).toMatchObject(figures);
  });
});
