/**
 * The monitors' half of the product the search explores. Each safety monitor's state is interned to
 * a word, and the tuple of every monitor's word to one combination id, so a search node is a model
 * state and a combination. A monitor whose property already has its shortest violation is retired
 * (one word meaning "judges nothing more"), so the search stops telling apart runs that differ only
 * for it. When every monitor is event-driven (Monitor.eventDriven), a step that neither starts nor
 * completes a snapshot instance leads a combination to the same place for the same event list, so
 * the product advances it once per (combination, event list) and reuses that: most steps cost one
 * lookup, whatever the monitors. Both stores — exact and hashed — advance monitors through this one
 * class, on the same packed observation of each step.
 */
import { isComplete, isStarted, type Words } from "../model/codec.js";
import { Interner } from "../model/intern.js";
import type { Model } from "../model/model.js";
import { appProjection, recordedGlobalState, viewOf } from "../model/snapshot.js";
import type { GlobalState, ModelEvent, SnapshotState, Step } from "../model/types.js";
import { clear } from "./clear.js";
import { PairMap } from "./pair-map.js";
import type { Monitor, MonitorOutcome, ObservedStep } from "./property.js";
import { WordIds } from "./word-ids.js";

/** The monitor word of a retired monitor (its property already has its shortest violation). */
export const RETIRED = -1;

/** A violation of one monitor on one step: which monitor, and why. */
export interface MonitorViolation {
  readonly monitor: number;
  readonly reason: string;
}

/** Where a step leads a combination: the combinations (one, almost always) and the violations. */
interface Advance {
  readonly next: readonly number[];
  readonly violations: readonly MonitorViolation[];
}

export class MonitorProduct {
  private readonly interners: readonly Interner<unknown>[];
  /** The combinations met, as tuples of monitor words plus one, and each one's words, by id. */
  private readonly combinationIds: WordIds;
  private readonly combinationWords: (readonly number[])[] = [];
  /**
   * When every monitor is event-driven: where a list of events leads a combination, by the pair
   * (combination, id of the list of events) — the one combination it leads to, or, for a step with
   * several or with violations, −2 − its index in `advances`.
   */
  private readonly byPair = new PairMap();
  private readonly advances: Advance[] = [];
  private readonly eventDriven: boolean;
  /** One-element lists of combinations, by id: what a step leads to, almost always. */
  private readonly single: (readonly number[])[] = [];
  private readonly tuple: Uint32Array;
  private readonly nextWords: number[];
  /** The violations of the last step advanced over. */
  violations: readonly MonitorViolation[] = NO_VIOLATIONS;

  constructor(readonly monitors: readonly Monitor<unknown>[]) {
    this.interners = monitors.map((monitor) => new Interner<unknown>((s) => monitor.key(s)));
    this.eventDriven = monitors.every((monitor) => monitor.eventDriven === true);
    this.combinationIds = new WordIds(monitors.length);
    this.tuple = new Uint32Array(monitors.length);
    this.nextWords = monitors.map(() => RETIRED);
  }

  get size(): number {
    return this.monitors.length;
  }

  /** A number above every combination id met so far. */
  get bound(): number {
    return this.combinationIds.size;
  }

  /** The combination of every monitor's initial state in `state`. */
  initial(state: GlobalState): number {
    return this.combinationOf(
      this.monitors.map((monitor, j) =>
        (this.interners[j] as Interner<unknown>).intern(monitor.initial(state)),
      ),
    );
  }

  /** The monitor words of combination `id` (RETIRED for a retired monitor). */
  words(id: number): readonly number[] {
    const words = this.combinationWords[id];
    if (words === undefined) throw new RangeError(`no combination ${id}`);
    return words;
  }

  /**
   * Advances every monitor of combination `from` over `observed`, and returns every combination the
   * monitors may be in after it — one, almost always; several when the step is ambiguous to a
   * monitor — with the violations of the step in `violations`. A retired monitor stays RETIRED, and
   * so does one the step violates.
   */
  advance(from: number, observed: PackedObservation): readonly number[] {
    if (!this.eventDriven || observed.startsOrEnds()) return this.advanced(from, observed);
    let known = this.byPair.get(from, observed.eventsId);
    if (known === -1) {
      const next = this.advanced(from, observed);
      if (next.length === 1 && this.violations.length === 0) known = next[0] as number;
      else known = -2 - (this.advances.push({ next, violations: this.violations }) - 1);
      this.byPair.set(from, observed.eventsId, known);
    }
    if (known >= 0) {
      this.violations = NO_VIOLATIONS;
      return this.singleOf(known);
    }
    const advance = this.advances[-2 - known] as Advance;
    this.violations = advance.violations;
    return advance.next;
  }

  /** Every monitor of combination `from` advanced over `observed` (violations in `violations`). */
  private advanced(from: number, observed: ObservedStep): readonly number[] {
    const words = this.words(from);
    const next = this.nextWords;
    let violations: MonitorViolation[] | undefined;
    // One outcome per monitor, almost always: the next words, without a list of choices.
    for (let j = 0; j < words.length; j++) {
      const word = words[j] as number;
      if (word === RETIRED) {
        next[j] = RETIRED;
        continue;
      }
      const interner = this.interners[j] as Interner<unknown>;
      const current = interner.value(word);
      const outcomes = (this.monitors[j] as Monitor<unknown>).advance(current, observed);
      if (outcomes.length !== 1) return this.branching(words, observed);
      const outcome = outcomes[0] as MonitorOutcome<unknown>;
      if (outcome.ok) next[j] = outcome.monitor === current ? word : interner.intern(outcome.monitor);
      else {
        violations ??= [];
        violations.push({ monitor: j, reason: outcome.reason });
        next[j] = RETIRED;
      }
    }
    this.violations = violations ?? NO_VIOLATIONS;
    return this.singleOf(this.combinationOf(next));
  }

  /** `advanced` where some monitor has several outcomes: every way of picking one per monitor. */
  private branching(words: readonly number[], observed: ObservedStep): readonly number[] {
    const violations: MonitorViolation[] = [];
    let choices: number[][] = [[]];
    this.monitors.forEach((monitor, j) => {
      const word = words[j] as number;
      if (word === RETIRED) {
        for (const choice of choices) choice.push(RETIRED);
        return;
      }
      const interner = this.interners[j] as Interner<unknown>;
      const current = interner.value(word);
      const next = monitor.advance(current, observed).map((outcome: MonitorOutcome<unknown>) => {
        if (!outcome.ok) {
          violations.push({ monitor: j, reason: outcome.reason });
          return RETIRED;
        }
        return outcome.monitor === current ? word : interner.intern(outcome.monitor);
      });
      choices = choices.flatMap((choice) => next.map((w) => [...choice, w]));
    });
    this.violations = violations;
    return [...new Set(choices.map((choice) => this.combinationOf(choice)))];
  }

  /** The id of the combination of monitor words `words`. */
  private combinationOf(words: readonly number[]): number {
    for (let j = 0; j < words.length; j++) this.tuple[j] = (words[j] as number) + 1;
    const id = this.combinationIds.id(this.tuple);
    if (this.combinationIds.added) this.combinationWords.push(words.slice());
    return id;
  }

  private singleOf(id: number): readonly number[] {
    let single = this.single[id];
    if (single === undefined) {
      single = [id];
      this.single[id] = single;
    }
    return single;
  }
}

const NO_VIOLATIONS: readonly MonitorViolation[] = [];

/**
 * The steps out of one state as monitors see them, over packed words: states are decoded only
 * when a monitor reads them, once per state, and the questions about snapshot instances are
 * answered from the words. One object serves every transition (monitors never keep it).
 */
export class PackedObservation implements ObservedStep {
  step: Step = { kind: "script", command: 0 };
  /** The id of the step's list of events (Model.apply). */
  eventsId = 0;
  private source: Words = new Int32Array(0);
  private target: Words = new Int32Array(0);
  private fromState: GlobalState | undefined;
  private toState: GlobalState | undefined;
  private toApplication: GlobalState | undefined;
  private readonly recordedStates: (GlobalState | undefined)[] = [];
  /**
   * app(S), S* and instance snapshot states, each made once, by the words they are read from
   * (ObservedStep): app(S) from the script position, the application states and the channels'
   * contents; S* of instance k from k, the script position, k's recorded states and its records;
   * k's snapshot state from k, its recorded states and its records.
   */
  private readonly applicationIds: WordIds;
  private readonly applications: GlobalState[] = [];
  private readonly recordingIds: WordIds;
  private readonly recordings: GlobalState[] = [];
  private readonly snapshotIds: WordIds;
  private readonly snapshots: SnapshotState[] = [];
  /** The words of one key. */
  private readonly key: Uint32Array;
  /** Application states by their own encoding: different words may read as one state (a tag dropped). */
  private readonly applicationStates = new Map<string, GlobalState>();
  /** Each instance's snapshot state in the source, decoded once for every transition out of it. */
  private readonly sourceSnapshots: (SnapshotState | undefined)[] = [];

  /** The progress of the instances (StateCodec.progress) in the source, and in the target (−1: not read yet). */
  private sourceProgress = 0;
  private targetProgress = -1;

  constructor(private readonly model: Model) {
    const { processes, channelCount } = model.codec;
    this.applicationIds = new WordIds(1 + processes + channelCount);
    this.recordingIds = new WordIds(2 + processes + channelCount);
    this.snapshotIds = new WordIds(1 + processes + channelCount);
    this.key = new Uint32Array(2 + processes + channelCount);
  }

  /** The next transitions leave `source`. */
  leave(source: Words): void {
    this.source = source;
    this.fromState = undefined;
    clear(this.sourceSnapshots);
    this.sourceProgress = this.model.codec.progress(source, 0);
  }

  /** The transition by `step` to `target`, emitting the list of events `eventsId` (overwritten by the next one). */
  observe(step: Step, target: Words, eventsId: number): void {
    this.step = step;
    this.eventsId = eventsId;
    this.target = target;
    this.toState = undefined;
    this.toApplication = undefined;
    if (this.recordedStates.length > 0) clear(this.recordedStates);
    this.targetProgress = -1;
  }

  get events(): readonly ModelEvent[] {
    return this.model.eventsOf(this.eventsId);
  }

  /** The progress of the instances after the step. */
  private progressAfter(): number {
    if (this.targetProgress < 0) this.targetProgress = this.model.codec.progress(this.target, 0);
    return this.targetProgress;
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
    this.instanceKey(k, 0);
    const id = this.snapshotIds.id(this.key);
    if (this.snapshotIds.added) this.snapshots.push(this.model.codec.snapshotAt(this.target, 0, k));
    return this.snapshots[id] as SnapshotState;
  }

  /** Writes to `key`, after `before` leading words, the words instance k's snapshot state is read from. */
  private instanceKey(k: number, before: number): void {
    const { codec } = this.model;
    const key = this.key;
    let at = before;
    key[at++] = k;
    const recorded = codec.recorded + k * codec.processes;
    for (let p = 0; p < codec.processes; p++) key[at++] = this.target[recorded + p] as number;
    const records = codec.records + k * codec.channelCount;
    for (let c = 0; c < codec.channelCount; c++) key[at++] = this.target[records + c] as number;
  }

  started(k: number): boolean {
    return isStarted(this.progressAfter(), k);
  }

  initiates(k: number): boolean {
    return !isStarted(this.sourceProgress, k) && this.started(k);
  }

  recorded(k: number): GlobalState {
    let recorded = this.recordedStates[k];
    if (recorded === undefined) {
      this.key[0] = this.target[0] as number;
      this.instanceKey(k, 1);
      const id = this.recordingIds.id(this.key);
      if (this.recordingIds.added)
        this.recordings.push(
          this.canonical(recordedGlobalState(viewOf(this.to, k), this.model.spec.discipline)),
        );
      recorded = this.recordings[id] as GlobalState;
      this.recordedStates[k] = recorded;
    }
    return recorded;
  }

  application(): GlobalState {
    if (this.toApplication === undefined) {
      const { codec } = this.model;
      const key = this.key;
      key[0] = this.target[0] as number;
      for (let p = 0; p < codec.processes; p++) key[1 + p] = this.target[codec.app + p] as number;
      for (let c = 0; c < codec.channelCount; c++)
        key[1 + codec.processes + c] = this.target[codec.channels + c] as number;
      const id = this.applicationIds.id(key);
      if (this.applicationIds.added)
        this.applications.push(this.canonical(appProjection(this.to, this.model.spec.discipline)));
      this.toApplication = this.applications[id] as GlobalState;
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

  /** The step starts or completes some snapshot instance (progress only ever grows). */
  startsOrEnds(): boolean {
    return this.progressAfter() !== this.sourceProgress;
  }

  completes(k: number): boolean {
    return !isComplete(this.sourceProgress, k) && isComplete(this.progressAfter(), k);
  }
}

/** words[from .. from + length) joined, a key part. */
function wordsKey(words: Words, from: number, length: number): string {
  let key = "";
  for (let i = from; i < from + length; i++) key += `${words[i]},`;
  return key;
}
