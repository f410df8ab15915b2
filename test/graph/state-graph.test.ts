/** The graphology global-state graph mirrors the state space exactly, and the state space's edges replay. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildModel, parseConfig } from "../../src/config.js";
import { search } from "../../src/engine/search.js";
import type { StateSpace } from "../../src/engine/state-space.js";
import { stubbornSteps } from "../../src/engine/stubborn-steps.js";
import { toGraphology } from "../../src/graph/state-graph.js";
import type { Model } from "../../src/model/model.js";
import { readCos418 } from "../../src/scenarios/cos418.js";
import { checkAll } from "../support/models.js";

describe("toGraphology", () => {
  it("has one node per distinct state and one edge per explored transition, labelled", () => {
    const result = checkAll({ balances: [1, 1] }, { maxStates: 720 });
    expect(result.stats.stop).toBe("exhausted");
    const graph = toGraphology(result.space);
    expect(graph.order).toBe(result.stats.distinctStates);
    expect(graph.size).toBe(result.stats.transitions);
    expect(graph.getNodeAttribute("0", "depth")).toBe(0);
    const labels = graph.mapOutEdges("0", (_, attributes) => attributes.step).sort();
    expect(labels).toEqual(["initiate(P0)", "send(P0→P1)", "send(P1→P0)"]);
    expect(graph.filterNodes((_, a) => a.complete).length).toBe(result.stats.completeSnapshots);
  });
});

describe("the state space's edges", () => {
  /** Every edge's step, applied to its source, gives its target; and a state has one edge per step taken. */
  function expectEdgesReplay(space: StateSpace, model: Model): number {
    let edges = 0;
    const next = new Int32Array(model.width);
    for (let id = 0; id < space.size; id++) {
      if (!space.isExpanded(id)) continue;
      const from = space.words(id);
      for (const [step, target] of space.edges(id)) {
        model.apply(from, step, next);
        expect([...next]).toEqual([...space.words(target)]);
        edges++;
      }
    }
    return edges;
  }

  it("name the step each takes, in a whole space and in one reduced to some steps per state", () => {
    const imported = readCos418(
      { text: readFileSync("examples/cos418/3nodes.top", "utf8"), path: "3nodes.top" },
      {
        text: readFileSync("examples/cos418/3nodes-crossing.events", "utf8"),
        path: "3nodes-crossing.events",
      },
    );
    const model = buildModel(parseConfig(imported.config, []));
    const reduction = stubbornSteps(model);
    if (typeof reduction === "string") throw new Error(reduction);
    const limits = { maxStates: 50_000 };
    const whole = search(model, [], { limits, graph: true });
    const reduced = search(model, [], { limits, graph: true, reduction });
    expect(expectEdgesReplay(whole.space, model)).toBe(whole.space.transitions);
    // Some state took fewer steps than it enables, so its edges' steps are not its first ones.
    expect(reduced.space.transitions).toBeLessThan(whole.space.transitions);
    expect(expectEdgesReplay(reduced.space, model)).toBe(reduced.space.transitions);
  });
});
