/**
 * The transition cache: a learned effect is found again on the same values of the words it read,
 * and only on them; rules that read the state differently on the same values are refused, naming
 * the step, instead of being cached wrongly.
 */
import { describe, expect, it } from "vitest";
import { TransitionCache } from "../../src/model/transition-cache.js";

/** The step's number (Model.stepNumber), and another's. */
const step = 0;
const otherStep = 1;
const name = () => "initiate(P0)";
const words = (...w: number[]) => Int32Array.from(w);

describe("the transition cache", () => {
  it("finds an effect on the values it was learned on, and on no others", () => {
    const cache = new TransitionCache(() => false);
    // The rules read word 2 (value 7), then word 0 (value 1), and wrote 5 into word 1.
    cache.learn(step, [2, 7, 0, 1], Int32Array.from([1, 5]), 3, name);
    const leaf = cache.find(step, words(1, 9, 7));
    expect(cache.writesOf(leaf)).toEqual(Int32Array.from([1, 5]));
    expect(cache.find(step, words(1, 0, 7))).toBe(leaf);
    expect(cache.eventsOf(leaf)).toBe(3);
    expect(cache.find(step, words(2, 9, 7))).toBe(-1);
    expect(cache.find(step, words(1, 9, 8))).toBe(-1);
    expect(cache.find(step, words(1, 9, 70))).toBe(-1);
    expect(cache.find(otherStep, words(1, 9, 7))).toBe(-1);
    const out = words(1, 9, 7);
    cache.patch(leaf, out);
    expect(out).toEqual(words(1, 5, 7));
  });

  it("tells whether an effect writes a word of the snapshot part", () => {
    const cache = new TransitionCache((i) => i === 1);
    cache.learn(step, [2, 7], Int32Array.from([1, 5]), 0, name);
    cache.learn(step, [2, 8], Int32Array.from([0, 5, 2, 1]), 0, name);
    expect(cache.writesSnapshot(cache.find(step, words(0, 0, 7)))).toBe(true);
    expect(cache.writesSnapshot(cache.find(step, words(0, 0, 8)))).toBe(false);
  });

  it("keeps every branch apart as values far apart arrive", () => {
    const cache = new TransitionCache(() => false);
    const values = [3, 0, 40, 7, 1000, 2];
    values.forEach((v, i) => {
      cache.learn(step, [0, v, 1, i], Int32Array.from([2, v]), i, name);
    });
    values.forEach((v, i) => {
      const leaf = cache.find(step, words(v, i, 0));
      expect(cache.eventsOf(leaf)).toBe(i);
      expect(cache.writesOf(leaf)).toEqual(Int32Array.from([2, v]));
      expect(cache.find(step, words(v, i + 1, 0))).toBe(-1);
    });
  });

  it("refuses rules that read another word next on the same values, or stop reading where they went on", () => {
    const cache = new TransitionCache(() => false);
    cache.learn(step, [2, 7, 0, 1], new Int32Array(0), 0, name);
    expect(() => cache.learn(step, [2, 7, 1, 4], new Int32Array(0), 0, name)).toThrow(
      /initiate\(P0\) read the state differently on the same values/,
    );
    expect(() => cache.learn(step, [2, 7], new Int32Array(0), 0, name)).toThrow(/read the state differently/);
    cache.learn(step, [2, 8], new Int32Array(0), 1, name);
    expect(() => cache.learn(step, [2, 8, 0, 1], new Int32Array(0), 0, name)).toThrow(
      /read the state differently/,
    );
  });
});
