/**
 * The transition cache: a learned effect is found again on the same values of the words it read,
 * and only on them; rules that read the state differently on the same values are refused, naming
 * the step, instead of being cached wrongly.
 */
import { describe, expect, it } from "vitest";
import { TransitionCache } from "../../src/model/transition-cache.js";
import type { Step } from "../../src/model/types.js";

const step: Step = { kind: "initiate", process: 0, instance: 0 };
const name = () => "initiate(P0)";
const words = (...w: number[]) => Int32Array.from(w);

describe("the transition cache", () => {
  it("finds an effect on the values it was learned on, and on no others", () => {
    const cache = new TransitionCache();
    // The rules read word 2 (value 7), then word 0 (value 1), and wrote 5 into word 1.
    cache.learn(step, [2, 7, 0, 1], Int32Array.from([1, 5]), 3, name);
    expect(cache.find(step, words(1, 9, 7))?.writes).toEqual(Int32Array.from([1, 5]));
    expect(cache.find(step, words(1, 0, 7))?.events).toBe(3);
    expect(cache.find(step, words(2, 9, 7))).toBeUndefined();
    expect(cache.find(step, words(1, 9, 8))).toBeUndefined();
    expect(cache.find({ ...step }, words(1, 9, 7))).toBeUndefined();
  });

  it("refuses rules that read another word next on the same values, or stop reading where they went on", () => {
    const cache = new TransitionCache();
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
