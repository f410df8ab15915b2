/**
 * The exact store's breadth-first search of the product of the model and the safety monitors
 * (product.ts), one node at a time: search.ts drives it, pausing between nodes. A node is a model
 * state and a combination of monitor states. A model state's row in the store carries the
 * combination of its first node, so the common case — one node per model state — costs one probe;
 * its other nodes, if any, are (model id, combination) rows of `extra`, listed per model state so
 * that a node one of them (or the first) covers is not searched (Monitor.covers). Nodes are named by
 * references: a model id for a first node, −2 − its id in `extra` for another. A model state's
 * first node is found at its shortest distance and expanded first, so the figures and the state
 * graph are those of the model alone, exactly; a property's first violation found is a shortest one.
 */
import { ConfigError } from "../errors.js";
import type { Words } from "../model/codec.js";
import type { Model } from "../model/model.js";
import type { ProcessSymmetry } from "../model/symmetry.js";
import type { Run, Step } from "../model/types.js";
import { type MemoryBudget, OutOfMemoryBudget } from "./budget.js";
import { clear } from "./clear.js";
import { IntColumn } from "./column.js";
import { Coverage } from "./coverage.js";
import type { StopReason } from "./limits.js";
import { FigureTally } from "./model-figures.js";
import { PackedObservation } from "./observation.js";
import { PackedStore } from "./packed-store.js";
import { MonitorProduct, NO_MONITORS } from "./product.js";
import type { Monitor } from "./property.js";
import type { FoundViolation, SearchOptions, SearchResult } from "./search-contract.js";
import { StateSpace } from "./state-space.js";
import type { StepReduction } from "./stubborn-steps.js";

export class ExactSearch {
  /** Why the search stopped early, if it did. */
  stop: StopReason = "exhausted";
  readonly violations: (FoundViolation | undefined)[];
  private readonly width: number;
  /** Payload fields of a model state's row: its first node's combination, when there are monitors. */
  private readonly m: number;
  private readonly maxDepth: number;
  private readonly maxStates: number;
  private readonly product: MonitorProduct;
  private readonly models: PackedStore;
  private readonly extra: PackedStore | undefined;
  private readonly space: StateSpace;
  /**
   * With monitors, once some model state has a second node: the nodes in the order they are
   * expanded, each one's depth, and each first node's parent node. Until then every node is its
   * model state's first, so the store's order, depths and parents are the queue's (most searches
   * never need these columns).
   */
  private nodes: { queue: IntColumn; depth: IntColumn; firstParent: IntColumn } | undefined;
  private readonly symmetry: ProcessSymmetry | undefined;
  private readonly reduction: StepReduction | undefined;
  /** A successor's row: its words (the representative's under symmetry), then its node's combination. */
  private readonly row: Int32Array;
  private readonly stored: Int32Array;
  /** The successor as the model wrote it (monitors see it, not its representative). */
  private readonly to: Int32Array;
  /** Under symmetry: the size of each stored state's orbit, by id. */
  private readonly orbits = new IntColumn(1);
  /** The node being expanded: its model state's words and its combination. */
  private readonly fromRow: Int32Array;
  private readonly from: Int32Array;
  private readonly nodeRow = new Int32Array(2);
  /** Each model state's other nodes, as lists through `extra`: the first, and each one's next (−1: none). */
  private readonly firstExtra = new IntColumn(-1);
  private readonly nextExtra = new IntColumn(-1);
  private readonly extraRow = new Int32Array(2);
  private readonly scratchRow: Int32Array;
  private readonly steps: Step[] = [];
  private chosen = new Uint8Array(64);
  private readonly targets: number[] = [];
  private readonly taken: number[] = [];
  /** The step number (Model.stepNumber) of each of the state's steps taken, by its index. */
  private readonly numbers: number[] = [];
  private readonly observed: PackedObservation;
  /** What the step being followed wrote over the source's copy (Model.lastEffect), to undo after. */
  private effect = -1;
  private readonly coverage: Coverage;
  private readonly tally: FigureTally;

  constructor(
    private readonly model: Model,
    monitors: readonly Monitor<unknown>[],
    private readonly options: SearchOptions,
    budget: MemoryBudget,
  ) {
    const { limits } = options;
    this.width = model.width;
    this.m = monitors.length === 0 ? 0 : 1;
    this.maxDepth = limits.maxDepth ?? Number.POSITIVE_INFINITY;
    this.maxStates = limits.maxStates ?? Number.POSITIVE_INFINITY;
    this.violations = monitors.map(() => undefined);
    this.symmetry = options.symmetry;
    this.reduction = options.reduction;
    const { width, m } = this;
    const product = new MonitorProduct(monitors);
    this.product = product;
    // Presized for the common case, never more: a limit on states is a bound, not an expectation.
    const expected = Math.min(limits.maxStates ?? 2 ** 18, 2 ** 18);
    const bounds = (out: Float64Array) => {
      model.fieldBounds(out);
      if (m > 0) out[width] = product.bound;
    };
    this.models = store(width, m, bounds, budget, expected);
    const nodeBounds = (out: Float64Array) => {
      out[0] = 2 ** 31;
      out[1] = product.bound;
    };
    this.extra = m === 0 ? undefined : store(2, 0, nodeBounds, budget, 0);
    this.space = new StateSpace(model, this.models, options.graph === true);
    this.row = new Int32Array(width + m);
    this.stored = this.row.subarray(0, width);
    this.to = this.symmetry === undefined ? this.stored : new Int32Array(width);
    this.fromRow = new Int32Array(width + m);
    this.from = this.fromRow.subarray(0, width);
    this.scratchRow = new Int32Array(width + m);
    this.observed = new PackedObservation(model);
    this.coverage = new Coverage(model);
    this.tally = new FigureTally(model);
    this.storeInitial();
  }

  /** Nodes found so far: those at positions below this are expanded in order. */
  get queued(): number {
    return this.nodes === undefined ? this.models.count : this.nodes.queue.length;
  }

  /** Model states stored so far. */
  get states(): number {
    return this.models.count;
  }

  /** The result so far. */
  result(): SearchResult {
    return {
      space: this.space,
      figures: this.tally.figures(),
      violations: this.violations,
      stop: this.stop,
      nodes: this.models.count + (this.extra?.count ?? 0),
      stored: this.models.count,
      coverage: this.coverage.rows(),
    };
  }

  /** Expands the node at position `head` of the queue, and returns its depth. */
  expand(head: number): number {
    const { model, width, m, from, steps, targets, taken, observed, reduction, space, nodes } = this;
    const ref = nodes === undefined ? head : nodes.queue.get(head);
    const state = this.modelOf(ref);
    this.models.read(state, this.fromRow);
    const combination = ref >= 0 ? (this.fromRow[width] as number) : (this.nodeRow[1] as number);
    const depth = nodes === undefined ? space.depth(state) : nodes.depth.get(head);
    const firstVisit = !space.visited(state);
    clear(steps);
    model.enabled(from, steps);
    if (depth >= this.maxDepth) {
      if (steps.length > 0) this.stop = "max-depth";
      if (firstVisit) {
        space.addFrontier(state, steps.length);
        this.tally.visited(steps.length, 0, this.orbits.get(state));
      }
      return depth;
    }
    clear(targets);
    clear(taken);
    if (reduction !== undefined) {
      if (this.chosen.length < steps.length) this.chosen = new Uint8Array(2 * steps.length);
      reduction.choose(from, steps, this.chosen);
    }
    if (m > 0) observed.leave(from);
    // Each successor is written over a copy of the source and undone after (Model.applyOver); a
    // loop, as in Model.apply: for a few words TypedArray.set's call costs more than the copy.
    for (let i = 0; i < width; i++) this.to[i] = from[i] as number;
    for (let k = 0; k < steps.length; k++) {
      if (reduction !== undefined && this.chosen[k] === 0) continue;
      taken.push(k);
      this.successor(ref, state, depth, k, combination);
      model.restore(from, this.to, this.effect);
    }
    if (firstVisit) {
      const { numbers } = this;
      space.addExpansion(state, steps, targets, taken, numbers);
      const orbit = this.orbits.get(state);
      this.tally.visited(steps.length, targets.length, orbit);
      for (let k = 0; k < taken.length; k++) {
        const i = taken[k] as number;
        this.coverage.count(steps[i] as Step, orbit, numbers[i]);
      }
    }
    return depth;
  }

  /** The successor of node `ref` (model state `state`, at `depth`) by its k-th enabled step. */
  private successor(ref: number, state: number, depth: number, k: number, combination: number): void {
    const { model, width, m, to, stored, row, models, symmetry } = this;
    const step = this.steps[k] as Step;
    const events = model.applyOver(this.from, step, to);
    // Taken now: a violation's run, rebuilt below, applies steps of its own.
    this.effect = model.lastEffect;
    this.numbers[k] = model.lastStepNumber;
    let fixing = 1;
    if (symmetry !== undefined) {
      stored.set(to);
      fixing = symmetry.canonicalize(stored, 0);
    }
    let nexts = NO_MONITORS;
    if (m > 0) {
      this.observed.observe(step, to, events, model.wroteSnapshot);
      nexts = this.product.advance(combination, this.observed);
      if (this.product.violations.length > 0) this.violated(ref, step);
      row[width] = nexts[0] as number;
    }
    let target: number;
    let others = 0;
    if (models.count < this.maxStates) {
      // insert returns −1 − id for a state stored before: one probe either way.
      target = models.insert(row);
      if (target >= 0) {
        const orbit = symmetry?.orbitSize(fixing) ?? 1;
        if (symmetry !== undefined) this.orbits.push(orbit);
        models.parent.set(target, state);
        models.step.set(target, k);
        this.space.addState(depth + 1, this.tally.stored(stored, 0, depth + 1, orbit));
        if (this.nodes !== undefined) {
          this.nodes.queue.push(target);
          this.nodes.depth.push(depth + 1);
          this.nodes.firstParent.set(target, ref);
        }
        others = 1;
      } else {
        target = -1 - target;
        others = models.samePayload ? 1 : 0;
      }
    } else {
      target = models.idOf(stored);
      if (target < 0) {
        this.stop = "max-states";
        this.targets.push(-1);
        return;
      }
    }
    this.targets.push(target);
    for (let c = others; c < nexts.length; c++) this.otherNode(target, nexts[c] as number, ref, k, depth + 1);
  }

  /** The step from node `ref` violates the properties the product lists: keep each first run, tell the sink. */
  private violated(ref: number, step: Step): void {
    const reached = this.to.slice();
    const state = this.observed.to;
    for (const { monitor, reason } of this.product.violations) {
      this.violations[monitor] ??= { ...this.runTo(ref, step, reached), reason };
      this.options.onViolation?.({
        monitor,
        reason,
        state,
        run: () => ({ ...this.runTo(ref, step, reached), reason }),
      });
    }
  }

  /**
   * Another node of model state `target`, with `combination`, reached from node `parent` by its
   * k-th step: queued at `depth` unless it is the first node or met before.
   */
  private otherNode(target: number, combination: number, parent: number, k: number, depth: number): void {
    const { extra } = this;
    if (extra === undefined) return;
    this.models.read(target, this.scratchRow);
    if (this.scratchRow[this.width] === combination || this.covered(target, combination)) return;
    this.nodeRow[0] = target;
    this.nodeRow[1] = combination;
    const id = extra.insert(this.nodeRow);
    if (id < 0) return;
    this.nextExtra.set(id, this.firstExtra.get(target));
    this.firstExtra.set(target, id);
    extra.parent.set(id, parent);
    extra.step.set(id, k);
    const nodes = this.nodes ?? this.queueOfStates();
    nodes.queue.push(-2 - id);
    nodes.depth.push(depth);
  }

  /** The queue so far, every node a model state's first: the store's states, depths and parents. */
  private queueOfStates(): NonNullable<ExactSearch["nodes"]> {
    const nodes = { queue: new IntColumn(), depth: new IntColumn(), firstParent: new IntColumn() };
    for (let id = 0; id < this.models.count; id++) {
      nodes.queue.push(id);
      nodes.depth.push(this.space.depth(id));
      nodes.firstParent.push(this.models.parent.get(id));
    }
    this.nodes = nodes;
    return nodes;
  }

  /** Stores the initial state (the root, if the search was given one) and its node. */
  private storeInitial(): void {
    const { model, symmetry, stored } = this;
    const root = this.options.root ?? model.initial;
    stored.set(model.codec.encode(root));
    const orbit = symmetry?.orbitSize(symmetry.canonicalize(stored, 0)) ?? 1;
    this.orbits.push(orbit);
    if (this.m > 0) {
      this.row[this.width] = this.product.initial(root);
    }
    this.models.insert(this.row);
    this.space.addState(0, this.tally.stored(stored, 0, 0, orbit));
  }

  /**
   * Is a node of model state `target` with `combination` unneeded: does the combination of one
   * of its nodes met before cover it (MonitorProduct.covers)? That node, no deeper, finds every
   * violation this one would.
   */
  private covered(target: number, combination: number): boolean {
    const { product, extra } = this;
    if (product.covers(this.scratchRow[this.width] as number, combination)) return true;
    for (let x = this.firstExtra.get(target); x >= 0; x = this.nextExtra.get(x)) {
      extra?.read(x, this.extraRow);
      if (product.covers(this.extraRow[1] as number, combination)) return true;
    }
    return false;
  }

  /** The model state of node `ref` (for another node, its row is left in nodeRow). */
  private modelOf(ref: number): number {
    if (ref >= 0) return ref;
    this.extra?.read(-2 - ref, this.nodeRow);
    return this.nodeRow[0] as number;
  }

  private parentOf(ref: number): number {
    if (ref < 0) return this.extra?.parent.get(-2 - ref) as number;
    return this.nodes === undefined ? this.models.parent.get(ref) : this.nodes.firstParent.get(ref);
  }

  private stepIndexOf(ref: number): number {
    return (ref >= 0 ? this.models.step.get(ref) : this.extra?.step.get(-2 - ref)) as number;
  }

  /** The run to node `at` and on by `step` to the words `reached`, rebuilt from parent pointers. */
  private runTo(at: number, step: Step, reached: Words): FoundViolation {
    const { model, space, symmetry } = this;
    const path: number[] = [];
    for (let n = at; n !== -1; n = this.parentOf(n)) path.push(n);
    path.reverse();
    const taken = path.slice(1).map((n) => space.stepOf(this.modelOf(this.parentOf(n)), this.stepIndexOf(n)));
    if (symmetry !== undefined) {
      const representatives = path.map((n) => space.words(this.modelOf(n)));
      return { reason: "", ...concreteRun(model, symmetry, representatives, [...taken, step]) };
    }
    const states = path.map((n) => space.state(this.modelOf(n)));
    return { reason: "", steps: [...taken, step], states: [...states, model.codec.decode(reached)] };
  }
}

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

/**
 * A concrete run of the model along a path of representatives: `steps[i]` leads from
 * `representatives[i]` to a state whose representative is `representatives[i + 1]` (the last step
 * leads on, out of the path). Each step is carried over by the renaming π that maps the
 * representative onto the concrete state reached so far: the concrete successor is π(the
 * representative's successor), and the concrete step is the one of the concrete state that leads
 * exactly there.
 */
function concreteRun(
  model: Model,
  symmetry: ProcessSymmetry,
  representatives: readonly Words[],
  steps: readonly Step[],
): Run {
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
