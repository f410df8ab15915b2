/**
 * Coverage per kind of step and the warnings about vacuous verdicts: counted on the distinct
 * states' transitions, summing to the transition count, and naming what never ran.
 */
import { describe, expect, it } from "vitest";
import { properties } from "../../properties/index.js";
import { check } from "../../src/engine/check.js";
import { modelOf } from "../support/models.js";

describe("coverage", () => {
  it("counts every explored transition once, by kind, and names the kinds never enabled", () => {
    // Lossy channels make the space infinite (a lost marker leaves a channel recording forever).
    const result = check(modelOf({ balances: [1, 1], lossy: true }), properties, { limits: { maxDepth: 8 } });
    const taken = Object.fromEntries(result.coverage.map((c) => [c.kind, c.taken]));
    expect(result.coverage.reduce((sum, c) => sum + c.taken, 0)).toBe(result.stats.transitions);
    expect(Object.keys(taken)).toEqual([
      "initiate(P0)",
      "send",
      "deliver marker",
      "deliver message",
      "drop marker",
      "drop message",
    ]);
    for (const kind of Object.keys(taken)) expect(taken[kind]).toBeGreaterThan(0);
    expect(result.warnings).toEqual([]);
  });

  it("warns when no snapshot completes within the bound and an initiator never initiates", () => {
    // At depth 0 both initiations are enabled, but a bound of 0 steps takes neither.
    const result = check(modelOf({ balances: [1, 1], initiators: [0, 1] }), properties, {
      limits: { maxDepth: 0 },
    });
    expect(result.coverage.every((c) => c.taken === 0)).toBe(true);
    expect(result.warnings.some((w) => w.startsWith("no snapshot completed within the bound"))).toBe(true);
    expect(result.warnings).toContain("P1 is an initiator but could never initiate");
    expect(result.warnings).toContain("no snapshot was ever in progress: termination holds vacuously");
  });

  it("counts a kind that is never enabled as zero", () => {
    // Without money nobody sends: only the initiation and its markers run.
    const result = check(modelOf({ balances: [0, 0], initiators: [0] }), properties, { limits: {} });
    const initiations = result.coverage.filter((c) => c.kind.startsWith("initiate("));
    expect(initiations).toEqual([{ kind: "initiate(P0)", taken: 1 }]);
    expect(result.coverage.find((c) => c.kind === "send")?.taken).toBe(0);
    expect(result.coverage.find((c) => c.kind === "deliver message")?.taken).toBe(0);
    expect(result.coverage.find((c) => c.kind === "deliver marker")?.taken).toBe(2);
  });
});
