/**
 * termination — liveness under weak fairness of deliveries: every run that initiates the snapshot
 * completes it, provided that a delivery which stays enabled is eventually taken. A delivery is
 * identified by its label (channel and message, e.g. `deliver(c(0,1): M)`); initiations and
 * application steps need no fairness. Violated by a reachable deadlock in which the snapshot is in
 * progress, or by a fair cycle of in-progress states: within a strongly connected component of
 * in-progress states, a cycle through all of it is fair iff every delivery enabled in all its
 * states is taken on one of its edges (weak fairness needs no recursion into sub-components).
 * With several snapshot instances, every initiated instance must complete: a state is in progress
 * while some instance is (an instance never leaves "initiated" or "complete", so a strongly
 * connected component has the same instances in progress throughout).
 */
import type { LivenessProperty, LivenessViolation } from "../src/engine/property.js";
import type { StateSpace } from "../src/engine/state-space.js";
import { stronglyConnectedComponents } from "../src/graph/scc.js";
import type { Model } from "../src/model/model.js";
import { isInProgress } from "../src/model/snapshot.js";
import { channelName, processName } from "../src/model/topology.js";
import type { GlobalState, Step } from "../src/model/types.js";

export const termination: LivenessProperty = {
  kind: "eventually",
  name: "termination",
  description:
    "every initiated snapshot completes, under weak fairness of deliveries (no stuck state, no fair cycle while it is in progress)",
  check(space, model) {
    // The states a fair cycle may run through: in progress, and expanded (so every step is an edge).
    const cycling = new Uint8Array(space.size);
    for (let id = 0; id < space.size; id++) {
      if (!space.inProgress(id)) continue;
      if (space.enabledCount(id) === 0) {
        return {
          reason: `no step is enabled, yet ${missing(space.state(id), model)}`,
          path: space.pathTo(id),
          instance: stuckInstance(space.state(id)),
        };
      }
      if (space.isExpanded(id)) cycling[id] = 1;
    }
    return fairCycle(space, model, (id) => cycling[id] === 1);
  },
};

/** The first instance in progress in `state`. */
function stuckInstance(state: GlobalState): number {
  return Math.max(0, state.snapshots.findIndex(isInProgress));
}

/** What the snapshot (the first instance in progress) still lacks, as a phrase. */
function missing(state: GlobalState, model: Model): string {
  const instance = stuckInstance(state);
  const snapshot = state.snapshots[instance];
  const unrecorded = snapshot?.recorded.flatMap((r, p) => (r === null ? [processName(p)] : [])) ?? [];
  const open =
    snapshot?.records.flatMap((r, c) => (r.closed ? [] : [channelName(model.topology.channel(c))])) ?? [];
  const parts = [
    unrecorded.length > 0 ? `${unrecorded.join(", ")} never recorded` : "",
    open.length > 0 ? `${open.join(", ")} still recording` : "",
  ].filter((s) => s !== "");
  const which = state.snapshots.length > 1 ? `snapshot #${instance}` : "snapshot";
  return `the ${which} is incomplete (${parts.join("; ")})`;
}

/** The deliveries state `id` enables, by label (what weak fairness is about). */
function deliveryLabels(space: StateSpace, id: number, model: Model): Set<string> {
  return new Set(space.enabledSteps(id).flatMap((s) => (s.kind === "deliver" ? [model.label(s)] : [])));
}

function fairCycle(
  space: StateSpace,
  model: Model,
  include: (id: number) => boolean,
): LivenessViolation | undefined {
  const fairness = new Fairness(space.deliveryLabels.size);
  // The fair component whose shallowest state comes first (states are numbered breadth-first), so
  // the lasso found has a short stem: each component is judged as the search completes it, while
  // its states and their edges are fresh in the cache.
  let chosen = -1;
  let entry = -1;
  const { component } = stronglyConnectedComponents(space, include, (c, members, from, to, ids) => {
    let shallowest = members[from] as number;
    for (let i = from + 1; i < to; i++) shallowest = Math.min(shallowest, members[i] as number);
    if (entry >= 0 && entry < shallowest) return;
    // A component of several states has a cycle through them all; one of a single state (most
    // are) only if it has a self-loop.
    if (to - from === 1 && !hasSelfLoop(space, shallowest)) return;
    if (!fairness.everyConstantDeliveryTaken(space, members, from, to, ids, c)) return; // every cycle here starves one
    chosen = c;
    entry = shallowest;
  });
  if (chosen < 0) return undefined;
  const inside = (id: number) => component[id] === chosen;
  const cycle = fairLoop(space, model, entry, inside);
  const stem = space.pathTo(entry);
  return {
    reason: `the run can cycle forever, fairly, while ${missing(space.state(entry), model)}`,
    instance: stuckInstance(space.state(entry)),
    path: [...stem, ...cycle.slice(1)],
    loop: stem.length - 1,
  };
}

/** Weak fairness of a component, read from the delivery each of its edges takes (state-space.ts). */
class Fairness {
  /** Per delivery id: the component that last met it, in how many of its states it is enabled, whether an inner edge takes it. */
  private readonly pass: Int32Array;
  private readonly enabledIn: Int32Array;
  private readonly taken: Uint8Array;
  /** Per delivery id: the last state found enabling it (a state counts once, however many edges take it). */
  private readonly lastState: Int32Array;
  private passes = 0;

  constructor(deliveries: number) {
    this.pass = new Int32Array(deliveries);
    this.enabledIn = new Int32Array(deliveries);
    this.taken = new Uint8Array(deliveries);
    this.lastState = new Int32Array(deliveries).fill(-1);
  }

  /**
   * Is component c, states[from .. to), fair: is every delivery enabled in all its states taken
   * on one of its inner edges? (Every enabled step of an expanded state is one of its edges;
   * `component` names each state's component.)
   */
  everyConstantDeliveryTaken(
    space: StateSpace,
    states: Int32Array,
    from: number,
    to: number,
    component: Int32Array,
    c: number,
  ): boolean {
    const pass = ++this.passes;
    const met: number[] = [];
    for (let i = from; i < to; i++) {
      const id = states[i] as number;
      const end = space.edgeStart(id + 1);
      for (let e = space.edgeStart(id); e < end; e++) {
        const d = space.edgeDelivery(e);
        if (d < 0) continue;
        if (this.pass[d] !== pass) {
          this.pass[d] = pass;
          this.enabledIn[d] = 0;
          this.taken[d] = 0;
          met.push(d);
        }
        if (this.lastState[d] !== id) {
          this.lastState[d] = id;
          this.enabledIn[d] = (this.enabledIn[d] as number) + 1;
        }
        const target = space.edgeTarget(e);
        if (target >= 0 && component[target] === c) this.taken[d] = 1;
      }
    }
    return met.every((d) => this.enabledIn[d] !== to - from || this.taken[d] === 1);
  }
}

/**
 * A cycle from `entry` back to it, inside the component, that is weakly fair: while some delivery
 * is enabled in all the cycle's states and never taken on it, add a round trip through a state
 * where it is disabled or an edge that takes it (the component being fair, one exists). Each round
 * trip only shrinks the set of starved deliveries, so this ends.
 */
function fairLoop(space: StateSpace, model: Model, entry: number, inside: (id: number) => boolean): number[] {
  let cycle = roundTrip(space, entry, inside, (_, [, t]) => t === entry);
  for (;;) {
    const taken = new Set<string>();
    cycle.slice(1).forEach((to, i) => {
      const from = cycle[i] as number;
      const edge = [...space.edges(from)].find(([, t]) => t === to);
      if (edge?.[0].kind === "deliver") taken.add(model.label(edge[0]));
    });
    const enabled = intersection(cycle.map((id) => deliveryLabels(space, id, model)));
    const starved = [...enabled].find((label) => !taken.has(label));
    if (starved === undefined) return cycle;
    const detour = roundTrip(
      space,
      entry,
      inside,
      (id, [step]) => !deliveryLabels(space, id, model).has(starved) || model.label(step) === starved,
    );
    cycle = [...cycle, ...detour.slice(1)];
  }
}

/**
 * The shortest path entry → … → u, then an edge (u, step, v) satisfying `wanted`, then the
 * shortest path v → … → entry; all inside the component. (`wanted` is offered every internal edge;
 * for "reach a state" targets it simply tests the edge's source.)
 */
function roundTrip(
  space: StateSpace,
  entry: number,
  inside: (id: number) => boolean,
  wanted: (from: number, edge: [Step, number]) => boolean,
): number[] {
  const parent = new Map<number, number>([[entry, -1]]);
  const queue = [entry];
  for (let i = 0; i < queue.length; i++) {
    const u = queue[i] as number;
    for (const edge of space.edges(u)) {
      const v = edge[1];
      if (!inside(v)) continue;
      if (wanted(u, edge)) return [...walkBack(parent, u), ...shortestPath(space, v, entry, inside)];
      if (!parent.has(v)) {
        parent.set(v, u);
        queue.push(v);
      }
    }
  }
  throw new RangeError("no such edge inside the component");
}

function shortestPath(
  space: StateSpace,
  from: number,
  to: number,
  inside: (id: number) => boolean,
): number[] {
  const parent = new Map<number, number>([[from, -1]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const u = queue[i] as number;
    if (u === to) return walkBack(parent, u);
    for (const [, v] of space.edges(u)) {
      if (inside(v) && !parent.has(v)) {
        parent.set(v, u);
        queue.push(v);
      }
    }
  }
  throw new RangeError("the component is not strongly connected");
}

/** Does some edge lead from state `id` back to itself? */
function hasSelfLoop(space: StateSpace, id: number): boolean {
  const end = space.edgeStart(id + 1);
  for (let e = space.edgeStart(id); e < end; e++) if (space.edgeTarget(e) === id) return true;
  return false;
}

function walkBack(parent: ReadonlyMap<number, number>, end: number): number[] {
  const path: number[] = [];
  for (let at = end; at >= 0; at = parent.get(at) ?? -1) path.push(at);
  return path.reverse();
}

function intersection(sets: readonly Set<string>[]): Set<string> {
  const [first, ...rest] = sets;
  return new Set([...(first ?? [])].filter((x) => rest.every((s) => s.has(x))));
}
