/**
 * The packed store against a plain map of rows: whatever the values and however often a value
 * outgrows its field (every relayout keeps ids, parents and steps), a row's id is the order its key
 * first came in, reading an id gives the row back, and a payload never tells keys apart.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryBudget } from "../../src/engine/budget.js";
import { PackedStore } from "../../src/engine/packed-store.js";
import { Packing, widthsFor, withSpareBits } from "../../src/engine/packing.js";

const KEY = 5;
const PAYLOAD = 2;

/** Rows whose values grow over the run, as interned ids do: field f of row i stays below a bound. */
const rows = fc.array(
  fc.tuple(
    fc.array(fc.nat({ max: 40 }), { minLength: KEY, maxLength: KEY }),
    fc.array(fc.nat({ max: 3000 }), { minLength: PAYLOAD, maxLength: PAYLOAD }),
  ),
  { minLength: 1, maxLength: 300 },
);

describe("the packed store", () => {
  it("keeps ids, rows, parents and steps across relayouts, and tells rows apart by key only", () => {
    fc.assert(
      fc.property(rows, (input) => {
        // Bounds that lag behind the values, so the store must widen its fields as rows come in.
        const seen = new Float64Array(KEY + PAYLOAD);
        const store = new PackedStore(KEY, PAYLOAD, (out) => out.set(seen), new MemoryBudget(), 0);
        const ids = new Map<string, { id: number; row: number[] }>();
        input.forEach(([key, payload], i) => {
          const row = [...key, ...payload];
          const known = ids.get(key.join());
          const id = store.insert(Int32Array.from(row));
          if (known !== undefined) {
            expect(id).toBe(-1 - known.id);
            expect(store.samePayload).toBe(known.row.slice(KEY).join() === payload.join());
            return;
          }
          expect(id).toBe(ids.size);
          store.parent.set(id, i);
          store.step.set(id, i % 7);
          ids.set(key.join(), { id, row });
          row.forEach((v, f) => {
            seen[f] = Math.max(seen[f] as number, Math.ceil(v / 2));
          });
        });
        expect(store.count).toBe(ids.size);
        const out = new Int32Array(KEY + PAYLOAD);
        for (const { id, row } of ids.values()) {
          store.read(id, out);
          expect([...out]).toEqual(row);
          expect(store.idOf(Int32Array.from(row.slice(0, KEY)))).toBe(id);
          expect(store.step.get(id)).toBe(store.parent.get(id) % 7);
        }
        expect(store.idOf(Int32Array.from([41, 0, 0, 0, 0]))).toBe(-1);
      }),
      { numRuns: 200 },
    );
  });

  it("packs into as few words as the widths allow, and refuses a value its field cannot hold", () => {
    const packing = new Packing(widthsFor([4, 4, 4, 4, 2 ** 31, 1]));
    expect(packing.widths).toEqual([3, 3, 3, 3, 32, 1]);
    expect(packing.words).toBe(3);
    const packed = new Uint32Array(3);
    const row = Int32Array.from([7, 0, 5, 1, 2 ** 31 - 1, 1]);
    expect(packing.pack(row, packed, 0)).toBe(true);
    const out = new Int32Array(6);
    packing.unpack(packed, 0, out);
    expect([...out]).toEqual([...row]);
    expect(packing.pack(Int32Array.from([8, 0, 0, 0, 0, 0]), packed, 0)).toBe(false);
    expect(packing.pack(Int32Array.from([0, 0, 0, 0, 0, 2]), packed, 0)).toBe(false);
  });

  it("shares each word's spare bits among its fields, keeping the fields in the same words", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 32 }), { minLength: 1, maxLength: 30 }), (widths) => {
        const spread = withSpareBits(widths);
        const before = new Packing(widths);
        const after = new Packing(spread);
        expect(after.words).toBe(before.words);
        expect(spread.every((width, f) => width >= (widths[f] as number))).toBe(true);
        // Every word is full: the widths add up to 32 per word.
        expect(spread.reduce((a, b) => a + b, 0)).toBe(32 * after.words);
      }),
    );
    // Words of 1+3+3+3 (22 bits spare, one at a time from the first), 30 and 5.
    expect(withSpareBits([1, 3, 3, 3, 30, 5])).toEqual([7, 9, 8, 8, 32, 32]);
  });
});
