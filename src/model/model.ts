/**
 * The model: a workload, a snapshot algorithm and a channel discipline composed into the pure
 * transition system of semantics.md — the initial state, the enabled steps of a state (in a fixed
 * order, because saved paths depend on it), the next state of a step, and canonical state keys.
 * Beyond semantics.md (README, "Several snapshots" and "Scripted scenarios"): several snapshot
 * instances, and a script in place of the free application.
 */
import type { SnapshotAlgorithm } from "../algorithms/algorithm.js";
import { held, tokenPayload } from "../workloads/tokens.js";
import type { Workload, WorkloadParams } from "../workloads/workload.js";
import type { ChannelDiscipline } from "./channels/discipline.js";
import { StateDraft } from "./draft.js";
import { appMessage, messageKey } from "./message.js";
import { effectiveCommands, instancesStarted, type Script, type ScriptCommand } from "./script.js";
import { emptySnapshot, isInitiated } from "./snapshot.js";
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
  /** The script's commands as run (ticks dropped unless they gate deliveries); none without a script. */
  private readonly commands: readonly ScriptCommand[];
  private readonly startedBy: readonly (number | undefined)[];
  private readonly initiators: readonly number[];

  constructor(readonly spec: ModelSpec) {
    const { topology, workload, params, script } = spec;
    this.initiators = script === undefined ? [...new Set(spec.initiators)].sort((a, b) => a - b) : [];
    this.commands = script === undefined ? [] : effectiveCommands(script);
    this.startedBy = instancesStarted(this.commands);
    this.instances =
      script === undefined ? (spec.instances ?? 1) : this.startedBy.filter((k) => k !== undefined).length;
    const none = emptySnapshot(topology.processes, topology.channels.length);
    this.initial = {
      procs: workload.initial(params, topology),
      snapshots: Array.from({ length: this.instances }, () => none),
      channels: topology.channels.map(() => []),
      scriptPosition: 0,
    };
  }

  get topology(): Topology {
    return this.spec.topology;
  }

  /**
   * The enabled steps of `state`: initiations (by instance, then process), then application steps
   * — or the script's next command — then for each channel and each message it offers: its
   * delivery, then its loss and its duplication where channels allow.
   */
  steps(state: GlobalState): Step[] {
    const { topology, workload, algorithm, discipline, faults } = this.spec;
    const steps: Step[] = [];
    state.snapshots.forEach((snapshot, k) => {
      const previous = state.snapshots[k - 1];
      if (previous !== undefined && !isInitiated(previous)) return;
      for (const p of this.initiators) {
        if (algorithm.canInitiate(snapshot, p)) steps.push({ kind: "initiate", process: p, instance: k });
      }
    });
    if (this.spec.script === undefined) {
      state.procs.forEach((app, p) => {
        for (const { action, to } of workload.actions(app, p, topology)) {
          steps.push({ kind: "app", action, process: p, to });
        }
      });
    } else if (this.scriptStepEnabled(state)) {
      steps.push({ kind: "script", command: state.scriptPosition });
    }
    if (!this.deliveriesEnabled(state)) return steps;
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
        algorithm.initiate(draft, step.process, step.instance);
        break;
      case "script": {
        const command = this.command(step.command);
        if (command.kind === "send") {
          const c = topology.channelIndex(command.from, command.to);
          if (c === undefined) throw new RangeError(`script: no channel ${command.from}→${command.to}`);
          draft.setProc(command.from, [held(draft.proc(command.from)) - command.amount]);
          draft.send(
            c,
            appMessage(tokenPayload(command.amount), algorithm.tagOutgoing?.(draft, command.from)),
          );
        } else if (command.kind === "snapshot") {
          algorithm.initiate(draft, command.process, this.startedBy[step.command] ?? 0);
        }
        draft.advanceScript();
        break;
      }
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
          algorithm.onMarker(draft, step.channel, step.message.instance);
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

  /** The script's command at `index`. */
  private command(index: number): ScriptCommand {
    const command = this.commands[index];
    if (command === undefined) throw new RangeError(`the script has no command ${index}`);
    return command;
  }

  /** The script's next command can run: it exists, and a send's sender holds the amount. */
  private scriptStepEnabled(state: GlobalState): boolean {
    const command = this.commands[state.scriptPosition];
    if (command === undefined) return false;
    return command.kind !== "send" || held(state.procs[command.from] ?? []) >= command.amount;
  }

  /**
   * With `ticks`, channels deliver only while the script waits — at a tick, or at a send whose
   * sender does not hold its tokens yet (time passes while it waits) — and after its end.
   */
  private deliveriesEnabled(state: GlobalState): boolean {
    if (this.spec.script?.ticks !== true) return true;
    const command = this.commands[state.scriptPosition];
    return command === undefined || command.kind === "tick" || !this.scriptStepEnabled(state);
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
    switch (step.kind) {
      case "initiate":
        return `initiate(${processName(step.process)}${instanceSuffix(step.instance)})`;
      case "script": {
        const command = this.command(step.command);
        if (command.kind === "send")
          return `send(${processName(command.from)}→${processName(command.to)}: ${command.amount})`;
        if (command.kind === "snapshot")
          return `snapshot(${processName(command.process)}${instanceSuffix(this.startedBy[step.command] ?? 0)})`;
        return "tick";
      }
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

/** Instance 0 goes unnamed, so one-snapshot runs read as in the lecture; later ones are `#k`. */
function instanceSuffix(instance: number): string {
  return instance === 0 ? "" : `, #${instance}`;
}
