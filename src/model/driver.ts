/**
 * What drives the application and starts the snapshot instances — every step of a model that is
 * not a channel's: either the workload's own steps, which any process may take at any time, and
 * the configured initiators' initiations (FreeApplication, here); or a scripted scenario wrapped
 * around the tokens workload (script.ts's ScriptRunner). The model asks its driver which of these
 * steps a state enables and runs them through it, so it knows neither how a workload acts nor
 * what a script says.
 */
import type { ApplicationDriver, DriverParts } from "./application-driver.js";
import { isStarted, type Words } from "./codec.js";
import type { StateDraft, StateReader } from "./draft.js";
import { type Script, ScriptRunner, scriptInstances } from "./script.js";
import type { Step } from "./types.js";

/** What a model's driver is configured by (ModelSpec's fields). */
export interface DriverSpec {
  readonly initiators: readonly number[];
  readonly instances?: number | undefined;
  readonly script?: Script | undefined;
}

/** How many snapshot instances the driver of `spec` starts: one per `snapshot` line of a script. */
export function drivenInstances(spec: DriverSpec): number {
  return spec.script === undefined ? (spec.instances ?? 1) : scriptInstances(spec.script);
}

/** The driver of `spec`: its script, or the workload's free application. */
export function driverOf(spec: DriverSpec, parts: DriverParts): ApplicationDriver {
  if (spec.script !== undefined) return new ScriptRunner(spec.script, parts);
  return new FreeApplication(parts, spec.initiators);
}

/**
 * The workload's own application: in any state, each process's actions (Workload.actions, by
 * process), and before them the initiations of each instance by each initiator that may start it
 * (instance k only once k − 1 has started). Steps are made once per application state and reused.
 */
export class FreeApplication implements ApplicationDriver {
  readonly positions = 1;
  private readonly initiators: readonly number[];
  /** The model's snapshot instances (drivenInstances): its codec's. */
  private readonly instances: number;
  /** Interned initiations, by instance and initiator. */
  private readonly initiations: readonly (readonly Step[])[];
  /** Interned application steps by process and app state id. */
  private readonly appSteps: (readonly Step[] | undefined)[][];

  constructor(
    private readonly parts: DriverParts,
    initiators: readonly number[],
  ) {
    this.initiators = [...new Set(initiators)].sort((a, b) => a - b);
    this.instances = parts.codec.instances;
    this.initiations = Array.from({ length: this.instances }, (_, k) =>
      this.initiators.map((p): Step => ({ kind: "initiate", process: p, instance: k })),
    );
    for (const step of this.initiations.flat()) parts.stamp(step);
    this.appSteps = Array.from({ length: parts.topology.processes }, () => []);
  }

  enabled(reader: StateReader, w: Words, out: Step[]): boolean {
    const { codec, algorithm, topology } = this.parts;
    const progress = this.instances > 1 ? codec.progress(w, 0) : 0;
    for (let k = 0; k < this.instances; k++) {
      if (k > 0 && !isStarted(progress, k - 1)) break;
      const steps = this.initiations[k] ?? [];
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i] as Step & { kind: "initiate" };
        if (algorithm.canInitiate(reader, step.process, k)) out.push(step);
      }
    }
    for (let p = 0; p < topology.processes; p++) {
      const steps = this.appStepsOf(w, p);
      for (let i = 0; i < steps.length; i++) out.push(steps[i] as Step);
    }
    return true;
  }

  run(draft: StateDraft, step: Step): void {
    const { algorithm, rules } = this.parts;
    if (step.kind === "initiate") {
      algorithm.initiate(draft, step.process, step.instance);
      return;
    }
    if (step.kind !== "app") throw new RangeError(`a ${step.kind} step is not the free application's`);
    const effect = rules.perform(draft.procId(step.process), step);
    draft.setProcId(step.process, effect.state);
    rules.sendAll(draft, step.process, effect.sends);
  }

  // What it interns is made here, apart from the lookup that runs for every state: a closure
  // there would cost an allocation per call.

  /** The application steps Pp can take in `w` (interned per app state). */
  private appStepsOf(w: Words, p: number): readonly Step[] {
    const id = w[this.parts.codec.app + p] as number;
    const byState = this.appSteps[p] as (readonly Step[] | undefined)[];
    return byState[id] ?? this.internAppSteps(p, id);
  }

  private internAppSteps(p: number, id: number): readonly Step[] {
    const { rules, topology, codec, stamp } = this.parts;
    const steps = rules.workload
      .actions(codec.apps.value(id), p, topology)
      .map(({ action, to }): Step => ({ kind: "app", action, process: p, to }));
    for (const step of steps) stamp(step);
    (this.appSteps[p] as (readonly Step[] | undefined)[])[id] = steps;
    return steps;
  }
}
