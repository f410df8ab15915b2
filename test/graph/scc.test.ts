/** The iterative Tarjan SCC against the definition (mutual reachability), and at a depth that breaks recursion. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CsrGraph, stronglyConnectedComponents } from "../../src/graph/scc.js";

function csr(order: number, edges: readonly [number, number][]) {
  const sorted = [...edges].sort((a, b) => a[0] - b[0]);
  const start: number[] = [];
  let e = 0;
  for (let v = 0; v <= order; v++) {
    while (e < sorted.length && (sorted[e]?.[0] ?? 0) < v) e++;
    start.push(e);
  }
  return graphOf(
    order,
    start,
    sorted.map(([, t]) => t),
  );
}

/** The graph whose successors of v are targets[start[v] .. start[v + 1]). */
function graphOf(size: number, start: readonly number[], targets: readonly number[]): CsrGraph {
  return { size, edgeStart: (v) => start[v] ?? targets.length, edgeTarget: (e) => targets[e] ?? -1 };
}

function reachable(edges: readonly [number, number][], from: number): Set<number> {
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length > 0) {
    const u = queue.pop() as number;
    for (const [a, b] of edges) if (a === u && !seen.has(b)) seen.add(b) && queue.push(b);
  }
  return seen;
}

describe("stronglyConnectedComponents", () => {
  it("puts two vertices in one component iff each reaches the other", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 12 })
          .chain((n) =>
            fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 30 })),
          ),
        ([n, edges]) => {
          const { component } = stronglyConnectedComponents(csr(n, edges), () => true);
          const reach = Array.from({ length: n }, (_, v) => reachable(edges, v));
          for (let a = 0; a < n; a++) {
            for (let b = 0; b < n; b++) {
              const mutual = reach[a]?.has(b) === true && reach[b]?.has(a) === true;
              expect(component[a] === component[b]).toBe(mutual);
            }
          }
        },
      ),
    );
  });

  it("handles a 200,000-state cycle without overflowing the stack", () => {
    const n = 200_000;
    const graph = graphOf(
      n,
      Array.from({ length: n + 1 }, (_, v) => v),
      Array.from({ length: n }, (_, v) => (v + 1) % n),
    );
    const { count, component } = stronglyConnectedComponents(graph, () => true);
    expect(count).toBe(1);
    expect(component[n - 1]).toBe(0);
  });

  it("excludes vertices the filter rejects", () => {
    const { component } = stronglyConnectedComponents(
      csr(3, [
        [0, 1],
        [1, 2],
        [2, 0],
      ]),
      (v) => v !== 1,
    );
    expect(component[1]).toBe(-1);
    expect(component[0]).not.toBe(component[2]);
  });
});
