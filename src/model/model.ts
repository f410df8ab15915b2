/**
 * The model: a workload, a snapshot algorithm and a channel discipline composed into the pure
 * transition system of semantics.md — the initial state, the enabled steps of a state (in a fixed
 * order, because saved paths depend on it), the next state of a step, and canonical state keys.
 * Beyond semantics.md (README, "Several snapshots" and "Scripted scenarios"): several snapshot
 * instances, and a script in place of the free application (script.ts's ScriptRunner, which the
 * model asks for the application's steps and runs them).
 *
 * The rules are written once and run on packed states (codec.ts): `enabled` and `apply` are what
 * the engine calls, on words, with no state objects; `steps` and `next` are the same rules seen
 * through decoded `GlobalState`s, for traces, replay and simulation. Steps are interned (the same
 * step object each time it is enabled), and what a step does is learned from the rules once and
 * applied from the transition cache after (transition-cache.ts).
 */
import type { SnapshotAlgorithm } from "../algorithms/algorithm.js";
import type { AppEffect, Workload, WorkloadParams } from "../workloads/workload.js";
import type { ChannelDiscipline } from "./channels/discipline.js";
import { isStarted, StateCodec, type Words } from "./codec.js";
import { StateDraft } from "./draft.js";
import { appMessage, messageKey } from "./message.js";
import { instanceSuffix, type Script, ScriptRunner } from "./script.js";
import { emptySnapshot } from "./snapshot.js";
import { channelName, processName, type Topology } from "./topology.js";
import { TransitionCache, writesSnapshot } from "./transition-cache.js";
import type { GlobalState, Message, ModelEvent, Step, Transition } from "./types.js";

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
  /** The script that drives the application in place of the workload's own steps, if any. */
  readonly script: ScriptRunner | undefined;
  private readonly initiators: readonly number[];
  private readonly draft: StateDraft;
  /** Interned initiations, by instance and initiator. */
  private readonly initiations: readonly (readonly Step[])[];
  /** Interned application steps by (app state id, process), deliveries by (contents id, channel). */
  private readonly appSteps: (readonly Step[] | undefined)[][];
  private readonly deliverySteps: (readonly Step[] | undefined)[][];
  /** The workload's pure functions, memoized: effects by interned app state and step. */
  private readonly performed = new Map<number, Effect>();
  private readonly received = new Map<number, Effect>();
  private readonly codes = new Map<string, number>();
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
    const { topology, workload, params, script } = spec;
    this.script = script === undefined ? undefined : new ScriptRunner(script, topology);
    this.initiators = script === undefined ? [...new Set(spec.initiators)].sort((a, b) => a - b) : [];
    this.instances = this.script?.instances ?? spec.instances ?? 1;
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
    this.initiations = Array.from({ length: this.instances }, (_, k) =>
      this.initiators.map((p): Step => ({ kind: "initiate", process: p, instance: k })),
    );
    for (const step of [...this.initiations.flat(), ...(this.script?.steps ?? [])]) this.number(step);
    this.appSteps = Array.from({ length: topology.processes }, () => []);
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
    this.codec.bounds(out, this.script?.positions ?? 1);
  }

  /**
   * The enabled steps of the packed state `w`, appended to `out` in the model's order:
   * initiations (by instance, then process), then application steps — or the script's next
   * command — then for each channel and each message it offers: its delivery, then its loss and
   * its duplication where channels allow.
   */
  enabled(w: Words, out: Step[]): void {
    const { topology, algorithm } = this.spec;
    const reader = this.draft.read(w);
    // Instance k may start once instance k − 1 has.
    const progress = this.instances > 1 ? this.codec.progress(w, 0) : 0;
    for (let k = 0; k < this.instances; k++) {
      if (k > 0 && !isStarted(progress, k - 1)) break;
      const steps = this.initiations[k] ?? [];
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i] as Step & { kind: "initiate" };
        if (algorithm.canInitiate(reader, step.process, k)) out.push(step);
      }
    }
    const { script } = this;
    if (script === undefined) {
      for (let p = 0; p < topology.processes; p++) pushAll(out, this.appStepsOf(w, p));
    } else {
      const step = script.stepAt(reader, w[0] as number);
      if (step !== undefined) out.push(step);
      if (!script.deliveriesEnabled(reader, w[0] as number)) return;
    }
    for (let c = 0; c < topology.channels.length; c++) pushAll(out, this.deliveryStepsOf(w, c));
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

  /** The rules of `step`, run on the draft: the algorithm's handlers, the workload's, the channels'. */
  private runRules(draft: StateDraft, step: Step): void {
    const { topology, algorithm } = this.spec;
    switch (step.kind) {
      case "initiate":
        algorithm.initiate(draft, step.process, step.instance);
        break;
      case "script":
        if (this.script === undefined) throw new RangeError("a script step of a model without a script");
        this.script.run(draft, step.command, algorithm);
        break;
      case "app": {
        const effect = this.perform(draft.procId(step.process), step);
        draft.setProcId(step.process, effect.state);
        this.sendAll(draft, step.process, effect.sends);
        break;
      }
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
          const effect = this.receive(draft.procId(to), step.channel, step.message.payload);
          draft.setProcId(to, effect.state);
          this.sendAll(draft, to, effect.sends);
        }
        break;
      }
    }
    algorithm.afterStep?.(draft);
  }

  /** Pp sends the application messages of a workload effect, tagged as the algorithm says. */
  private sendAll(draft: StateDraft, p: number, sends: Effect["sends"]): void {
    const { algorithm } = this.spec;
    for (let i = 0; i < sends.length; i++) {
      const { channel, payload } = sends[i] as Effect["sends"][number];
      draft.send(channel, appMessage(payload, algorithm.tagOutgoing?.(draft, p)));
    }
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

  // The lookups below run for every state; what they intern is made in separate methods, whose
  // closures would otherwise cost these an allocation per call.

  /** The application steps Pp can take in `w` (interned per app state). */
  private appStepsOf(w: Words, p: number): readonly Step[] {
    const id = w[this.codec.app + p] as number;
    const byState = this.appSteps[p] as (readonly Step[] | undefined)[];
    return byState[id] ?? this.internAppSteps(p, id);
  }

  private internAppSteps(p: number, id: number): readonly Step[] {
    const { workload, topology } = this.spec;
    const steps = workload
      .actions(this.codec.apps.value(id), p, topology)
      .map(({ action, to }): Step => ({ kind: "app", action, process: p, to }));
    for (const step of steps) this.number(step);
    (this.appSteps[p] as (readonly Step[] | undefined)[])[id] = steps;
    return steps;
  }

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

  /** The workload's effect of application step `step` on Pp's state `id` (memoized: it is pure). */
  private perform(id: number, step: Step & { kind: "app" }): Effect {
    const n = this.codec.processes;
    const key = ((id * n + step.process) * n + step.to) * ACTIONS + this.code(step.action);
    let effect = this.performed.get(key);
    if (effect === undefined) {
      const { workload } = this.spec;
      const app = this.codec.apps.value(id);
      effect = this.effect(step.process, workload.perform(app, step.process, step.action, step.to));
      this.performed.set(key, effect);
    }
    return effect;
  }

  /** The workload's effect of receiving `payload` on channel c, on its receiver's state `id`. */
  private receive(id: number, c: number, payload: string): Effect {
    const { from, to } = this.topology.channel(c);
    const key = (id * this.codec.channelCount + c) * ACTIONS + this.code(payload);
    let effect = this.received.get(key);
    if (effect === undefined) {
      const app = this.codec.apps.value(id);
      effect = this.effect(to, this.spec.workload.receive(app, to, from, payload));
      this.received.set(key, effect);
    }
    return effect;
  }

  private effect(p: number, { state, sends }: AppEffect): Effect {
    return {
      state: this.codec.apps.intern(state),
      sends: sends.map(({ to, payload }) => {
        const channel = this.topology.channelIndex(p, to);
        if (channel === undefined) throw new RangeError(`${this.spec.workload.name}: no channel ${p}→${to}`);
        return { channel, payload };
      }),
    };
  }

  /** A small code for an action name or payload, for memo keys. */
  private code(name: string): number {
    let code = this.codes.get(name);
    if (code === undefined) {
      code = this.codes.size;
      if (code >= ACTIONS) throw new RangeError(`more than ${ACTIONS} distinct actions and payloads`);
      this.codes.set(name, code);
    }
    return code;
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
    switch (step.kind) {
      case "initiate":
        return `initiate(${processName(step.process)}${instanceSuffix(step.instance)})`;
      case "script":
        return this.script?.label(step.command) ?? `script command ${step.command}`;
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

/** Distinct action names and payloads a memo key can tell apart. */
const ACTIONS = 4096;

/** A workload effect with interned state and resolved channels. */
interface Effect {
  readonly state: number;
  readonly sends: readonly { readonly channel: number; readonly payload: string }[];
}

function pushAll<T>(out: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) out.push(items[i] as T);
}
