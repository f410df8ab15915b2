/**
 * Columns against a map: whatever the order of writes, across the first chunk's doublings and the
 * whole chunks after it, an entry reads back as written, an entry never written reads as the
 * column's unset value, and the length is the highest index written plus one.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ByteColumn, IntColumn, ShortColumn } from "../../src/engine/column.js";

const writes = fc.array(fc.tuple(fc.nat(300_000), fc.nat(255)), { maxLength: 200 });

describe("columns", () => {
  for (const [name, make] of [
    ["IntColumn", (unset: number) => new IntColumn(unset)],
    ["ShortColumn", (unset: number) => new ShortColumn(unset)],
    ["ByteColumn", (unset: number) => new ByteColumn(unset)],
  ] as const) {
    it(`${name} reads back what was written, and the unset value elsewhere`, () => {
      fc.assert(
        fc.property(writes, fc.constantFrom(0, 7), (written, unset) => {
          const column = make(unset);
          const expected = new Map<number, number>();
          for (const [i, value] of written) {
            column.set(i, value);
            expected.set(i, value);
          }
          const length = Math.max(0, ...written.map(([i]) => i + 1));
          expect(column.length).toBe(length);
          for (const [i, value] of expected) expect(column.get(i)).toBe(value);
          for (let k = 0; k < 64; k++) {
            const i = (k * 7919) % (length + 70_000);
            expect(column.get(i)).toBe(expected.get(i) ?? unset);
          }
        }),
      );
    });
  }

  it("pushes after the last entry", () => {
    const column = new IntColumn(-1);
    for (let i = 0; i < 200_000; i++) column.push(i * 3);
    expect(column.length).toBe(200_000);
    expect(column.get(131_071)).toBe(131_071 * 3);
    expect(column.get(200_000)).toBe(-1);
  });
});
