/**
 * The monitors' half of the product the search explores: each safety monitor's state is interned
 * to one word, so a search node is the model state followed by one word per monitor; a monitor
 * whose property already has its shortest violation is retired (one word meaning "judges nothing
 * more"), so the search stops telling apart runs that differ only for it. Both stores — exact and
 * hashed — advance monitors through this one class, on the same packed observation of each step.
 */
import type { Words } from "../model/codec.js";
import { Interner } from "../model/intern.js";
import type { Model } from "../model/model.js";
import { appProjection, recordedGlobalState, viewOf } from "../model/snapshot.js";
import type { GlobalState, ModelEvent, SnapshotState, Step } from "../model/types.js";
import { clear } from "./clear.js";
import type { Monitor, MonitorOutcome, ObservedStep } from "./property.js";

/** The monitor word of a retired monitor (its property already has its shortest violation). */
export const RETIRED = -1;
const RETIRED_ONLY: readonly number[] = [RETIRED];

export class MonitorProduct {
  private readonly interners: readonly Interner<unknown>[];
  /** The next words when every monitor has one outcome (almost always): reused, never kept. */
  private readonly unique: Int32Array;
  private readonly uniqueOnly: readonly Int32Array[];
  /** The violations of the last step advanced over: which monitor, and why. */
  readonly violations: { monitor: number; reason: string }[] = [];

  constructor(readonly monitors: readonly Monitor<unknown>[]) {
    this.interners = monitors.map((monitor) => new Interner<unknown>((s) => monitor.key(s)));
    this.unique = new Int32Array(monitors.length);
    this.uniqueOnly = [this.unique];
  }

  get size(): number {
    return this.monitors.length;
  }

  /** A number above every word monitor j has had so far (RETIRED aside). */
  bound(j: number): number {
    return (this.interners[j] as Interner<unknown>).size;
  }

  /** Writes each monitor's word for the initial state `state` to `out[offset..]`. */
  initial(state: GlobalState, out: Int32Array, offset: number): void {
    this.monitors.forEach((monitor, j) => {
      out[offset + j] = (this.interners[j] as Interner<unknown>).intern(monitor.initial(state));
    });
  }

  /**
   * Advances every monitor whose word is at `words[offset + j]` over `observed`, and returns every
   * way the monitors' next words may be — one way, almost always; several when the step is
   * ambiguous to a monitor. A retired monitor stays RETIRED, and so does one the step violates,
   * which is then listed in `violations`. What is returned is reused by the next call.
   */
  advance(words: ArrayLike<number>, offset: number, observed: ObservedStep): readonly ArrayLike<number>[] {
    let choices: (readonly number[])[] | undefined;
    clear(this.violations);
    const m = this.monitors.length;
    for (let j = 0; j < m; j++) {
      const word = words[offset + j] as number;
      if (word === RETIRED) {
        this.unique[j] = RETIRED;
        choices?.push(RETIRED_ONLY);
        continue;
      }
      const current = (this.interners[j] as Interner<unknown>).value(word);
      const outcomes = (this.monitors[j] as Monitor<unknown>).advance(current, observed);
      if (outcomes.length === 1 && choices === undefined) {
        this.unique[j] = this.wordAfter(j, word, current, outcomes[0] as MonitorOutcome<unknown>);
        continue;
      }
      choices ??= Array.from(this.unique.subarray(0, j), (w) => [w]);
      const next: number[] = [];
      for (const outcome of outcomes) next.push(this.wordAfter(j, word, current, outcome));
      choices.push(next);
    }
    return choices === undefined ? this.uniqueOnly : combinations(choices);
  }

  /** Monitor j's word after `outcome`, from `word` (whose value is `current`). */
  private wordAfter(j: number, word: number, current: unknown, outcome: MonitorOutcome<unknown>): number {
    if (!outcome.ok) {
      this.violations.push({ monitor: j, reason: outcome.reason });
      return RETIRED;
    }
    // A monitor that keeps its state hands back the very value: no key to compute.
    if (outcome.monitor === current) return word;
    return (this.interners[j] as Interner<unknown>).intern(outcome.monitor);
  }
}

/** Every way of picking one word per monitor. */
function combinations(choices: readonly (readonly number[])[]): (readonly number[])[] {
  let result: number[][] = [[]];
  for (const options of choices) result = result.flatMap((prefix) => options.map((o) => [...prefix, o]));
  return result;
}

/**
 * The steps out of one state as monitors see them, over packed words: states are decoded only
 * when a monitor reads them, once per state, and the questions about snapshot instances are
 * answered from the words. One object serves every transition (monitors never keep it).
 */
export class PackedObservation implements ObservedStep {
  step: Step = { kind: "script", command: 0 };
  events: readonly ModelEvent[] = [];
  private source: Words = new Int32Array(0);
  private target: Words = new Int32Array(0);
  private fromState: GlobalState | undefined;
  private toState: GlobalState | undefined;
  private toApplication: GlobalState | undefined;
  private readonly recordedStates: (GlobalState | undefined)[] = [];
  /** app(S) and S* by the words they are read from, each made once (ObservedStep). */
  private readonly applications = new Map<string, GlobalState>();
  private readonly recordings = new Map<string, GlobalState>();
  /** Application states by their own encoding: different words may read as one state (a tag dropped). */
  private readonly applicationStates = new Map<string, GlobalState>();
  /** Each instance's snapshot state in the source, decoded once for every transition out of it. */
  private readonly sourceSnapshots: (SnapshotState | undefined)[] = [];

  /** Per instance, is it complete in the source, in the target: 1, 0, or −1 not yet read. */
  private readonly sourceComplete: Int8Array;
  private readonly targetComplete: Int8Array;

  constructor(private readonly model: Model) {
    this.sourceComplete = new Int8Array(model.instances).fill(-1);
    this.targetComplete = new Int8Array(model.instances).fill(-1);
  }

  /** The next transitions leave `source`. */
  leave(source: Words): void {
    this.source = source;
    this.fromState = undefined;
    clear(this.sourceSnapshots);
    this.sourceComplete.fill(-1);
  }

  /** The transition by `step` to `target`, emitting `events` (overwritten by the next one). */
  observe(step: Step, target: Words, events: readonly ModelEvent[]): void {
    this.step = step;
    this.events = events;
    this.target = target;
    this.toState = undefined;
    this.toApplication = undefined;
    clear(this.recordedStates);
    this.targetComplete.fill(-1);
  }

  get from(): GlobalState {
    this.fromState ??= this.model.codec.decode(this.source);
    return this.fromState;
  }

  get to(): GlobalState {
    this.toState ??= this.model.codec.decode(this.target);
    return this.toState;
  }

  before(k: number): SnapshotState {
    let snapshot = this.sourceSnapshots[k];
    if (snapshot === undefined) {
      snapshot = this.model.codec.snapshotAt(this.source, 0, k);
      this.sourceSnapshots[k] = snapshot;
    }
    return snapshot;
  }

  after(k: number): SnapshotState {
    return this.model.codec.snapshotAt(this.target, 0, k);
  }

  started(k: number): boolean {
    return this.model.initiated(this.target, k);
  }

  initiates(k: number): boolean {
    return !this.model.initiated(this.source, k) && this.model.initiated(this.target, k);
  }

  recorded(k: number): GlobalState {
    let recorded = this.recordedStates[k];
    if (recorded === undefined) {
      const { codec } = this.model;
      // S* is read from the script position, instance k's recorded states and its channel records.
      const key = `${k}:${this.target[0]}:${wordsKey(this.target, codec.recorded + k * codec.processes, codec.processes)}:${wordsKey(this.target, codec.records + k * codec.channelCount, codec.channelCount)}`;
      recorded = this.recordings.get(key);
      if (recorded === undefined) {
        recorded = this.canonical(recordedGlobalState(viewOf(this.to, k), this.model.spec.discipline));
        this.recordings.set(key, recorded);
      }
      this.recordedStates[k] = recorded;
    }
    return recorded;
  }

  application(): GlobalState {
    if (this.toApplication === undefined) {
      const { codec } = this.model;
      // app(S) is read from the script position, the application states and the channels' contents.
      const key = `${this.target[0]}:${wordsKey(this.target, codec.app, codec.processes)}:${wordsKey(this.target, codec.channels, codec.channelCount)}`;
      let application = this.applications.get(key);
      if (application === undefined) {
        application = this.canonical(appProjection(this.to, this.model.spec.discipline));
        this.applications.set(key, application);
      }
      this.toApplication = application;
    }
    return this.toApplication;
  }

  /** The one object of application state `state`. */
  private canonical(state: GlobalState): GlobalState {
    const encoded = this.model.codec.encode(state);
    const key = wordsKey(encoded, 0, encoded.length);
    const known = this.applicationStates.get(key);
    if (known !== undefined) return known;
    this.applicationStates.set(key, state);
    return state;
  }

  completes(k: number): boolean {
    const { codec } = this.model;
    // Every start-to-end monitor asks, on every transition: each side is read once.
    let before = this.sourceComplete[k] as number;
    if (before < 0) {
      before = codec.instanceComplete(this.source, 0, k) ? 1 : 0;
      this.sourceComplete[k] = before;
    }
    if (before === 1) return false;
    let after = this.targetComplete[k] as number;
    if (after < 0) {
      after = codec.instanceComplete(this.target, 0, k) ? 1 : 0;
      this.targetComplete[k] = after;
    }
    return after === 1;
  }
}

/** words[from .. from + length) joined, a key part. */
function wordsKey(words: Words, from: number, length: number): string {
  let key = "";
  for (let i = from; i < from + length; i++) key += `${words[i]},`;
  return key;
}
