/**
 * The playground's use of the checker, in Node: its figures are the library's, a counterexample
 * travels as a trace that replays to the same run, the graph is sent only for small spaces, and a
 * property that cannot be decided is named as skipped.
 */
import { describe, expect, it } from "vitest";
import { properties } from "../../properties/index.js";
import { traceInputOf } from "../../src/cli/trace-input.js";
import { buildModel, parseConfig } from "../../src/config.js";
import { check } from "../../src/engine/check.js";
import { ConfigError } from "../../src/errors.js";
import { explore, GRAPH_LIMIT } from "../../src/playground/engine.js";

describe("the playground's exploration", () => {
  it("reports the library's figures, and each counterexample as a trace that replays to it", () => {
    const raw = { balances: "1,1", channels: "nonfifo", maxDepth: "6" };
    const outcome = explore(raw);
    const config = parseConfig(
      raw,
      properties.map((p) => p.name),
    );
    const model = buildModel(config);
    const direct = check(
      model,
      properties.filter((p) => p.appliesTo?.(model) !== false),
      { limits: { maxDepth: 6 } },
    );
    expect(outcome.states).toBe(direct.stats.distinctStates);
    expect(outcome.transitions).toBe(direct.stats.transitions);
    expect(outcome.search).toBe("depth ≤ 6");
    const cut = outcome.properties.find((p) => p.name === "consistent-cut");
    const cx = direct.verdicts.find((v) => v.property.name === "consistent-cut")?.counterexample;
    expect(cut?.steps).toBe(cx?.steps.length);
    const replayed = traceInputOf(cut?.trace ?? "", "cx.itf.json");
    expect(replayed.run.steps.map((s) => model.label(s))).toEqual(cx?.steps.map((s) => model.label(s)));
    expect(replayed.view.reason).toBe(cx?.reason);
    // The run's path through the graph starts at the initial state and follows its edges.
    const path = outcome.graph?.paths["consistent-cut"] ?? [];
    expect(path[0]).toBe(0);
    for (let i = 1; i < path.length; i++)
      expect(outcome.graph?.edges.some((e) => e.from === path[i - 1] && e.to === path[i])).toBe(true);
  });

  it("sends the graph only for a small space, and names what it could not check", () => {
    // 45,075 states, bounded a few times above: a blown-up space fails at once.
    const large = explore({ balances: "1,1,0", channels: "fifo", maxStates: "200000" });
    expect(large.search).toBe("exhaustive");
    expect(large.states).toBeGreaterThan(GRAPH_LIMIT);
    expect(large.graph).toBeUndefined();
    expect(large.graphNote).toContain(large.states.toLocaleString("en"));
    const duplicating = explore({ balances: "1,1", channels: "fifo,duplicating", maxDepth: "4" });
    expect(duplicating.graph?.nodes).toHaveLength(duplicating.states);
    expect(duplicating.skipped.map((s) => s.name)).toEqual(["reachable-cut"]);
    expect(duplicating.properties.map((p) => p.name)).not.toContain("reachable-cut");
  });

  it("refuses a bad field with the configuration's own error", () => {
    expect(() => explore({ balances: "1,x" })).toThrow(ConfigError);
    expect(() => explore({ balances: "1,1", workload: "<b>" })).toThrow(/^workload: /);
  });
});
