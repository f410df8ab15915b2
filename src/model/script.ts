/**
 * Scripted scenarios (README, "Scripted scenarios"): instead of a free application, a script fixes
 * the application's actions in one global order — `send SRC DST n` (n tokens, waiting until the
 * sender holds them), `snapshot P` (P starts the next snapshot instance: 0, 1, 2, … in script
 * order) and `tick` — while deliveries interleave freely between any two commands and go on after
 * the script ends. With `ticks`, deliveries happen only while the script waits — its next command
 * is a `tick`, or a send whose sender does not hold the tokens yet — or after the end. Without
 * `ticks` a tick has no effect and is left out of the script; `tick k` is one tick either way
 * (deliveries interleave freely between ticks, so k of them add nothing).
 */
import type { SnapshotAlgorithm } from "../algorithms/algorithm.js";
import { held, tokenPayload } from "../workloads/tokens.js";
import type { StateDraft, StateReader } from "./draft.js";
import { appMessage } from "./message.js";
import { processName, type Topology } from "./topology.js";
import type { Step } from "./types.js";

export type ScriptCommand =
  | { readonly kind: "send"; readonly from: number; readonly to: number; readonly amount: number }
  | { readonly kind: "snapshot"; readonly process: number }
  | { readonly kind: "tick" };

export interface Script {
  readonly commands: readonly ScriptCommand[];
  /** Deliveries only at `tick` commands and after the end. */
  readonly ticks: boolean;
}

/** The commands a model runs: ticks are dropped unless they gate deliveries. */
export function effectiveCommands(script: Script): readonly ScriptCommand[] {
  return script.ticks ? script.commands : script.commands.filter((c) => c.kind !== "tick");
}

/** The snapshot instance each command starts (by command index; undefined for other commands). */
export function instancesStarted(commands: readonly ScriptCommand[]): readonly (number | undefined)[] {
  let next = 0;
  return commands.map((c) => (c.kind === "snapshot" ? next++ : undefined));
}

/**
 * A script run on the tokens workload, wrapped around it: which of its commands is next (the
 * state's script position), when that command may run and when deliveries may, what it does, and
 * what people call it. The model asks it for the application's steps in place of the workload's
 * own, so the script's rules live here and nowhere else.
 */
export class ScriptRunner {
  /** The commands as run: ticks dropped unless they gate deliveries. */
  readonly commands: readonly ScriptCommand[];
  /** The snapshot instance each command starts, by command index. */
  readonly startedBy: readonly (number | undefined)[];
  /** One snapshot instance per `snapshot` command. */
  readonly instances: number;
  /** Each command's step, made once. */
  readonly steps: readonly Step[];

  constructor(
    readonly script: Script,
    private readonly topology: Topology,
  ) {
    this.commands = effectiveCommands(script);
    this.startedBy = instancesStarted(this.commands);
    this.instances = this.startedBy.filter((k) => k !== undefined).length;
    this.steps = this.commands.map((_, command): Step => ({ kind: "script", command }));
  }

  /** A number above every script position. */
  get positions(): number {
    return this.commands.length + 1;
  }

  /** The step of the next command, if it can run in the state read by `state`. */
  stepAt(state: StateReader, position: number): Step | undefined {
    return this.canRun(state, position) ? this.steps[position] : undefined;
  }

  /**
   * May channels deliver? With `ticks`, only while the script waits — at a tick, or at a send whose
   * sender does not hold its tokens yet (time passes while it waits) — and after its end.
   */
  deliveriesEnabled(state: StateReader, position: number): boolean {
    if (!this.script.ticks) return true;
    const command = this.commands[position];
    return command === undefined || command.kind === "tick" || !this.canRun(state, position);
  }

  /** Runs command `index` on the draft: a send of tokens, a snapshot's start, or a tick. */
  run(draft: StateDraft, index: number, algorithm: SnapshotAlgorithm): void {
    const command = this.command(index);
    if (command.kind === "send") {
      const c = this.topology.channelIndex(command.from, command.to);
      if (c === undefined) throw new RangeError(`script: no channel ${command.from}→${command.to}`);
      draft.setProc(command.from, [held(draft.proc(command.from)) - command.amount]);
      draft.send(c, appMessage(tokenPayload(command.amount), algorithm.tagOutgoing?.(draft, command.from)));
    } else if (command.kind === "snapshot") {
      algorithm.initiate(draft, command.process, this.startedBy[index] ?? 0);
    }
    draft.advanceScript();
  }

  /** Command `index` as people and trace files name it: `send(P0→P1: 2)`, `snapshot(P1, #1)`, `tick`. */
  label(index: number): string {
    const command = this.command(index);
    if (command.kind === "send")
      return `send(${processName(command.from)}→${processName(command.to)}: ${command.amount})`;
    if (command.kind === "snapshot")
      return `snapshot(${processName(command.process)}${instanceSuffix(this.startedBy[index] ?? 0)})`;
    return "tick";
  }

  /** The command at `position` exists and, for a send, its sender holds the amount. */
  private canRun(state: StateReader, position: number): boolean {
    const command = this.commands[position];
    if (command === undefined) return false;
    return command.kind !== "send" || held(state.proc(command.from)) >= command.amount;
  }

  private command(index: number): ScriptCommand {
    const command = this.commands[index];
    if (command === undefined) throw new RangeError(`the script has no command ${index}`);
    return command;
  }
}

/** Instance 0 goes unnamed, so one-snapshot runs read as in the lecture; later ones are `#k`. */
export function instanceSuffix(instance: number): string {
  return instance === 0 ? "" : `, #${instance}`;
}
