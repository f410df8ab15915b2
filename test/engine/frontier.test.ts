/**
 * The hashed searches' BFS frontier: a queue of packed rows by levels, in chunks that the level
 * being read hands on to the next. Rows come back in order, level after level, through layouts
 * widened mid-level; rows are read in order only; and it holds about one wide level, not two.
 */
import { describe, expect, it } from "vitest";
import { MemoryBudget } from "../../src/engine/budget.js";
import { Frontier } from "../../src/engine/frontier.js";

/** A frontier of 3-field rows whose fields are bounded by `bound` (which the test may raise). */
function frontier(bound: { value: number }, budget = new MemoryBudget()) {
  return new Frontier(3, (out) => out.fill(bound.value), budget);
}

const rowOf = (n: number) => [n % 7, n, n % 3];

describe("the BFS frontier", () => {
  it("gives each level's rows back in order, the next level queued behind it", () => {
    const queue = frontier({ value: 50_000 });
    queue.push(rowOf(0));
    queue.advance();
    const out = new Int32Array(3);
    let next = 1;
    const seen: number[] = [];
    for (let level = 0; level < 6; level++) {
      const rows = queue.length;
      for (let i = 0; i < rows; i++) {
        queue.read(i, out);
        seen.push(out[1] as number);
        expect([...out]).toEqual(rowOf(out[1] as number));
        // Each row queues three: 1, 3, 9, … rows per level.
        for (let k = 0; k < 3; k++) queue.push(rowOf(next++));
        expect(queue.queued).toBe(3 * (i + 1));
      }
      queue.advance();
    }
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, n) => n));
    expect(queue.length).toBe(3 ** 6);
  });

  it("keeps every queued row, in order, through a layout widened in the middle of a level", () => {
    const bound = { value: 4 };
    const queue = frontier(bound);
    for (let n = 0; n < 10_000; n++) queue.push([n % 4, n % 3, 1]);
    queue.advance();
    const out = new Int32Array(3);
    for (let i = 0; i < 5_000; i++) queue.read(i, out);
    // A value past every field's bound: every row not yet read is laid out again.
    queue.push([3, 2, 1_000_000]);
    for (let n = 0; n < 5_000; n++) queue.push([n % 4, 0, n]);
    for (let i = 5_000; i < 10_000; i++) {
      queue.read(i, out);
      expect([...out]).toEqual([i % 4, i % 3, 1]);
    }
    queue.advance();
    queue.read(0, out);
    expect([...out]).toEqual([3, 2, 1_000_000]);
    for (let i = 1; i <= 5_000; i++) {
      queue.read(i, out);
      expect([...out]).toEqual([(i - 1) % 4, 0, i - 1]);
    }
  });

  it("refuses to read a row it has already left behind", () => {
    const queue = frontier({ value: 10 });
    for (let n = 0; n < 5; n++) queue.push([n, n, n]);
    queue.advance();
    const out = new Int32Array(3);
    queue.read(3, out);
    expect(() => queue.read(1, out)).toThrow(/not next to read/);
    expect(() => queue.read(5, out)).toThrow(/not next to read/);
  });

  it("holds about one level when a level as wide is queued behind it as it is read", () => {
    const budget = new MemoryBudget();
    const queue = frontier({ value: 1 << 20 }, budget);
    const width = 100_000;
    for (let n = 0; n < width; n++) queue.push(rowOf(n));
    queue.advance();
    const levelBytes = budget.peak;
    const out = new Int32Array(3);
    for (let level = 0; level < 4; level++) {
      for (let i = 0; i < width; i++) {
        queue.read(i, out);
        queue.push(out);
      }
      queue.advance();
    }
    // Two buffers of a level each would hold twice a level.
    expect(levelBytes).toBeGreaterThanOrEqual(width * 4);
    expect(budget.peak).toBeLessThan(1.2 * levelBytes);
  });
});
