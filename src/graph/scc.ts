/**
 * Strongly connected components by Tarjan's algorithm, iterative: graphology-components' version is
 * recursive and overflows the stack past ~8,000 nodes, and state graphs have millions. The graph
 * comes in compressed-sparse-row form, as the state graph keeps it: the successors of v are the
 * targets of its edges edgeStart(v) .. edgeStart(v + 1) − 1.
 */

export interface CsrGraph {
  /** Vertices: 0 .. size − 1. */
  readonly size: number;
  edgeStart(v: number): number;
  /** Edge e's target; a negative one is ignored (an edge to a state that was not stored). */
  edgeTarget(e: number): number;
}

export interface Components {
  /** component[v]: the component of v, or -1 when v is excluded. */
  readonly component: Int32Array;
  readonly count: number;
}

/**
 * Told of each component as it is completed (after every component it reaches): its id, and its
 * vertices, members[from .. to). `component` (what the result will hold) already holds its id for
 * them, and −1 for the vertices of components not completed yet.
 */
export type ComponentSink = (
  id: number,
  members: Int32Array,
  from: number,
  to: number,
  component: Int32Array,
) => void;

/**
 * The SCCs of the subgraph induced by the vertices for which `include` holds; `onComponent` is
 * told of each one as it is completed, while its vertices and their edges are fresh in the cache.
 */
export function stronglyConnectedComponents(
  graph: CsrGraph,
  include: (v: number) => boolean,
  onComponent?: ComponentSink,
): Components {
  const n = graph.size;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  // Tarjan's stack, and the call stack of the recursive formulation (a vertex and the position of
  // its next edge): each holds a vertex at most once, so n entries are room enough.
  const stack = new Int32Array(n);
  let stacked = 0;
  const callVertex = new Int32Array(n);
  const callEdge = new Int32Array(n);
  let calls = 0;
  let nextIndex = 0;
  let count = 0;

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1 || !include(root)) continue;
    callVertex[calls] = root;
    callEdge[calls] = graph.edgeStart(root);
    calls++;
    index[root] = low[root] = nextIndex++;
    stack[stacked++] = root;
    while (calls > 0) {
      const top = calls - 1;
      const v = callVertex[top] as number;
      const e = callEdge[top] as number;
      const end = graph.edgeStart(v + 1);
      if (e < end) {
        callEdge[top] = e + 1;
        const w = graph.edgeTarget(e);
        if (w < 0 || !include(w)) continue;
        if (index[w] === -1) {
          index[w] = low[w] = nextIndex++;
          stack[stacked++] = w;
          callVertex[calls] = w;
          callEdge[calls] = graph.edgeStart(w);
          calls++;
        } else if (component[w] === -1) {
          // Visited and in no component yet: still on Tarjan's stack.
          low[v] = Math.min(low[v] as number, index[w] as number);
        }
        continue;
      }
      // All edges of v done: v roots a component if its low link is its own index.
      if (low[v] === index[v]) {
        const above = stacked;
        let w: number;
        do {
          w = stack[--stacked] as number;
          component[w] = count;
        } while (w !== v);
        onComponent?.(count, stack, stacked, above, component);
        count++;
      }
      calls--;
      if (calls > 0) {
        const parent = callVertex[calls - 1] as number;
        low[parent] = Math.min(low[parent] as number, low[v] as number);
      }
    }
  }
  return { component, count };
}
