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
import { held, tokenPayload } from "../workloads/tokens.js";
import type { ApplicationDriver, DriverParts } from "./application-driver.js";
import type { Words } from "./codec.js";
import type { StateDraft, StateReader } from "./draft.js";
import { instanceSuffix } from "./snapshot.js";
import { processName } from "./topology.js";
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

/** How many snapshot instances a script starts: one per `snapshot` command. */
export function scriptInstances(script: Script): number {
  return script.commands.filter((c) => c.kind === "snapshot").length;
}

/** The snapshot instance each command starts (by command index; undefined for other commands). */
export function instancesStarted(commands: readonly ScriptCommand[]): readonly (number | undefined)[] {
  let next = 0;
  return commands.map((c) => (c.kind === "snapshot" ? next++ : undefined));
}

/**
 * A script run on the tokens workload, wrapped around it as a model's driver
 * (application-driver.ts): which of its commands is next (the state's script position), when that
 * command may run and when deliveries may, what it does, and what people call it. The model asks
 * it for the application's steps in place of the workload's own, so the script's rules live here
 * and nowhere else.
 */
export class ScriptRunner implements ApplicationDriver {
  /** The commands as run: ticks dropped unless they gate deliveries. */
  readonly commands: readonly ScriptCommand[];
  /** The snapshot instance each command starts, by command index. */
  readonly startedBy: readonly (number | undefined)[];
  /** Each command's step, made once. */
  private readonly steps: readonly Step[];

  constructor(
    readonly script: Script,
    private readonly parts: DriverParts,
  ) {
    this.commands = effectiveCommands(script);
    this.startedBy = instancesStarted(this.commands);
    this.steps = this.commands.map((_, command): Step => ({ kind: "script", command }));
    for (const step of this.steps) parts.stamp(step);
  }

  /** A number above every script position. */
  get positions(): number {
    return this.commands.length + 1;
  }

  /** The next command's step, if it can run; whether channels may deliver (see deliveriesEnabled). */
  enabled(reader: StateReader, w: Words, out: Step[]): boolean {
    const position = w[0] as number;
    if (this.canRun(reader, position)) out.push(this.steps[position] as Step);
    return this.deliveriesEnabled(reader, position);
  }

  /**
   * May channels deliver? With `ticks`, only while the script waits — at a tick, or at a send whose
   * sender does not hold its tokens yet (time passes while it waits) — and after its end.
   */
  private deliveriesEnabled(state: StateReader, position: number): boolean {
    if (!this.script.ticks) return true;
    const command = this.commands[position];
    return command === undefined || command.kind === "tick" || !this.canRun(state, position);
  }

  /** Runs a command's step on the draft: a send of tokens, a snapshot's start, or a tick. */
  run(draft: StateDraft, step: Step): void {
    if (step.kind !== "script") throw new RangeError(`a ${step.kind} step is not the script's`);
    const index = step.command;
    const command = this.command(index);
    if (command.kind === "send") {
      const channel = this.parts.topology.channelIndex(command.from, command.to);
      if (channel === undefined) throw new RangeError(`script: no channel ${command.from}→${command.to}`);
      draft.setProc(command.from, [held(draft.proc(command.from)) - command.amount]);
      this.parts.rules.sendAll(draft, command.from, [{ channel, payload: tokenPayload(command.amount) }]);
    } else if (command.kind === "snapshot") {
      this.parts.algorithm.initiate(draft, command.process, this.startedBy[index] ?? 0);
    }
    draft.advanceScript();
  }

  /** A command's step as people and trace files name it: `send(P0→P1: 2)`, `snapshot(P1, #1)`, `tick`. */
  label(step: Step): string | undefined {
    if (step.kind !== "script") return undefined;
    const command = this.commands[step.command];
    if (command === undefined) return undefined;
    if (command.kind === "send")
      return `send(${processName(command.from)}→${processName(command.to)}: ${command.amount})`;
    if (command.kind === "snapshot")
      return `snapshot(${processName(command.process)}${instanceSuffix(this.startedBy[step.command] ?? 0)})`;
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

/** The script that drives `model`, if one does (its driver). */
export function scriptOf(model: { readonly driver: ApplicationDriver }): ScriptRunner | undefined {
  return model.driver instanceof ScriptRunner ? model.driver : undefined;
}
