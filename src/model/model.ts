/**
 * The model: a workload, a snapshot algorithm and a channel discipline composed into the pure
 * transition system of semantics.md — the initial state, the enabled steps of a state (in a fixed
 * order, because saved paths depend on it), the next state of a step, and canonical state keys.
 */
import type { SnapshotAlgorithm } from "../algorithms/algorithm.js";
import type { Workload, WorkloadParams } from "../workloads/workload.js";
import type { ChannelDiscipline } from "./channels/discipline.js";
import { StateDraft } from "./draft.js";
import { appMessage, messageKey } from "./message.js";
import { channelName, processName, type Topology } from "./topology.js";
import type { GlobalState, Message, Step, Transition } from "./types.js";

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
  readonly initiators: readonly number[];
}

export class Model {
  readonly initial: GlobalState;
  private readonly initiators: ReadonlySet<number>;

  constructor(readonly spec: ModelSpec) {
    const { topology, workload, params } = spec;
    this.initiators = new Set(spec.initiators);
    this.initial = {
      procs: workload.initial(params, topology),
      recorded: Array.from({ length: topology.processes }, () => null),
      records: topology.channels.map(() => ({ closed: false, messages: [] })),
      channels: topology.channels.map(() => []),
    };
  }

  get topology(): Topology {
    return this.spec.topology;
  }

  /**
   * The enabled steps of `state`: initiations, then application steps, then for each channel and
   * each message it offers: its delivery, then its loss and its duplication where channels allow.
   */
  steps(state: GlobalState): Step[] {
    const { topology, workload, algorithm, discipline, faults } = this.spec;
    const steps: Step[] = [];
    for (let p = 0; p < topology.processes; p++) {
      if (algorithm.canInitiate(state, p, this.initiators)) steps.push({ kind: "initiate", process: p });
    }
    state.procs.forEach((app, p) => {
      for (const { action, to } of workload.actions(app, p, topology)) {
        steps.push({ kind: "app", action, process: p, to });
      }
    });
    state.channels.forEach((contents, channel) => {
      for (const i of discipline.deliverable(contents)) {
        const message = contents[i];
        if (message === undefined) continue;
        steps.push({ kind: "deliver", channel, message });
        if (faults.lossy) steps.push({ kind: "drop", channel, message });
        if (faults.duplicating) steps.push({ kind: "duplicate", channel, message });
      }
    });
    return steps;
  }

  /** The state after `step`, and the events it emitted. Pure: `state` is not modified. */
  next(state: GlobalState, step: Step): Transition {
    const { topology, workload, algorithm, discipline } = this.spec;
    const draft = new StateDraft(state, topology, discipline);
    const sendAll = (p: number, sends: readonly { to: number; payload: string }[]) => {
      for (const { to, payload } of sends) {
        const c = topology.channelIndex(p, to);
        if (c === undefined) throw new RangeError(`${workload.name}: no channel ${p}→${to}`);
        draft.send(c, appMessage(payload, algorithm.tagOutgoing?.(draft, p)));
      }
    };
    switch (step.kind) {
      case "initiate":
        algorithm.initiate(draft, step.process);
        break;
      case "app": {
        const effect = workload.perform(draft.proc(step.process), step.process, step.action, step.to);
        draft.setProc(step.process, effect.state);
        sendAll(step.process, effect.sends);
        break;
      }
      case "drop":
        draft.lose(step.channel, this.indexOf(state, step));
        break;
      case "deliver":
      case "duplicate": {
        const index = this.indexOf(state, step);
        const kept = step.kind === "duplicate";
        const { from, to } = topology.channel(step.channel);
        if (step.message.kind === "marker") {
          draft.receive(step.channel, index, kept);
          algorithm.onMarker(draft, step.channel);
        } else {
          algorithm.onAppArrival(draft, step.channel, step.message.payload, step.message.tag);
          draft.receive(step.channel, index, kept);
          const effect = workload.receive(draft.proc(to), to, from, step.message.payload);
          draft.setProc(to, effect.state);
          sendAll(to, effect.sends);
        }
        break;
      }
    }
    algorithm.afterStep?.(draft);
    return draft.finish();
  }

  /** Where in its channel the message a delivery-like step takes lies. */
  private indexOf(state: GlobalState, step: Step & { channel: number; message: Message }): number {
    const index = state.channels[step.channel]?.findIndex((m) => messageKey(m) === messageKey(step.message));
    if (index === undefined || index < 0) throw new RangeError(`${this.label(step)} is not enabled`);
    return index;
  }

  /** The canonical key of a state: equal states, and only they, have equal keys. */
  key(state: GlobalState): string {
    const procs = state.procs.map((s) => s.join(",")).join(" ");
    const recorded = state.recorded.map((s) => (s === null ? "-" : s.join(","))).join(" ");
    const records = state.records.map((r) => (r.closed ? "x" : "o") + r.messages.join(",")).join(" ");
    const channels = state.channels.map((c) => c.map(messageKey).join(",")).join(" ");
    return `${procs}|${recorded}|${records}|${channels}`;
  }

  /**
   * The step as people and trace files name it, e.g. `send(P0→P1)`, `idle(P0)` (an application step
   * whose destination is the process itself) or `deliver(c(0,1): M)`.
   */
  label(step: Step): string {
    switch (step.kind) {
      case "initiate":
        return `initiate(${processName(step.process)})`;
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
