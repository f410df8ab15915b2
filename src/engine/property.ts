/**
 * The contract between the explorer and the property catalogue (`properties/`). Two kinds, with two
 * evaluation sites:
 * - `always` (safety): a monitor runs along every run — it sees each step with the events it
 *   emitted and keeps whatever it needs about the path (never inside the model state, or state
 *   counts would stop being exact). The explorer searches the product of the model and the monitor
 *   breadth-first, so the first violation found is a shortest one.
 * - `eventually` (liveness): judged after exploration on the state graph (fair cycles need the
 *   whole graph); a violation is a lasso.
 */
import type { Model } from "../model/model.js";
import {
  appProjection,
  completesSnapshot,
  initiatesSnapshot,
  isInitiated,
  recordedGlobalState,
  snapshotOf,
  viewOf,
} from "../model/snapshot.js";
import type { GlobalState, ModelEvent, SnapshotState, Step } from "../model/types.js";
import type { Limits, ProgressSink } from "./limits.js";
import type { StateSpace } from "./state-space.js";

/**
 * One step of a run as a monitor sees it. The search keeps states packed: `from` and `to` are
 * decoded when read, so a monitor asks the cheap questions first (`initiates`, `completes`,
 * `started`, one instance's snapshot state) and reads whole states only where it judges.
 */
export interface ObservedStep {
  readonly from: GlobalState;
  readonly step: Step;
  readonly to: GlobalState;
  readonly events: readonly ModelEvent[];
  /** Instance k's snapshot state before the step. */
  before(k: number): SnapshotState;
  /**
   * Instance k's snapshot state after the step. In a search, equal snapshot states are the same
   * object, so a monitor may memoize on it.
   */
  after(k: number): SnapshotState;
  /** Instance k has started (some process recorded) after the step. */
  started(k: number): boolean;
  /** The step initiates instance k: S_start is its source state. */
  initiates(k: number): boolean;
  /** The step completes instance k: S_end is its target state. */
  completes(k: number): boolean;
  /**
   * S* of instance k after the step (meaningful once every process has recorded). In a search,
   * equal recorded states are the same object, so a monitor may memoize on it.
   */
  recorded(k: number): GlobalState;
  /** app(S) of the state after the step; in a search, the same object for the same application state. */
  application(): GlobalState;
}

/** The observation of a step between two decoded states (runs that are already objects: simulation, replay). */
export function observedStep(
  model: Model,
  from: GlobalState,
  step: Step,
  to: GlobalState,
  events: readonly ModelEvent[],
): ObservedStep {
  return {
    from,
    step,
    to,
    events,
    before: (k) => snapshotOf(from, k),
    after: (k) => snapshotOf(to, k),
    started: (k) => isInitiated(snapshotOf(to, k)),
    initiates: (k) => initiatesSnapshot(snapshotOf(from, k), snapshotOf(to, k)),
    completes: (k) => completesSnapshot(snapshotOf(from, k), snapshotOf(to, k)),
    recorded: (k) => recordedGlobalState(viewOf(to, k), model.spec.discipline),
    application: () => appProjection(to, model.spec.discipline),
  };
}

/** A monitor's verdict on one step: its next state, or a violation with a one-sentence reason. */
export type MonitorOutcome<M> =
  | { readonly ok: true; readonly monitor: M }
  | { readonly ok: false; readonly reason: string };

/**
 * "Carry on in this state", made once per monitor state and handed back after: the search hands
 * monitors interned states, so a monitor that keeps its state allocates nothing per step, and the
 * product sees the very value again (no key to compute).
 */
export function carryOn<M extends object>(): (state: M) => readonly MonitorOutcome<M>[] {
  const made = new WeakMap<M, readonly MonitorOutcome<M>[]>();
  return (state) => {
    let outcome = made.get(state);
    if (outcome === undefined) {
      outcome = [{ ok: true, monitor: state }];
      made.set(state, outcome);
    }
    return outcome;
  };
}

/**
 * A monitor for one safety property. `advance` returns several outcomes when the step is ambiguous
 * to the monitor (messages without identity: which in-flight copy was delivered?); the run
 * violates the property if any outcome does.
 */
export interface Monitor<M> {
  initial(state: GlobalState): M;
  /** Canonical key: equal keys mean the monitor will judge every continuation alike. */
  key(monitor: M): string;
  advance(monitor: M, observed: ObservedStep): readonly MonitorOutcome<M>[];
  /**
   * The monitor vouches that on a step that neither starts nor completes a snapshot instance,
   * `advance` depends on its state and the step's events (`observed.events`) alone: the search then
   * advances it once per state and list of events (the model hands back one list per sequence)
   * and reuses the outcome for every such step.
   */
  readonly eventDriven?: boolean;
  /**
   * The monitor's own numbering of its states, if it names them by number anyway: a dense number
   * (0, 1, …) for each distinct state — states with equal keys get one number — and the state of
   * each number. The search then names states by these numbers instead of interning them by key.
   */
  readonly numbering?: MonitorNumbering<M>;
  /**
   * Whether state `stronger` finds every violation `weaker` finds: on every continuation, a run
   * that `weaker` judges violated is violated from `stronger` too (a simulation). A search that
   * has met a model state with `stronger` then need not search it again with `weaker`, so the
   * product stays near the model's size where a monitor would otherwise tell runs apart for
   * nothing (reachable-cut's start component on an application that runs one way). Equal states
   * cover each other without asking; leave it out to have only those.
   */
  covers?(stronger: M, weaker: M): boolean;
}

/** Monitor.numbering: states to dense numbers and back. */
export interface MonitorNumbering<M> {
  number(monitor: M): number;
  state(n: number): M;
}

/** The limits and progress reporting of the check a property prepares for. */
export interface PrepareOptions {
  readonly limits: Limits;
  readonly progress?: ProgressSink | undefined;
}

/** What every property has: a name, a one-line description, and where it cannot be decided. */
interface PropertyBase {
  readonly name: string;
  readonly description: string;
  /** Why the property cannot be decided on this model, if it cannot (it is then not checked). */
  unsupported?(model: Model): string | undefined;
  /**
   * Work the property needs before the search (reachable-cut: the application graph), within the
   * search's limits. Returns why the property cannot be decided at this size, if it cannot: it is
   * then left out, with that reason, and the other properties are checked.
   */
  prepare?(model: Model, options: PrepareOptions): string | undefined;
  /**
   * False when the property means nothing for the model's workload (stable-detection on a workload
   * without stable properties): the default set then leaves it out without a word.
   */
  appliesTo?(model: Model): boolean;
}

export interface SafetyProperty extends PropertyBase {
  readonly kind: "always";
  /**
   * Renaming processes changes neither its monitor's states nor its verdicts, so a search with
   * symmetry reduction (one state per orbit) may check it.
   */
  readonly symmetric?: boolean;
  /** The monitor judging snapshot instance `instance` (properties hold per instance). */
  monitor(model: Model, instance: number): Monitor<unknown>;
}

/** A liveness violation: a path, and for a lasso the index in `states` where the loop starts. */
export interface LivenessViolation {
  readonly reason: string;
  /** State ids in the explored space, from the initial state. */
  readonly path: readonly number[];
  readonly loop?: number | undefined;
  /** The snapshot instance that never completes (0 when absent). */
  readonly instance?: number | undefined;
}

export interface LivenessProperty extends PropertyBase {
  readonly kind: "eventually";
  /** Judges the explored space; `undefined` when no violation exists in it. */
  check(space: StateSpace, model: Model): LivenessViolation | undefined;
}

export type Property = SafetyProperty | LivenessProperty;
