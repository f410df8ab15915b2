/**
 * termination decided whole by the compact engine, on the state graph of an exact run
 * without reductions (graph.ts), exactly as properties/termination.ts defines it on a StateSpace:
 * every initiated snapshot completes under weak fairness of deliveries. Violated by a reachable
 * deadlock with the snapshot in progress (the search finds those itself: `noStuckSnapshot`), or by
 * a fair cycle of in-progress states: within a strongly connected component of in-progress
 * expanded states (src/graph/scc.ts), a cycle through all of it is fair iff every delivery enabled
 * in all its states is taken on one of its edges. Components are tried in order of their smallest
 * id (their shallowest state), and the lasso is built as the generic check builds it: the shortest
 * path to that state, then a cycle back to it made fair by detours through a state where a starved
 * delivery is disabled or an edge that takes it. Deliveries are compared by their step codes (equal
 * codes, equal labels), so no label string is made outside the reported path.
 */
import { stronglyConnectedComponents } from "../graph/scc.js";
import { channelName, processName } from "../model/topology.js";
import type { GlobalState, Step } from "../model/types.js";
import type { EngineResult, EngineVerdict } from "./explore.js";
import { type EngineGraph, EXPANDED, type ExactSpace, INITIATED, isDelivery } from "./graph.js";

/**
 * The termination verdict of an exact run without reductions (`result.space` present): its stuck
 * snapshot if the search found one, else a fair cycle of in-progress states on the state graph,
 * with its lasso (`violation.loop`). May throw OutOfMemoryBudget while building the graph.
 */
export function checkTermination(result: EngineResult): EngineVerdict {
  if (!result.noStuckSnapshot.holds) return result.noStuckSnapshot;
  const space = result.space;
  if (space === undefined) {
    throw new RangeError("termination's fair cycles need the state graph of an exact run without reductions");
  }
  const graph = space.graph();
  const entry = fairComponentEntry(graph);
  if (entry === undefined) return result.noStuckSnapshot;
  const { component } = entry;
  const inside = (v: number) => component[v] === component[entry.state];
  const cycle = fairLoop(graph, entry.state, inside);
  const ids = space.idsTo(entry.state);
  const states = ids.map((id) => space.state(id));
  const steps: Step[] = ids.slice(1).map((id) => space.stepInto(id));
  const loop = states.length - 1;
  for (const e of cycle) {
    steps.push(space.step(graph.steps[e] as number));
    states.push(space.state(graph.targets[e] as number));
  }
  const state = states[loop] as GlobalState;
  return {
    holds: false,
    complete: true,
    violation: {
      reason: `the run can cycle forever, fairly, while ${missing(state, space)}`,
      depth: graph.depth[entry.state] as number,
      state,
      path: { steps, states },
      loop,
    },
  };
}

/**
 * The smallest-id state of the first fair component (in order of smallest id), with the component
 * numbering; undefined if there is none.
 */
function fairComponentEntry(graph: EngineGraph): { state: number; component: Int32Array } | undefined {
  const { start, targets, steps, flags } = graph;
  const inProgress = (v: number) => ((flags[v] as number) & 7) === (INITIATED | EXPANDED);
  const { component, count } = stronglyConnectedComponents(graph, inProgress);
  // The members of each component, ascending, by counting sort: component c's are
  // members[first[c] .. first[c + 1]).
  const first = new Int32Array(count + 1);
  for (let v = 0; v < graph.order; v++) {
    const c = component[v] as number;
    if (c >= 0) first[c + 1] = (first[c + 1] as number) + 1;
  }
  for (let c = 0; c < count; c++) first[c + 1] = (first[c + 1] as number) + (first[c] as number);
  const members = new Int32Array(first[count] as number);
  const fill = first.slice(0, count);
  for (let v = 0; v < graph.order; v++) {
    const c = component[v] as number;
    if (c < 0) continue;
    const at = fill[c] as number;
    fill[c] = at + 1;
    members[at] = v;
  }
  let codes = 0;
  for (let e = 0; e < steps.length; e++) codes = Math.max(codes, (steps[e] as number) + 1);
  // Per delivery code: in how many of the component's states it is enabled; whether an internal edge takes it.
  const enabledIn = new Int32Array(codes);
  const taken = new Uint8Array(codes);
  const seen = new Uint8Array(count);
  for (let root = 0; root < graph.order; root++) {
    const c = component[root] as number;
    if (c < 0 || seen[c] === 1) continue;
    seen[c] = 1;
    const states = members.subarray(first[c] as number, first[c + 1] as number);
    let internal = false;
    for (const v of states) {
      for (let e = start[v] as number; e < (start[v + 1] as number); e++) {
        const code = steps[e] as number;
        if (!isDelivery(code)) continue;
        enabledIn[code] = (enabledIn[code] as number) + 1;
        if (component[targets[e] as number] === c) taken[code] = 1;
      }
      for (let e = start[v] as number; e < (start[v + 1] as number); e++) {
        if (component[targets[e] as number] === c) internal = true;
      }
    }
    let fair = internal;
    for (const v of states) {
      for (let e = start[v] as number; e < (start[v + 1] as number); e++) {
        const code = steps[e] as number;
        if (enabledIn[code] === states.length && taken[code] === 0) fair = false;
      }
    }
    for (const v of states) {
      for (let e = start[v] as number; e < (start[v + 1] as number); e++) {
        enabledIn[steps[e] as number] = 0;
        taken[steps[e] as number] = 0;
      }
    }
    if (fair) return { state: root, component };
  }
  return undefined;
}

/**
 * A cycle of edges from `entry` back to it, inside the component, that is weakly fair (as in
 * properties/termination.ts): while some delivery is enabled in all the cycle's states and taken
 * on none of its edges, add a round trip through a state where it is disabled or an edge that
 * takes it. Each round trip only shrinks the set of starved deliveries, so this ends.
 */
function fairLoop(graph: EngineGraph, entry: number, inside: (v: number) => boolean): number[] {
  const { start, targets, steps } = graph;
  const enables = (v: number, code: number) => {
    for (let e = start[v] as number; e < (start[v + 1] as number); e++) if (steps[e] === code) return true;
    return false;
  };
  let cycle = roundTrip(graph, entry, inside, (_, e) => targets[e] === entry);
  for (;;) {
    const sources = [entry, ...cycle.slice(0, -1).map((e) => targets[e] as number)];
    const taken = new Set(cycle.map((e) => steps[e] as number));
    let starved: number | undefined;
    for (let e = start[entry] as number; e < (start[entry + 1] as number) && starved === undefined; e++) {
      const code = steps[e] as number;
      if (isDelivery(code) && !taken.has(code) && sources.every((v) => enables(v, code))) starved = code;
    }
    if (starved === undefined) return cycle;
    const code = starved;
    cycle = [...cycle, ...roundTrip(graph, entry, inside, (v, e) => !enables(v, code) || steps[e] === code)];
  }
}

/**
 * The edges of the shortest path entry → … → u, then an edge e out of u satisfying `wanted`, then
 * the shortest path from e's target back to entry; all inside the component.
 */
function roundTrip(
  graph: EngineGraph,
  entry: number,
  inside: (v: number) => boolean,
  wanted: (from: number, edge: number) => boolean,
): number[] {
  const { start, targets } = graph;
  const via = new Map<number, number>([[entry, -1]]);
  const queue = [entry];
  for (let i = 0; i < queue.length; i++) {
    const u = queue[i] as number;
    for (let e = start[u] as number; e < (start[u + 1] as number); e++) {
      const v = targets[e] as number;
      if (!inside(v)) continue;
      if (wanted(u, e)) return [...edgesTo(graph, via, u), e, ...shortestPath(graph, v, entry, inside)];
      if (!via.has(v)) {
        via.set(v, e);
        queue.push(v);
      }
    }
  }
  throw new RangeError("no such edge inside the component");
}

/** The edges of a shortest path from `from` to `to` inside the component. */
function shortestPath(
  graph: EngineGraph,
  from: number,
  to: number,
  inside: (v: number) => boolean,
): number[] {
  const { start, targets } = graph;
  const via = new Map<number, number>([[from, -1]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const u = queue[i] as number;
    if (u === to) return edgesTo(graph, via, u);
    for (let e = start[u] as number; e < (start[u + 1] as number); e++) {
      const v = targets[e] as number;
      if (inside(v) && !via.has(v)) {
        via.set(v, e);
        queue.push(v);
      }
    }
  }
  throw new RangeError("the component is not strongly connected");
}

/** The edges from a search's root to `end`, following `via` (the edge that reached each state). */
function edgesTo(graph: EngineGraph, via: ReadonlyMap<number, number>, end: number): number[] {
  const edges: number[] = [];
  for (let e = via.get(end) ?? -1; e >= 0; e = via.get(sourceOf(graph, e)) ?? -1) edges.push(e);
  return edges.reverse();
}

/** The state edge `e` leaves (binary search over the start offsets). */
function sourceOf(graph: EngineGraph, e: number): number {
  let lo = 0;
  let hi = graph.order - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((graph.start[mid] as number) <= e) lo = mid;
    else hi = mid - 1;
  }
  // The last state starting at or before e: start[lo] ≤ e < start[lo + 1].
  return lo;
}

/** What the snapshot still lacks in `state`, as a phrase (as properties/termination.ts says it). */
function missing(state: GlobalState, space: ExactSpace): string {
  const snapshot = state.snapshots[0];
  const topology = space.topology;
  const unrecorded = snapshot?.recorded.flatMap((r, p) => (r === null ? [processName(p)] : [])) ?? [];
  const open =
    snapshot?.records.flatMap((r, c) => (r.closed ? [] : [channelName(topology.channel(c))])) ?? [];
  const parts = [
    unrecorded.length > 0 ? `${unrecorded.join(", ")} never recorded` : "",
    open.length > 0 ? `${open.join(", ")} still recording` : "",
  ].filter((s) => s !== "");
  return `the snapshot is incomplete (${parts.join("; ")})`;
}
