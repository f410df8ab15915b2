/**
 * The model: a workload, a snapshot algorithm and a channel discipline composed into the pure
 * transition system of semantics.md — the initial state, the enabled steps of a state (in a fixed
 * order, because saved paths depend on it), the next state of a step, and canonical state keys.
 * Beyond semantics.md (README, "Several snapshots" and "Scripted scenarios"): several snapshot
 * instances, and a script in place of the free application. Every step that is not a channel's
 * comes from the model's driver (driver.ts) — the workload's free application, or a script wrapped
 * around the tokens workload — which the model asks for them and runs them through.
 *
 * The rules are written once and run on packed states (codec.ts): `enabled` and `apply` are what
 * the engine calls, on words, with no state objects; `steps` and `next` are the same rules seen
 * through decoded `GlobalState`s, for traces, replay and simulation. Steps are interned (the same
 * step object each time it is enabled), and what a step does is learned from the rules once and
 * applied from the transition cache after (transition-cache.ts).
 */
import type { SnapshotAlgorithm } from "../algorithms/algorithm.js";
import type { Workload, WorkloadParams } from "../workloads/workload.js";
import type { ApplicationDriver } from "./application-driver.js";
import type { ChannelDiscipline } from "./channels/discipline.js";
import { StateCodec, type Words } from "./codec.js";
import { StateDraft } from "./draft.js";
import { drivenInstances, driverOf } from "./driver.js";
import { messageKey } from "./message.js";
import type { Script } from "./script.js";
import { emptySnapshot, instanceSuffix } from "./snapshot.js";
import { channelName, processName, type Topology } from "./topology.js";
import { TransitionCache, writesSnapshot } from "./transition-cache.js";
import type { GlobalState, Message, ModelEvent, Step, Transition } from "./types.js";
import { WorkloadRules } from "./workload-rules.js";

/** Relaxations of the lecture's reliable channels (semantics.md): each adds steps of its own. */
export interface ChannelFaults {
  /** A message may be lost: a `drop` step. */
  readonly lossy: boolean;
  /** A message may be delivered and stay in the channel: a `duplicate` step. */
  readonly duplicating: boolean;
}

export const RELIABLE: ChannelFaults = { lossy: false, duplicating: false };

export interface ModelSpec {
  readonly topology: Topology;
  readonly discipline: ChannelDiscipline;
  readonly faults: ChannelFaults;
  readonly workload: Workload;
  readonly params: WorkloadParams;
  readonly algorithm: SnapshotAlgorithm;
  /** The processes that may initiate each snapshot instance. */
  readonly initiators: readonly number[];
  /**
   * How many snapshot instances run (default 1). Instance k may start only once instance k−1 has:
   * ids are handed out in the order instances start.
   */
  readonly instances?: number | undefined;
  /** A scripted scenario drives the application (and starts the instances) instead. */
  readonly script?: Script | undefined;
}

export class Model {
  readonly initial: GlobalState;
  /** How many snapshot instances run: as configured, or one per `snapshot` command of the script. */
  readonly instances: number;
  /** The packed encoding of this model's states. */
  readonly codec: StateCodec;
  /** What takes every step that is not a channel's: the free application, or a script. */
  readonly driver: ApplicationDriver;
  private readonly draft: StateDraft;
  /** The workload's pure functions, memoized. */
  private readonly rules: WorkloadRules;
  /** Interned deliveries (and losses, duplications) by channel and contents id. */
  private readonly deliverySteps: (readonly Step[] | undefined)[][];
  /** How many steps this model made (interned and numbered: the ones the transition cache learns). */
  private stepCount = 0;
  /** This model's part of a step's stamp (see STEP_STAMP): one per model made in the process. */
  private readonly stampBase = nextModel++ * STAMPS_PER_MODEL;
  /** What each of its steps does, learned from the rules (transition-cache.ts). */
  private readonly effects: TransitionCache;
  /** The snapshot part of the words: a predicate, made once. */
  private readonly inSnapshot = (i: number) => i >= this.codec.recorded && i < this.codec.channels;
  /**
   * Whether the last `apply` wrote a word of the snapshot part (recorded states, channel records):
   * a step that did not can neither start nor complete an instance (StateCodec.progress).
   */
  wroteSnapshot = true;
  /**
   * What the last `applyOver` wrote, for `restore`: a cached effect, or −1 when it ran the rules.
   * Read it right after the step (anything that applies another step in between replaces it).
   */
  lastEffect = -1;
  /** The step number (stepNumber) of the step `applyOver` applied last, or −1 for a step not numbered. */
  lastStepNumber = -1;
  /** Labels of the model's own steps, by number, and of other steps met (read from a trace). */
  private readonly labels: string[] = [];
  private readonly otherLabels = new WeakMap<Step, string>();

  constructor(readonly spec: ModelSpec) {
    const { topology, workload, params, algorithm } = spec;
    this.instances = drivenInstances(spec);
    this.codec = new StateCodec(topology.processes, topology.channels.length, this.instances);
    this.draft = new StateDraft(this.codec, topology, spec.discipline);
    this.effects = new TransitionCache(this.inSnapshot);
    const none = emptySnapshot(topology.processes, topology.channels.length);
    // Interned first, so that id 0 is the empty record and the empty channel.
    this.codec.channelRecords.intern(none.records[0] ?? { closed: false, messages: [] });
    this.codec.contents.intern([]);
    this.initial = {
      procs: workload.initial(params, topology),
      snapshots: Array.from({ length: this.instances }, () => none),
      channels: topology.channels.map(() => []),
      scriptPosition: 0,
    };
    this.rules = new WorkloadRules(workload, this.codec, topology, algorithm);
    this.driver = driverOf(spec, {
      codec: this.codec,
      topology,
      algorithm,
      rules: this.rules,
      stamp: (step) => this.number(step),
    });
    this.deliverySteps = Array.from({ length: topology.channels.length }, () => []);
  }

  get topology(): Topology {
    return this.spec.topology;
  }

  /** Words per packed state. */
  get width(): number {
    return this.codec.width;
  }

  /** Writes to out[i] a number above every value word i of a state holds now (see StateCodec.bounds). */
  fieldBounds(out: Float64Array): void {
    this.codec.bounds(out, this.driver.positions);
  }

  /**
   * The enabled steps of the packed state `w`, appended to `out` in the model's order: the
   * driver's — initiations (by instance, then process) and application steps, or the script's
   * next command — then, where the driver lets channels deliver, for each channel and each message
   * it offers: its delivery, then its loss and its duplication where channels allow.
   */
  enabled(w: Words, out: Step[]): void {
    if (!this.driver.enabled(this.draft.read(w), w, out)) return;
    const channels = this.topology.channels.length;
    for (let c = 0; c < channels; c++) {
      const steps = this.deliveryStepsOf(w, c);
      for (let i = 0; i < steps.length; i++) out.push(steps[i] as Step);
    }
  }

  /**
   * Writes the state after `step` from the packed state `w` to `out` (which may be `w` itself), and
   * returns the id of the list of events the step emitted (`eventsOf`; one id per sequence of
   * events). A step met before on the same values of the words its rules read is applied from the
   * transition cache, without running them.
   */
  apply(w: Words, step: Step, out: Words): number {
    // A loop, not TypedArray.set: for a row of a few words the builtin's call costs more than the copy.
    if (out !== w) for (let i = 0; i < w.length; i++) out[i] = w[i] as number;
    return this.applyOver(w, step, out);
  }

  /**
   * `apply` to an `out` that holds the words of `w` already: writes only the words the step
   * changes. A search takes every step of a state this way, calling `restore` after each, so a step
   * costs the few words it writes rather than a copy of the state.
   */
  applyOver(w: Words, step: Step, out: Words): number {
    const number = this.stepNumber(step);
    this.lastStepNumber = number;
    const leaf = number < 0 ? -1 : this.effects.find(number, w);
    this.lastEffect = leaf;
    if (leaf >= 0) {
      this.effects.patch(leaf, out);
      this.wroteSnapshot = this.effects.writesSnapshot(leaf);
      return this.effects.eventsOf(leaf);
    }
    this.runRules(this.draft.begin(out), step);
    const { reads, writes, events } = this.draft.drafted();
    this.wroteSnapshot = writesSnapshot(writes, this.inSnapshot);
    // Only the model's own step objects are cached: a step read from a trace file is applied once.
    if (number >= 0) this.effects.learn(number, reads, writes, events, () => this.label(step));
    return events;
  }

  /** Makes `out` hold the words of `w` again after `applyOver(w, …, out)` wrote `effect` (`lastEffect`). */
  restore(w: Words, out: Words, effect: number): void {
    if (effect >= 0) this.effects.restore(effect, w, out);
    else for (let i = 0; i < w.length; i++) out[i] = w[i] as number;
  }

  /** The events of the list `apply` named `id`, in the order the step emitted them. */
  eventsOf(id: number): readonly ModelEvent[] {
    return this.draft.events(id);
  }

  /** The rules of `step`, run on the draft: the driver's, or the channels', the algorithm's and the workload's. */
  private runRules(draft: StateDraft, step: Step): void {
    const { topology, algorithm } = this.spec;
    switch (step.kind) {
      case "initiate":
      case "app":
      case "script":
        this.driver.run(draft, step);
        break;
      case "drop":
        draft.lose(step.channel, this.indexOf(step));
        break;
      case "deliver":
      case "duplicate": {
        const index = this.indexOf(step);
        const kept = step.kind === "duplicate";
        const { to } = topology.channel(step.channel);
        if (step.message.kind === "marker") {
          draft.receive(step.channel, index, kept);
          algorithm.onMarker(draft, step.channel, step.message.instance);
        } else {
          algorithm.onAppArrival(draft, step.channel, step.message.payload, step.message.tag);
          draft.receive(step.channel, index, kept);
          const effect = this.rules.receive(draft.procId(to), step.channel, step.message.payload);
          draft.setProcId(to, effect.state);
          this.rules.sendAll(draft, to, effect.sends);
        }
        break;
      }
    }
    algorithm.afterStep?.(draft);
  }

  /** The enabled steps of `state`, in the model's order (see `enabled`). */
  steps(state: GlobalState): Step[] {
    const steps: Step[] = [];
    this.enabled(this.codec.encode(state), steps);
    return steps;
  }

  /** The state after `step`, and the events it emitted. Pure: `state` is not modified. */
  next(state: GlobalState, step: Step): Transition {
    const out = new Int32Array(this.codec.width);
    const events = this.eventsOf(this.apply(this.codec.encode(state), step, out));
    return { state: this.codec.decode(out, 0, true), events };
  }

  // The lookup below runs for every state; what it interns is made in a separate method, whose
  // closures would otherwise cost it an allocation per call.

  /** The deliveries (and losses, duplications) channel c offers in `w` (interned per contents). */
  private deliveryStepsOf(w: Words, c: number): readonly Step[] {
    const id = w[this.codec.channels + c] as number;
    const byContents = this.deliverySteps[c] as (readonly Step[] | undefined)[];
    return byContents[id] ?? this.internDeliverySteps(c, id);
  }

  private internDeliverySteps(c: number, id: number): readonly Step[] {
    const { discipline, faults } = this.spec;
    const contents = this.codec.contents.value(id);
    const steps = discipline.deliverable(contents).flatMap((i) => {
      const message = contents[i];
      if (message === undefined) return [];
      const offered: Step[] = [{ kind: "deliver", channel: c, message }];
      if (faults.lossy) offered.push({ kind: "drop", channel: c, message });
      if (faults.duplicating) offered.push({ kind: "duplicate", channel: c, message });
      return offered;
    });
    for (const step of steps) this.number(step);
    (this.deliverySteps[c] as (readonly Step[] | undefined)[])[id] = steps;
    return steps;
  }

  /** Where in its channel the message a delivery-like step takes lies (in the drafted state). */
  private indexOf(step: Step & { channel: number; message: Message }): number {
    const index = this.draft.indexOf(step.channel, step.message);
    if (index < 0) throw new RangeError(`${this.label(step)} is not enabled`);
    return index;
  }

  /** The canonical key of a state: equal states, and only they, have equal keys. */
  key(state: GlobalState): string {
    const procs = state.procs.map((s) => s.join(",")).join(" ");
    const snapshots = state.snapshots.map((snapshot) => {
      const recorded = snapshot.recorded.map((s) => (s === null ? "-" : s.join(","))).join(" ");
      const records = snapshot.records.map((r) => (r.closed ? "x" : "o") + r.messages.join(",")).join(" ");
      return `${recorded}|${records}`;
    });
    const channels = state.channels.map((c) => c.map(messageKey).join(",")).join(" ");
    return `${procs}|${snapshots.join("|")}|${channels}|${state.scriptPosition}`;
  }

  /**
   * The step as people and trace files name it, e.g. `send(P0→P1)`, `idle(P0)` (an application step
   * whose destination is the process itself) or `deliver(c(0,1): M)`.
   */
  label(step: Step): string {
    const n = this.stepNumber(step);
    let label = n >= 0 ? this.labels[n] : this.otherLabels.get(step);
    if (label === undefined) {
      label = this.labelOf(step);
      if (n >= 0) this.labels[n] = label;
      else this.otherLabels.set(step, label);
    }
    return label;
  }

  /**
   * The number of `step` among the steps this model made (0, 1, … in the order made), or −1 for a
   * step it did not make (one read from a trace): what the engine's per-step tables are indexed by.
   */
  stepNumber(step: Step): number {
    const stamp = (step as StampedStep)[STEP_STAMP];
    // A step another model made (a property's application-only model reads this one's) is not ours.
    if (stamp === undefined || stamp < this.stampBase || stamp >= this.stampBase + STAMPS_PER_MODEL)
      return -1;
    return stamp - this.stampBase;
  }

  /** Gives one of the model's own steps its number. */
  private number(step: Step): void {
    // Past its range a step stays unnumbered: correct, only never cached.
    if (this.stepCount === STAMPS_PER_MODEL) return;
    // Not enumerable: invisible to JSON, to spreading and to deep equality.
    Object.defineProperty(step, STEP_STAMP, { value: this.stampBase + this.stepCount++ });
  }

  private labelOf(step: Step): string {
    const named = this.driver.label?.(step);
    if (named !== undefined) return named;
    switch (step.kind) {
      case "initiate":
        return `initiate(${processName(step.process)}${instanceSuffix(step.instance)})`;
      case "script":
        return `script command ${step.command}`;
      case "app":
        return step.to === step.process
          ? `${step.action}(${processName(step.process)})`
          : `${step.action}(${processName(step.process)}→${processName(step.to)})`;
      case "deliver":
      case "drop":
      case "duplicate":
        return `${step.kind}(${channelName(this.topology.channel(step.channel))}: ${messageKey(step.message)})`;
    }
  }
}

/**
 * Where a model writes the number of each step it makes, with the model's own part (its stamp
 * base): a symbol, so the step's fields, its JSON and its equality are those of the step alone, and
 * one symbol for every model, so reading it is a property load the engine's hot loop inlines, where
 * a map from steps would cost a lookup on every transition. A step is stamped once, by the model
 * that makes it.
 */
const STEP_STAMP = Symbol("step stamp");
type StampedStep = Step & { [STEP_STAMP]?: number };
/** Steps one model numbers (stamps stay exact integers for 2^27 models made in one process). */
const STAMPS_PER_MODEL = 2 ** 26;
let nextModel = 0;
