/**
 * The breadth-first search of the exact store, on packed states (the model's words,
 * src/model/codec.ts); hashed-search.ts runs the same product on fingerprints or bits. It explores
 * the product of the model and the monitors of the safety
 * properties being checked (product.ts): a node is the model state's id followed by one word per monitor —
 * the interned id of that monitor's state — so the product is packed too and deduplicated by the
 * same exact store. Model statistics and the state graph are the projection onto model states:
 * a model state's first node is found at its shortest distance and is expanded first, so the
 * counts are those of the model alone, exactly. A property's first violation found is a shortest
 * one (nodes are expanded in order of depth); its monitor is then retired, so the search goes on
 * for the others without telling apart runs that differ only for it. Monitors see decoded states
 * only when they ask for them (ObservedStep's getters), and only steps that change something for
 * them cost more than a lookup. With symmetry, each successor's orbit representative is stored and
 * counted for its whole orbit; runs are made concrete again (concreteRun).
 */
import { ConfigError } from "../errors.js";
import type { Words } from "../model/codec.js";
import type { Model } from "../model/model.js";
import type { ProcessSymmetry } from "../model/symmetry.js";
import type { GlobalState, Run, Step } from "../model/types.js";
import { MemoryBudget, OutOfMemoryBudget } from "./budget.js";
import { clear } from "./clear.js";
import { IntColumn } from "./column.js";
import { Coverage, type CoverageRow } from "./coverage.js";
import type { Limits, ProgressSink, StopReason } from "./limits.js";
import { FigureTally, type ModelFigures } from "./model-figures.js";
import { CHECK_EVERY, Checkpoints, runToEnd } from "./pacing.js";
import { PackedStore } from "./packed-store.js";
import { MonitorProduct, PackedObservation } from "./product.js";
import type { Monitor } from "./property.js";
import { StateSpace } from "./state-space.js";
import type { StepReduction } from "./stubborn-steps.js";

/** A shortest run violating one property. */
export interface FoundViolation extends Run {
  readonly reason: string;
}

/** What every search finds, whichever store kept its states. */
export interface SearchOutcome {
  /** The figures of the model states (the projection of the product onto them). */
  readonly figures: ModelFigures;
  /** Per monitor, in order: its first (shortest) violation, if any. */
  readonly violations: readonly (FoundViolation | undefined)[];
  readonly stop: StopReason;
  /** Nodes searched: model states paired with monitor states. */
  readonly nodes: number;
  /** Model states stored: the distinct states, or under symmetry one per orbit. */
  readonly stored: number;
  /** Transitions explored from the distinct states, by kind of step. */
  readonly coverage: readonly CoverageRow[];
}

/** A search with the exact store: the state space it explored, too. */
export interface SearchResult extends SearchOutcome {
  readonly space: StateSpace;
}

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

export interface SearchOptions {
  readonly limits: Limits;
  readonly progress?: ProgressSink | undefined;
  readonly onViolation?: ViolationSink | undefined;
  /** Keep the state graph's edges (liveness properties and graph exports need them). */
  readonly graph?: boolean | undefined;
  /** Stops the search cleanly (partial statistics, verdicts so far) when aborted. */
  readonly signal?: AbortSignal | undefined;
  /** Expands only the steps this reduction chooses in each state (stubborn-steps.ts). */
  readonly reduction?: StepReduction | undefined;
  /**
   * Keeps one state per orbit of this symmetry (src/model/symmetry.ts); the figures stay the whole
   * space's (each representative counts for its orbit) and runs are concrete runs of the model.
   * Only for monitors that renaming processes leaves alike (SafetyProperty.symmetric).
   */
  readonly symmetry?: ProcessSymmetry | undefined;
}

/** Runs the search to its end. */
export function search(
  model: Model,
  monitors: readonly Monitor<unknown>[],
  options: SearchOptions,
): SearchResult {
  return runToEnd(searching(model, monitors, options));
}

/**
 * The search, pausing (yielding) every CHECK_EVERY nodes: run it with pacing.ts's runToEnd, or
 * runYielding so that a signal handler can abort `options.signal` and it stops cleanly.
 */
export function* searching(
  model: Model,
  monitors: readonly Monitor<unknown>[],
  options: SearchOptions,
): Generator<void, SearchResult> {
  const { limits } = options;
  const maxDepth = limits.maxDepth ?? Number.POSITIVE_INFINITY;
  const maxStates = limits.maxStates ?? Number.POSITIVE_INFINITY;
  const budget = new MemoryBudget(memoryLimit(limits.maxMemoryMiB));
  const checkpoints = new Checkpoints(budget, options.progress, options.signal);
  const width = model.width;
  const product = new MonitorProduct(monitors);
  // With monitors, a node is a model state and a combination of monitor states (product.ts).
  const m = monitors.length === 0 ? 0 : 1;
  const expected = Math.min(limits.maxStates ?? 2 ** 18, 2 ** 22);
  // A model state's row carries the combination of its first product node, so the common case —
  // one node per model state — costs one probe. Its other nodes, if any, are (model id,
  // combination) rows of `extra`. Nodes are named by references: a model id for a first node, −2 −
  // its id in `extra` for another.
  const models = store(
    width,
    m,
    (out) => {
      model.fieldBounds(out);
      if (m > 0) out[width] = product.bound;
    },
    budget,
    expected,
  );
  const extra =
    m === 0
      ? undefined
      : store(
          2,
          0,
          (out) => {
            out[0] = 2 ** 31;
            out[1] = product.bound;
          },
          budget,
          0,
        );
  const space = new StateSpace(model, models, options.graph === true);
  /** With monitors: the nodes in the order they are expanded (BFS), each one's depth, and each first node's parent node. */
  const queue = new IntColumn();
  const queueDepth = new IntColumn();
  const firstParent = new IntColumn();
  const violations: (FoundViolation | undefined)[] = monitors.map(() => undefined);
  let stop: StopReason = "exhausted";

  // A row: the state's words, then the node's combination. Under symmetry the successor's
  // representative is stored; monitors still see `to` itself.
  const { symmetry } = options;
  const row = new Int32Array(width + m);
  const stored = row.subarray(0, width);
  const to = symmetry === undefined ? stored : new Int32Array(width);
  /** Under symmetry: the size of each stored state's orbit, by id. */
  const orbits = new IntColumn(1);
  /** The node being expanded: its model state's words and its combination. */
  const fromRow = new Int32Array(width + m);
  const from = fromRow.subarray(0, width);
  const nodeRow = new Int32Array(2);
  const scratchRow = new Int32Array(width + m);
  const steps: Step[] = [];
  const { reduction } = options;
  let chosen = new Uint8Array(64);
  const targets: number[] = [];
  const taken: number[] = [];
  const observed = new PackedObservation(model);
  const coverage = new Coverage(model);
  const tally = new FigureTally(model);

  const modelOf = (ref: number): number => {
    if (ref >= 0) return ref;
    extra?.read(-2 - ref, nodeRow);
    return nodeRow[0] as number;
  };
  const parentOf = (ref: number): number => {
    if (m === 0) return models.parent[ref] as number;
    return ref >= 0 ? firstParent.get(ref) : (extra?.parent[-2 - ref] as number);
  };
  const stepIndexOf = (ref: number): number =>
    (ref >= 0 ? models.step[ref] : extra?.step[-2 - ref]) as number;

  /**
   * Another node of model state `target`, with `combination`, reached from node `parent` by its
   * k-th step: queued at `depth` unless it is the first node or met before.
   */
  const otherNode = (target: number, combination: number, parent: number, k: number, depth: number) => {
    if (extra === undefined) return;
    models.read(target, scratchRow);
    if (scratchRow[width] === combination) return;
    nodeRow[0] = target;
    nodeRow[1] = combination;
    const id = extra.insert(nodeRow);
    if (id < 0) return;
    extra.parent[id] = parent;
    extra.step[id] = k;
    queue.push(-2 - id);
    queueDepth.push(depth);
  };

  stored.set(model.codec.encode(model.initial));
  const initialOrbit = symmetry?.orbitSize(symmetry.canonicalize(stored, 0)) ?? 1;
  orbits.push(initialOrbit);
  if (m > 0) {
    row[width] = product.initial(model.initial);
    queue.push(0);
    queueDepth.push(0);
    firstParent.push(-1);
  }
  models.insert(row);
  models.parent[0] = -1;
  space.addState(0, tally.stored(stored, 0, 0, initialOrbit));

  /** The run to node `at` and on by `step` to the words `reached`, rebuilt from parent pointers. */
  const runTo = (at: number, step: Step, reached: Words): FoundViolation => {
    const path: number[] = [];
    for (let n = at; n !== -1; n = parentOf(n)) path.push(n);
    path.reverse();
    const taken = path.slice(1).map((n) => space.stepOf(modelOf(parentOf(n)), stepIndexOf(n)));
    if (symmetry !== undefined) {
      const representatives = path.map((n) => space.words(modelOf(n)));
      return { reason: "", ...concreteRun(model, symmetry, representatives, [...taken, step]) };
    }
    const states = path.map((n) => space.state(modelOf(n)));
    return { reason: "", steps: [...taken, step], states: [...states, model.codec.decode(reached)] };
  };

  try {
    for (let head = 0; head < (m === 0 ? models.count : queue.length); head++) {
      const ref = m === 0 ? head : queue.get(head);
      const state = modelOf(ref);
      models.read(state, fromRow);
      const combination = ref >= 0 ? (fromRow[width] as number) : (nodeRow[1] as number);
      const depth = m === 0 ? space.depth(state) : queueDepth.get(head);
      const firstVisit = !space.visited(state);
      clear(steps);
      model.enabled(from, steps);
      if (depth >= maxDepth) {
        if (steps.length > 0) stop = "max-depth";
        if (firstVisit) {
          space.addFrontier(state, steps.length);
          tally.visited(steps.length, 0, orbits.get(state));
        }
        continue;
      }
      clear(targets);
      clear(taken);
      if (reduction !== undefined) {
        if (chosen.length < steps.length) chosen = new Uint8Array(2 * steps.length);
        reduction.choose(from, steps, chosen);
      }
      observed.leave(from);
      for (let k = 0; k < steps.length; k++) {
        if (reduction !== undefined && chosen[k] === 0) continue;
        taken.push(k);
        const step = steps[k] as Step;
        const events = model.apply(from, step, to);
        let fixing = 1;
        if (symmetry !== undefined) {
          stored.set(to);
          fixing = symmetry.canonicalize(stored, 0);
        }
        let nexts: readonly number[] = NO_MONITORS;
        if (m > 0) {
          observed.observe(step, to, events);
          nexts = product.advance(combination, observed);
          for (const { monitor, reason } of product.violations) {
            const reached = to.slice();
            violations[monitor] ??= { ...runTo(ref, step, reached), reason };
            options.onViolation?.({
              monitor,
              reason,
              state: observed.to,
              run: () => ({ ...runTo(ref, step, reached), reason }),
            });
          }
          row[width] = nexts[0] as number;
        }
        let target: number;
        let others = 0;
        if (models.count < maxStates) {
          // insert returns −1 − id for a state stored before: one probe either way.
          target = models.insert(row);
          if (target >= 0) {
            const orbit = symmetry?.orbitSize(fixing) ?? 1;
            if (symmetry !== undefined) orbits.push(orbit);
            models.parent[target] = state;
            models.step[target] = k;
            space.addState(depth + 1, tally.stored(stored, 0, depth + 1, orbit));
            if (m > 0) {
              queue.push(target);
              queueDepth.push(depth + 1);
              firstParent.set(target, ref);
            }
            others = 1;
          } else {
            target = -1 - target;
            others = models.samePayload ? 1 : 0;
          }
        } else {
          target = models.idOf(stored);
          if (target < 0) {
            stop = "max-states";
            targets.push(-1);
            continue;
          }
        }
        targets.push(target);
        for (let c = others; c < nexts.length; c++) otherNode(target, nexts[c] as number, ref, k, depth + 1);
      }
      if (firstVisit) {
        space.addExpansion(state, steps, targets, taken);
        const orbit = orbits.get(state);
        tally.visited(steps.length, targets.length, orbit);
        for (let k = 0; k < taken.length; k++) coverage.count(steps[taken[k] as number] as Step, orbit);
      }
      if (head % CHECK_EVERY !== 0) continue;
      yield;
      const halt = checkpoints.check(() => ({
        phase: "explore",
        states: models.count,
        queue: (m === 0 ? models.count : queue.length) - head - 1,
        depth,
      }));
      if (halt !== undefined) {
        stop = halt;
        break;
      }
    }
  } catch (error) {
    if (!(error instanceof OutOfMemoryBudget)) throw error;
    stop = "max-memory";
  }
  const figures = tally.figures();
  return {
    space,
    figures,
    violations,
    stop,
    nodes: models.count + (extra?.count ?? 0),
    stored: models.count,
    coverage: coverage.rows(),
  };
}

/** The next combinations when there are no monitors: one, unused. */
const NO_MONITORS: readonly number[] = [0];

/**
 * An exact store presized for `expected` states, or as small as it goes when the budget refuses
 * that; a budget the process already exceeds before it stores anything is a configuration error.
 */
function store(
  keyFields: number,
  payloadFields: number,
  bounds: (out: Float64Array) => void,
  budget: MemoryBudget,
  expected: number,
): PackedStore {
  for (const presize of [expected, 0]) {
    try {
      return new PackedStore(keyFields, payloadFields, bounds, budget, presize);
    } catch (error) {
      if (!(error instanceof OutOfMemoryBudget)) throw error;
    }
  }
  const resident = Math.ceil(budget.inUse() / 2 ** 20);
  throw new ConfigError(
    "maxMemoryMiB",
    `${Math.floor(budget.limit / 2 ** 20)} MiB leaves no room for the search: the process already holds about ${resident} MiB; give at least ${2 * resident} MiB`,
  );
}

/** The budget in bytes: the user's, or by default 80% of the machine's memory (budget.ts). */
export function memoryLimit(maxMemoryMiB: number | undefined): number | undefined {
  return maxMemoryMiB === undefined ? undefined : maxMemoryMiB * 2 ** 20;
}

/**
 * A concrete run of the model along a path of representatives: `steps[i]` leads from
 * `representatives[i]` to a state whose representative is `representatives[i + 1]` (the last step
 * leads on, out of the path). Each step is carried over by the renaming π that maps the representative onto
 * the concrete state reached so far: the concrete successor is π(the representative's successor),
 * and the concrete step is the one of the concrete state that leads exactly there.
 */
function concreteRun(
  model: Model,
  symmetry: ProcessSymmetry,
  representatives: readonly Words[],
  steps: readonly Step[],
): { steps: Step[]; states: GlobalState[] } {
  const width = model.width;
  let concrete: Words = (representatives[0] as Words).slice();
  const states = [model.codec.decode(concrete)];
  const taken: Step[] = [];
  const successor = new Int32Array(width);
  const image = new Int32Array(width);
  steps.forEach((step, i) => {
    const representative = representatives[i] as Words;
    const renaming = symmetry.renamingBetween(representative, concrete);
    if (renaming === undefined) throw new RangeError(`state ${i} of the run left its orbit`);
    model.apply(representative, step, successor);
    symmetry.rename(renaming, successor, image);
    const enabled: Step[] = [];
    model.enabled(concrete, enabled);
    const next = new Int32Array(width);
    const match = enabled.find((candidate) => {
      model.apply(concrete, candidate, next);
      return next.every((w, j) => w === image[j]);
    });
    if (match === undefined) throw new RangeError(`no step of the concrete run matches step ${i + 1}`);
    taken.push(match);
    concrete = next;
    states.push(model.codec.decode(concrete));
  });
  return { steps: taken, states };
}
