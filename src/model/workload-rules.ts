/**
 * The workload's rules as the model runs them: its pure functions — what an application step does
 * to its process, what receiving a payload does to the receiver — memoized by interned application
 * state, their outcome's messages resolved to channels, and sent tagged as the snapshot algorithm
 * says. The free application's steps and every delivery of an application message go through here.
 */
import type { SnapshotAlgorithm } from "../algorithms/algorithm.js";
import type { AppEffect, Workload } from "../workloads/workload.js";
import type { StateCodec } from "./codec.js";
import type { StateDraft } from "./draft.js";
import { appMessage } from "./message.js";
import type { Topology } from "./topology.js";
import type { Step } from "./types.js";

/** A workload effect with interned state and resolved channels. */
export interface Effect {
  readonly state: number;
  readonly sends: readonly { readonly channel: number; readonly payload: string }[];
}

/** Distinct action names and payloads a memo key can tell apart. */
const ACTIONS = 4096;

export class WorkloadRules {
  /** Effects by interned app state and step, and by interned app state, channel and payload. */
  private readonly performed = new Map<number, Effect>();
  private readonly received = new Map<number, Effect>();
  private readonly codes = new Map<string, number>();

  constructor(
    readonly workload: Workload,
    private readonly codec: StateCodec,
    private readonly topology: Topology,
    private readonly algorithm: SnapshotAlgorithm,
  ) {}

  /** The workload's effect of application step `step` on Pp's state `id` (memoized: it is pure). */
  perform(id: number, step: Step & { kind: "app" }): Effect {
    const n = this.codec.processes;
    const key = ((id * n + step.process) * n + step.to) * ACTIONS + this.code(step.action);
    let effect = this.performed.get(key);
    if (effect === undefined) {
      const app = this.codec.apps.value(id);
      effect = this.effect(step.process, this.workload.perform(app, step.process, step.action, step.to));
      this.performed.set(key, effect);
    }
    return effect;
  }

  /** The workload's effect of receiving `payload` on channel c, on its receiver's state `id`. */
  receive(id: number, c: number, payload: string): Effect {
    const { from, to } = this.topology.channel(c);
    const key = (id * this.codec.channelCount + c) * ACTIONS + this.code(payload);
    let effect = this.received.get(key);
    if (effect === undefined) {
      const app = this.codec.apps.value(id);
      effect = this.effect(to, this.workload.receive(app, to, from, payload));
      this.received.set(key, effect);
    }
    return effect;
  }

  /** Pp sends the application messages of a workload effect, tagged as the algorithm says. */
  sendAll(draft: StateDraft, p: number, sends: Effect["sends"]): void {
    for (let i = 0; i < sends.length; i++) {
      const { channel, payload } = sends[i] as Effect["sends"][number];
      draft.send(channel, appMessage(payload, this.algorithm.tagOutgoing?.(draft, p)));
    }
  }

  private effect(p: number, { state, sends }: AppEffect): Effect {
    return {
      state: this.codec.apps.intern(state),
      sends: sends.map(({ to, payload }) => {
        const channel = this.topology.channelIndex(p, to);
        if (channel === undefined) throw new RangeError(`${this.workload.name}: no channel ${p}→${to}`);
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
}
