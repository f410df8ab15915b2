/**
 * Limits hold from the first millisecond: a state limit keeps the default depth bound of an
 * infinite space (and says so), and the work before the search — the application graph of
 * reachable-cut — obeys the state and memory bounds, leaving that property out with the reason
 * and the fix while the others are checked.
 */
import { describe, expect, it } from "vitest";
import { snapcheck, tmp } from "../support/cli.js";

describe("limits", () => {
  it("keeps the default depth bound under nonfifo when only a state limit is given", () => {
    const r = snapcheck(
      "explore",
      "--balances",
      "1,0",
      "--channels",
      "nonfifo",
      "--max-states",
      "20000",
      "--out",
      tmp(),
    );
    expect(r.stdout).toMatch(
      /Search: bounded: depth ≤ 12 \(default bound: under nonfifo the state space is infinite\), at most 20000 states/,
    );
    expect(r.stdout).toContain("stopped by max-depth");
  });

  it("leaves reachable-cut out when its application graph exceeds the bounds, and checks the rest", () => {
    const balances = Array.from({ length: 12 }, () => "1").join(",");
    const r = snapcheck(
      "explore",
      "--balances",
      balances,
      "--max-states",
      "1000",
      "--max-memory",
      "1024",
      "--json",
      "--out",
      tmp(),
    );
    expect(r.code).toBe(3);
    const report = JSON.parse(r.stdout) as {
      skipped: { name: string; reason: string }[];
      properties: { name: string }[];
      stats: { distinctStates: number };
    };
    const skipped = report.skipped.find((s) => s.name === "reachable-cut");
    expect(skipped?.reason).toMatch(
      /could not be explored whole \(it has more than 1,000 states\): leave reachable-cut out/,
    );
    expect(report.properties.map((p) => p.name)).toEqual(["consistent-cut", "conservation", "termination"]);
    expect(report.stats.distinctStates).toBeGreaterThanOrEqual(1000);
  });
});
