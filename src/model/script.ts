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
