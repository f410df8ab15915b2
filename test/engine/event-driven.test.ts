/**
 * The product reuses an event-driven monitor's outcome for every step with the same list of events
 * that starts and completes no snapshot (product.ts). Checked against the same properties with the
 * vouching taken away — every monitor then advanced on every step — on models where runs branch
 * (nonfifo, faults, several instances, Lai–Yang, stable properties): the same figures, nodes,
 * verdicts and shortest counterexamples; and the reuse is real.
 */
import { describe, expect, it } from "vitest";
import { properties } from "../../properties/index.js";
import { laiYang } from "../../src/algorithms/lai-yang.js";
import { check } from "../../src/engine/check.js";
import type { Monitor, Property, SafetyProperty } from "../../src/engine/property.js";
import { modelOf, type TestConfig } from "../support/models.js";

/** The property with its monitors' vouching taken away. */
function unvouched(property: Property): Property {
  if (property.kind !== "always") return property;
  const monitor = (model: Parameters<SafetyProperty["monitor"]>[0], k: number): Monitor<unknown> => {
    const { eventDriven: _, ...rest } = property.monitor(model, k);
    return rest;
  };
  return { ...property, monitor };
}

const cases: readonly { name: string; config: TestConfig; maxDepth?: number }[] = [
  { name: "fifo 1,1,0", config: { balances: [1, 1, 0] } },
  { name: "nonfifo 1,1 depth 9", config: { balances: [1, 1], channels: "nonfifo" }, maxDepth: 9 },
  { name: "fifo,lossy 1,1 depth 8", config: { balances: [1, 1], lossy: true }, maxDepth: 8 },
  {
    name: "nonfifo,duplicating 1,0 depth 7",
    config: { balances: [1, 0], channels: "nonfifo", duplicating: true },
    maxDepth: 7,
  },
  { name: "fifo 1,1, two instances", config: { balances: [1, 1], instances: 2, initiators: [0, 1] } },
  {
    name: "Lai–Yang nonfifo 1,1 depth 8",
    config: { balances: [1, 1], channels: "nonfifo", algorithm: laiYang },
    maxDepth: 8,
  },
  {
    name: "diffusing nonfifo 1,1 depth 8",
    config: { workload: "diffusing", balances: [1, 1], channels: "nonfifo" },
    maxDepth: 8,
  },
];

const summary = (result: ReturnType<typeof check>) => ({
  stats: { ...result.stats, seconds: 0, statesPerSecond: 0 },
  verdicts: result.verdicts.map((v) => [v.property.name, v.holds, v.counterexample?.steps.length]),
});

describe("event-driven monitors", () => {
  it.each(cases)("$name: reusing outcomes by list of events changes nothing", ({ config, maxDepth }) => {
    const model = modelOf(config);
    const applicable = properties.filter(
      (p) => p.unsupported?.(model) === undefined && p.appliesTo?.(model) !== false,
    );
    const limits = { maxDepth, maxStates: 200_000 };
    const reused = check(model, applicable, { limits });
    const advancedEveryStep = check(modelOf(config), applicable.map(unvouched), { limits });
    expect(reused.stats.stop).not.toBe("max-states");
    expect(summary(reused)).toEqual(summary(advancedEveryStep));
  });

  it("advances a vouching monitor once per combination and list of events, not once per step", () => {
    const conservation = properties.find((p) => p.name === "conservation") as SafetyProperty;
    const counted = (eventDriven: boolean) => {
      let calls = 0;
      const property: SafetyProperty = {
        ...conservation,
        monitor: (model, k) => {
          const inner = conservation.monitor(model, k);
          return {
            ...inner,
            eventDriven,
            advance: (m, observed) => {
              calls++;
              return inner.advance(m, observed);
            },
          };
        },
      };
      const result = check(modelOf({ balances: [1, 1, 0] }), [property], { limits: { maxStates: 200_000 } });
      return { calls, transitions: result.stats.transitions };
    };
    const every = counted(false);
    const reused = counted(true);
    expect(every.calls).toBe(every.transitions);
    expect(reused.calls * 10).toBeLessThan(every.calls);
  });
});
