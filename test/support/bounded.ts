/**
 * Running a command with a time bound that holds for everything it starts. `spawnSync`'s own
 * timeout kills only the direct child, and npx or tsx run the real work in a grandchild that goes
 * on searching; GNU timeout runs the command in a process group of its own and signals the whole
 * group (then kills it five seconds later), so a search that blows up ends with the test.
 */
import { type SpawnSyncOptionsWithStringEncoding, spawnSync } from "node:child_process";

export interface BoundedRun {
  /** The exit code; 124 when the bound stopped it. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runBounded(
  command: string,
  args: readonly string[],
  seconds: number,
  options: Omit<SpawnSyncOptionsWithStringEncoding, "encoding" | "timeout"> = {},
): BoundedRun {
  const r = spawnSync("timeout", ["--kill-after=5", String(seconds), command, ...args], {
    ...options,
    encoding: "utf8",
  });
  const stderr = r.status === 124 ? `${r.stderr}\n(stopped after ${seconds} s)` : r.stderr;
  return { code: r.status, stdout: r.stdout, stderr };
}
