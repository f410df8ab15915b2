/**
 * The fingerprint table against a plain map: every fingerprint is met again with the payload it
 * went in with, across growths and the widening of payloads past 16 bits.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryBudget } from "../../src/engine/budget.js";
import { FingerprintSet, NEW } from "../../src/engine/fingerprint-set.js";

describe("the fingerprint table", () => {
  it("gives back each fingerprint's payload, through growths and wider payloads", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer(), fc.integer(), fc.nat({ max: 200_000 })), {
          minLength: 1,
          maxLength: 3000,
        }),
        (entries) => {
          const set = new FingerprintSet(new MemoryBudget(), 0, true);
          const known = new Map<string, number>();
          for (const [h1, h2, payload] of entries) {
            const key = `${h1 >>> 0},${h1 >>> 0 === 0 && h2 === 0 ? 1 : h2 >>> 0}`;
            expect(set.insert(h1, h2, payload)).toBe(known.get(key) ?? NEW);
            if (!known.has(key)) known.set(key, payload);
          }
          expect(set.count).toBe(known.size);
          for (const [h1, h2] of entries) {
            const key = `${h1 >>> 0},${h1 >>> 0 === 0 && h2 === 0 ? 1 : h2 >>> 0}`;
            expect(set.find(h1, h2)).toBe(known.get(key));
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it("grows and widens at once when a wide payload comes as the table fills up", () => {
    const set = new FingerprintSet(new MemoryBudget(), 0, true);
    const bytes = set.bytes;
    // The smallest table, 1,024 slots, is full at 870 fingerprints.
    for (let h = 1; h <= 870; h++) set.insert(h, 7, 1);
    expect(set.bytes).toBe(bytes);
    expect(set.insert(871, 7, 0x10000)).toBe(NEW);
    expect(set.bytes).toBe((2 * bytes * 12) / 10);
    expect(set.find(871, 7)).toBe(0x10000);
    expect(set.find(1, 7)).toBe(1);
  });

  it("costs ten bytes a slot while payloads fit in 16 bits, twelve after", () => {
    const budget = new MemoryBudget();
    const set = new FingerprintSet(budget, 1000, true);
    const slots = set.bytes / 10;
    set.insert(1, 1, 0xffff);
    expect(set.bytes).toBe(10 * slots);
    set.insert(2, 2, 0x10000);
    expect(set.bytes).toBe(12 * slots);
    expect(set.find(1, 1)).toBe(0xffff);
    expect(set.find(2, 2)).toBe(0x10000);
    // Widening copies the payloads only: at its peak the table held its fingerprints once, and
    // both payload arrays (8 + 2 + 4 bytes a slot), not a second table beside the first.
    expect(budget.peak).toBe(14 * slots);
  });
});
