/** The graphology global-state graph mirrors the state space exactly. */
import { describe, expect, it } from "vitest";
import { toGraphology } from "../../src/graph/state-graph.js";
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
