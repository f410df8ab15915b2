/**
 * The fast checker's stable-detection verdicts, shortest counterexample lengths and state counts on
 * tiny configurations agree with the naive, independent check in stable-naive.ts.
 */
import { describe, expect, it } from "vitest";
import { stableDetection } from "../../properties/stable-detection.js";
import { check } from "../../src/engine/check.js";
import { mutants } from "../mutants/chandy-lamport-mutants.js";
import { modelOf } from "../support/models.js";
import { naiveStableCheck } from "./stable-naive.js";

const CASES = [
  // workload, budgets, fifo, record from start → naive shortest false / missed detection, states
  ["diffusing", [1, 0], true, false, null, null, 58],
  ["diffusing", [1, 0], false, false, 5, null, 82],
  ["diffusing", [1, 0], true, true, null, 7, 58],
  ["diffusing", [1, 1], false, false, 5, null, 323],
  ["diffusing", [1, 1, 0], true, false, null, null, 4_817],
  ["deadlock", [1, 1], true, false, null, null, 135],
  ["deadlock", [1, 1], false, false, 6, null, 381],
  ["deadlock", [2, 1], true, false, null, null, 310],
  ["deadlock", [2, 1], true, true, null, 10, 336],
] as const;

describe("stable-detection, cross-checked by a naive independent search", () => {
  it.each(CASES)(
    "%s %j fifo=%s record-from-start=%s: false detection %s, missed detection %s, %i states",
    (workload, budgets, fifo, recordFromStart, falseAt, missedAt, states) => {
      const naive = naiveStableCheck({ workload, budgets, fifo, recordFromStart });
      expect(naive).toEqual({ states, falseAt, missedAt });

      const model = modelOf({
        workload,
        balances: budgets,
        channels: fifo ? "fifo" : "nonfifo",
        ...(recordFromStart ? { algorithm: mutants.recordFromStart } : {}),
      });
      const result = check(model, [stableDetection], { limits: {} });
      expect(result.stats.distinctStates).toBe(naive.states);
      const shortestNaive = [falseAt, missedAt].filter((x) => x !== null).sort((a, b) => a - b)[0];
      expect(result.verdicts[0]?.counterexample?.steps.length).toBe(shortestNaive);
    },
  );
});
