/**
 * Partial-order reduction of scripted scenarios: in each state, expand only a stubborn set of its
 * enabled steps (Valmari) — a set T such that (D1) every step that does not commute with an
 * enabled step of T, and could happen before it, is in T, and (D2) every disabled step of T needs
 * a step of T to happen first. Then every run from the state that avoids T commutes with each
 * enabled step of T.
 *
 * When it applies (`stubbornSteps` says why not otherwise): a script without ticks drives the
 * tokens workload (its receipts commute and send nothing), channels are FIFO and never duplicate,
 * and the algorithm is marker-local (SnapshotAlgorithm.markerLocal). The state space is then
 * finite and acyclic — each step advances the script, records a process for an instance, or takes
 * a message off a channel without sending — so the reduced search meets a run equivalent (the same
 * steps, independent ones swapped) to every maximal run. Every snapshot an instance can record, a
 * stuck snapshot, and a violation of consistent-cut, conservation or reachable-cut are the same in
 * equivalent runs; the counts of states and the length of runs are the reduced search's own.
 *
 * Which steps do not commute, for a process p (the receiver of a delivery, the sender or initiator
 * of a script command):
 * - a step that records p for instance k (the first marker k into p, `snapshot p`) with a step that
 *   changes p's tokens (a token arriving, `send p …`) and with one recording p for another instance;
 * - the deliver and the drop of one channel's head; any two script commands.
 * A marker of an instance p has recorded only closes its channel's record; two first markers of
 * one instance commute (p records at the first, the second closes its empty record); token
 * receipts commute with each other and with p's sends; a send appends where a delivery takes the
 * head. What enables a step: a later message of channel c needs c's head delivered or dropped, or,
 * with c empty, its sender's append — `send` of the script, or the sender recording an instance.
 */
import { isMarkerLocal } from "../algorithms/algorithm.js";
import type { Words } from "../model/codec.js";
import type { Model } from "../model/model.js";
import { type ScriptRunner, scriptOf } from "../model/script.js";
import type { Step } from "../model/types.js";

/** The reduction a search applies: which of a state's enabled steps it expands. */
export interface StepReduction {
  /** Sets `chosen[i]` to 1 for each step `steps[i]` of `w` to expand, 0 for the others; returns how many. */
  choose(w: Words, steps: readonly Step[], chosen: Uint8Array): number;
}

/** The scenario's stubborn-set reduction, or why it does not apply to the model. */
export function stubbornSteps(model: Model): StepReduction | string {
  const { faults, discipline, algorithm, workload } = model.spec;
  const script = scriptOf(model);
  if (script === undefined) return "it reduces scripted scenarios only";
  if (script.script.ticks) return "a script with ticks gates every delivery on the script";
  if (faults.duplicating) return "duplicating channels make the space cyclic";
  if (!discipline.ordered) return "it needs FIFO channels";
  if (workload.receiptsCommute !== true) return `the ${workload.name} workload's receipts may not commute`;
  if (!isMarkerLocal(algorithm)) return `${algorithm.name} is not declared marker-local`;
  return new StubbornSteps(model, script);
}

const TOKENS = 1;
/** The kind mask of instance k's markers. */
const markerBit = (k: number) => 2 << k;

class StubbornSteps implements StepReduction {
  private readonly n: number;
  private readonly instances: number;
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private readonly incoming: readonly (readonly number[])[];
  /** By script position and process: a `send p …` at or after it; a `snapshot p` at or after it. */
  private readonly sendsLater: Uint8Array;
  private readonly snapshotsLater: Uint8Array;
  /** By script position and channel: a send on the channel at or after it. */
  private readonly sendsOnLater: Uint8Array;
  /** By script position and process: the instance of a `snapshot p` at or after it, as a mask. */
  private readonly snapshotInstancesLater: Int32Array;
  // Per choice: the state, where its steps are, and what is in the set so far.
  private w: Words = new Int32Array(0);
  private steps: readonly Step[] = [];
  private chosen: Uint8Array = new Uint8Array(0);
  private count = 0;
  private limit = 0;
  private scriptIn = false;
  private scriptIndex = -1;
  private readonly heads: Int32Array;
  private readonly futures: Int32Array;
  private readonly recordings: Uint8Array;
  /** The set being built from one seed (reused: `choose` runs in every state). */
  private trial = new Uint8Array(64);

  constructor(
    private readonly model: Model,
    private readonly script: ScriptRunner,
  ) {
    const { topology } = model;
    const channels = topology.channels.length;
    this.n = topology.processes;
    this.instances = model.instances;
    if (this.instances > 29) throw new RangeError("partial-order reduction handles at most 29 instances");
    this.from = Int32Array.from(topology.channels, (c) => c.from);
    this.to = Int32Array.from(topology.channels, (c) => c.to);
    this.incoming = topology.incoming;
    const { commands } = script;
    const positions = commands.length + 1;
    this.sendsLater = new Uint8Array(positions * this.n);
    this.snapshotsLater = new Uint8Array(positions * this.n);
    this.snapshotInstancesLater = new Int32Array(positions * this.n);
    this.sendsOnLater = new Uint8Array(positions * channels);
    for (let i = commands.length - 1; i >= 0; i--) {
      for (let p = 0; p < this.n; p++) {
        this.sendsLater[i * this.n + p] = this.sendsLater[(i + 1) * this.n + p] as number;
        this.snapshotsLater[i * this.n + p] = this.snapshotsLater[(i + 1) * this.n + p] as number;
        this.snapshotInstancesLater[i * this.n + p] = this.snapshotInstancesLater[
          (i + 1) * this.n + p
        ] as number;
      }
      for (let c = 0; c < channels; c++)
        this.sendsOnLater[i * channels + c] = this.sendsOnLater[(i + 1) * channels + c] as number;
      const command = commands[i];
      if (command?.kind === "send") {
        this.sendsLater[i * this.n + command.from] = 1;
        const c = topology.channelIndex(command.from, command.to);
        if (c !== undefined) this.sendsOnLater[i * channels + c] = 1;
      } else if (command?.kind === "snapshot") {
        this.snapshotsLater[i * this.n + command.process] = 1;
        const at = i * this.n + command.process;
        this.snapshotInstancesLater[at] =
          (this.snapshotInstancesLater[at] as number) | markerBit(script.startedBy[i] ?? 0);
      }
    }
    this.heads = new Int32Array(2 * channels);
    this.futures = new Int32Array(channels);
    this.recordings = new Uint8Array(this.n * this.instances);
  }

  choose(w: Words, steps: readonly Step[], chosen: Uint8Array): number {
    this.w = w;
    this.steps = steps;
    this.heads.fill(-1);
    this.scriptIndex = -1;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i] as Step;
      if (step.kind === "script") this.scriptIndex = i;
      else if (step.kind === "deliver" || step.kind === "drop") {
        const slot = 2 * step.channel + (step.kind === "drop" ? 1 : 0);
        this.heads[slot] = i;
      }
    }
    // Try each enabled step as the seed; keep the smallest set (a single step cannot be beaten).
    let best = -1;
    let bestCount = steps.length + 1;
    if (this.trial.length < steps.length) this.trial = new Uint8Array(2 * steps.length);
    const trial = this.trial;
    for (let seed = 0; seed < steps.length && bestCount > 1; seed++) {
      trial.fill(0);
      this.begin(trial, bestCount);
      if (!this.addStep(seed)) continue;
      if (this.count < bestCount) {
        bestCount = this.count;
        best = seed;
        chosen.set(trial.subarray(0, steps.length));
      }
    }
    if (best < 0) {
      chosen.fill(1, 0, steps.length);
      return steps.length;
    }
    return bestCount;
  }

  private begin(chosen: Uint8Array, limit: number): void {
    this.chosen = chosen;
    this.count = 0;
    this.limit = limit;
    this.scriptIn = false;
    this.futures.fill(0);
    this.recordings.fill(0);
  }

  /** Puts enabled step i in the set with what it depends on; false once the set is no smaller than the best. */
  private addStep(i: number): boolean {
    if (this.chosen[i] === 1) return true;
    this.chosen[i] = 1;
    if (++this.count >= this.limit) return false;
    const step = this.steps[i] as Step;
    if (step.kind === "script") return this.addScriptDependents(step.command);
    if (step.kind !== "deliver" && step.kind !== "drop") return true;
    const c = step.channel;
    // The deliver and the drop of a head disable each other.
    const deliver = this.heads[2 * c] as number;
    const drop = this.heads[2 * c + 1] as number;
    if ((deliver >= 0 && !this.addStep(deliver)) || (drop >= 0 && !this.addStep(drop))) return false;
    if (step.kind === "drop") return true;
    const p = this.to[c] as number;
    const message = step.message;
    if (message.kind === "marker") {
      if (this.recorded(p, message.instance)) return true; // it only closes c's record
      return this.addRecordingDependents(p, message.instance, c);
    }
    return this.addTokenDependents(p, c);
  }

  /** A step recording p for instance k (through channel `via`, or -1): p's token changes and other recordings. */
  private addRecordingDependents(p: number, k: number, via: number): boolean {
    const mask = TOKENS | (this.unrecordedMask(p) & ~markerBit(k));
    for (const c of this.incoming[p] ?? []) if (c !== via && !this.addFuture(c, mask)) return false;
    const at = this.position() * this.n + p;
    if ((this.sendsLater[at] === 1 || this.snapshotsLater[at] === 1) && !this.addScript()) return false;
    return true;
  }

  /** A step changing p's tokens (through channel `via`, or -1): the steps recording p. */
  private addTokenDependents(p: number, via: number): boolean {
    const mask = this.unrecordedMask(p);
    if (mask !== 0)
      for (const c of this.incoming[p] ?? []) if (c !== via && !this.addFuture(c, mask)) return false;
    if (this.snapshotsLater[this.position() * this.n + p] === 1 && !this.addScript()) return false;
    return true;
  }

  private addScriptDependents(index: number): boolean {
    if (!this.addScript()) return false;
    const command = this.script.commands[index];
    if (command?.kind === "send") return this.addTokenDependents(command.from, -1);
    if (command?.kind === "snapshot")
      return this.addRecordingDependents(command.process, this.script.startedBy[index] ?? 0, -1);
    return true;
  }

  /** Every script command: they advance one position. The next one, or what it waits for. */
  private addScript(): boolean {
    if (this.scriptIn) return true;
    this.scriptIn = true;
    if (this.scriptIndex >= 0) return this.addStep(this.scriptIndex);
    const command = this.script.commands[this.position()];
    // A send waiting for its sender's tokens: a token arriving there comes first.
    if (command?.kind === "send") {
      for (const c of this.incoming[command.from] ?? []) if (!this.addFuture(c, TOKENS)) return false;
    }
    return true;
  }

  /**
   * The deliveries on channel c of messages of the kinds in `mask` that may come before the step
   * asking: c's head (enabled, or standing in front of them), or with c empty what appends them.
   */
  private addFuture(c: number, mask: number): boolean {
    const fresh = mask & ~(this.futures[c] as number);
    if (fresh === 0) return true;
    this.futures[c] = (this.futures[c] as number) | fresh;
    const head = this.heads[2 * c] as number;
    if (head >= 0) return this.addStep(head);
    const y = this.from[c] as number;
    const channels = this.from.length;
    if (
      (fresh & TOKENS) !== 0 &&
      this.sendsOnLater[this.position() * channels + c] === 1 &&
      !this.addScript()
    )
      return false;
    for (let k = 0; k < this.instances; k++) {
      if ((fresh & markerBit(k)) !== 0 && !this.recorded(y, k) && !this.addRecordingOf(y, k)) return false;
    }
    return true;
  }

  /** What may make y record instance k: a marker k into y, or a later `snapshot y`. */
  private addRecordingOf(y: number, k: number): boolean {
    const at = y * this.instances + k;
    if (this.recordings[at] === 1) return true;
    this.recordings[at] = 1;
    for (const c of this.incoming[y] ?? []) if (!this.addFuture(c, markerBit(k))) return false;
    const later = this.snapshotInstancesLater[this.position() * this.n + y] as number;
    if ((later & markerBit(k)) !== 0 && !this.addScript()) return false;
    return true;
  }

  private position(): number {
    return this.w[0] as number;
  }

  private recorded(p: number, k: number): boolean {
    const { codec } = this.model;
    return this.w[codec.recorded + k * this.n + p] !== 0;
  }

  /** The markers p may still receive as first ones: those of the instances p has not recorded. */
  private unrecordedMask(p: number): number {
    let mask = 0;
    for (let k = 0; k < this.instances; k++) if (!this.recorded(p, k)) mask |= markerBit(k);
    return mask;
  }
}
