/**
 * The one breadth-first search every exhaustive check shares. It explores the model paired with
 * the monitors of the safety properties being checked: a node is a model state plus one monitor
 * state per property. Model statistics and the state graph are the projection onto model states —
 * a model state's first node is found at its shortest distance, and expanded in model-id order —
 * so the counts are those of the model alone, exactly. A property's first violation found is a
 * shortest one (nodes are expanded in order of depth); its monitor is then retired, so the search
 * goes on for the others without telling apart runs that differ only for it.
 */
import { getHeapStatistics } from "node:v8";
import type { Model } from "../model/model.js";
import type { GlobalState, Step } from "../model/types.js";
import type { Limits, ProgressSink, StopReason } from "./limits.js";
import type { Monitor, MonitorOutcome } from "./property.js";
import { SearchTree } from "./search-tree.js";
import { StateSpace } from "./state-space.js";

/** A shortest run violating one property: `states[k+1]` is the state after `steps[k]`. */
export interface FoundViolation {
  readonly reason: string;
  readonly steps: readonly Step[];
  readonly states: readonly GlobalState[];
}

export interface SearchResult {
  readonly space: StateSpace;
  /** Per monitor, in order: its first (shortest) violation, if any. */
  readonly violations: readonly (FoundViolation | undefined)[];
  readonly stop: StopReason;
  readonly maxDepth: number;
  /** Nodes searched: model states paired with monitor states. */
  readonly nodes: number;
}

interface Node {
  readonly state: number;
  readonly monitors: readonly unknown[];
}

const RETIRED = Symbol("retired");
const PROGRESS_EVERY = 2048;

/**
 * Told of every violating step the search meets, not only the first per monitor: the monitor's
 * index, why, the state the step reaches, and (on demand) the shortest run found to it.
 */
export type ViolationSink = (found: {
  readonly monitor: number;
  readonly reason: string;
  readonly state: GlobalState;
  readonly run: () => FoundViolation;
}) => void;

export function search(
  model: Model,
  monitors: readonly Monitor<unknown>[],
  limits: Limits,
  progress?: ProgressSink,
  onViolation?: ViolationSink,
): SearchResult {
  const started = performance.now();
  let nextReport = started + 1000;
  const maxDepth = limits.maxDepth ?? Number.POSITIVE_INFINITY;
  const maxStates = limits.maxStates ?? Number.POSITIVE_INFINITY;
  const heapBudget = memoryBudget(limits.maxMemoryMiB);
  const space = new StateSpace(model);
  const tree = new SearchTree<Node>();
  const violations: (FoundViolation | undefined)[] = monitors.map(() => undefined);
  let stop: StopReason = "exhausted";

  const nodeKey = (state: number, ms: readonly unknown[]) =>
    ms.length === 0
      ? `${state}`
      : `${state}#${ms.map((m, k) => (m === RETIRED ? "!" : (monitors[k] as Monitor<unknown>).key(m))).join("#")}`;
  const initialMonitors = monitors.map((m) => m.initial(model.initial));
  space.tree.add(model.key(model.initial), model.initial, -1, undefined, 0);
  tree.add(nodeKey(0, initialMonitors), { state: 0, monitors: initialMonitors }, -1, undefined, 0);

  for (let id = 0; id < tree.size; id++) {
    const node = tree.node(id);
    const depth = tree.depth(id);
    const from = space.state(node.state);
    const firstVisit = !space.visited(node.state);
    const steps = model.steps(from);
    if (depth >= maxDepth) {
      if (steps.length > 0) stop = "max-depth";
      if (firstVisit) space.addFrontier(node.state, steps.length);
      continue;
    }
    const targets: number[] = [];
    for (const step of steps) {
      const { state: to, events } = model.next(from, step);
      const key = model.key(to);
      let target = space.tree.idOf(key);
      if (target === undefined) {
        if (space.size >= maxStates) {
          stop = "max-states";
          targets.push(-1);
          continue;
        }
        target = space.tree.add(key, to, node.state, step, depth + 1);
      }
      targets.push(target);
      const observed = { from, step, to: space.state(target), events };
      for (const next of combinations(node.monitors.map((m, k) => advance(monitors[k], m, observed)))) {
        const ms = next.map((outcome, k) => {
          if (outcome === RETIRED) return RETIRED;
          if (outcome.ok) return outcome.monitor;
          violations[k] ??= violationAt(tree, space, id, step, target, outcome.reason);
          onViolation?.({
            monitor: k,
            reason: outcome.reason,
            state: space.state(target),
            run: () => violationAt(tree, space, id, step, target, outcome.reason),
          });
          return RETIRED;
        });
        const childKey = nodeKey(target, ms);
        if (tree.idOf(childKey) === undefined)
          tree.add(childKey, { state: target, monitors: ms }, id, step, depth + 1);
      }
    }
    if (firstVisit) space.addExpansion(node.state, steps, targets);
    if (id % PROGRESS_EVERY !== 0) continue;
    if (getHeapStatistics().used_heap_size > heapBudget) {
      stop = "max-memory";
      break;
    }
    if (progress !== undefined && performance.now() >= nextReport) {
      nextReport = performance.now() + 1000;
      progress({
        phase: "explore",
        states: space.size,
        queue: tree.size - id - 1,
        depth,
        seconds: (performance.now() - started) / 1000,
      });
    }
  }
  // The depth of a model state is that of its first node: its shortest distance.
  let deepest = 0;
  for (const d of space.tree.depths) deepest = Math.max(deepest, d);
  return { space, violations, stop, maxDepth: deepest, nodes: tree.size };
}

/** The heap size, in bytes, at which the search stops. */
function memoryBudget(maxMemoryMiB: number | undefined): number {
  const ceiling = 0.85 * getHeapStatistics().heap_size_limit;
  return maxMemoryMiB === undefined ? ceiling : Math.min(ceiling, maxMemoryMiB * 2 ** 20);
}

function advance(
  monitor: Monitor<unknown> | undefined,
  state: unknown,
  observed: Parameters<Monitor<unknown>["advance"]>[1],
): readonly (MonitorOutcome<unknown> | typeof RETIRED)[] {
  if (state === RETIRED || monitor === undefined) return [RETIRED];
  return monitor.advance(state, observed);
}

/** Every way of picking one outcome per monitor (almost always exactly one way). */
function combinations<T>(choices: readonly (readonly T[])[]): T[][] {
  if (choices.every((options) => options.length === 1)) return [choices.map((options) => options[0] as T)];
  let result: T[][] = [[]];
  for (const options of choices) result = result.flatMap((prefix) => options.map((o) => [...prefix, o]));
  return result;
}

function violationAt(
  tree: SearchTree<Node>,
  space: StateSpace,
  id: number,
  step: Step,
  target: number,
  reason: string,
): FoundViolation {
  const path = tree.pathTo(id);
  return {
    reason,
    steps: [...path.slice(1).map((n) => tree.steps[n] as Step), step],
    states: [...path.map((n) => space.state(tree.node(n).state)), space.state(target)],
  };
}
