/**
 * The pair map against a JS Map, through many growths: every pair set is found with its value, and
 * pairs never set — including ones that share a first or a second number with a set one — are not.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PairMap } from "../../src/engine/pair-map.js";

describe("the pair map", () => {
  it("finds what was set, and only that, through its growths", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(3000), fc.nat(200), fc.nat(2 ** 30)), { maxLength: 3000 }),
        (entries) => {
          const map = new PairMap(2);
          const reference = new Map<string, number>();
          for (const [a, b, value] of entries) {
            if (reference.has(`${a},${b}`)) continue;
            map.set(a, b, value);
            reference.set(`${a},${b}`, value);
          }
          expect(map.size).toBe(reference.size);
          for (const [a, b] of entries) {
            expect(map.get(a, b)).toBe(reference.get(`${a},${b}`));
            expect(map.get(a, b + 201)).toBe(-1);
            expect(map.get(a + 3001, b)).toBe(-1);
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});
