/**
 * The steps out of one state as the monitors see them (ObservedStep), over packed words: decoded
 * only when a monitor reads them, and what monitors memoize on — app(S), S*, snapshot states —
 * handed out as one object per distinct value.
 */
import { isComplete, isStarted, type Words } from "../model/codec.js";
import type { Model } from "../model/model.js";
import { appProjection, recordedGlobalState, viewOf } from "../model/snapshot.js";
import type { GlobalState, ModelEvent, SnapshotState, Step } from "../model/types.js";
import { clear } from "./clear.js";
import type { ObservedStep } from "./property.js";
import { WordIds } from "./word-ids.js";

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

  /**
   * The transition by `step` to `target`, emitting the list of events `eventsId` (overwritten by
   * the next one); `wroteSnapshot`: whether it wrote a word of the snapshot part (Model.wroteSnapshot),
   * without which the instances' progress is the source's.
   */
  observe(step: Step, target: Words, eventsId: number, wroteSnapshot: boolean): void {
    this.step = step;
    this.eventsId = eventsId;
    this.target = target;
    this.toState = undefined;
    this.toApplication = undefined;
    if (this.recordedStates.length > 0) clear(this.recordedStates);
    this.targetProgress = wroteSnapshot ? -1 : this.sourceProgress;
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
