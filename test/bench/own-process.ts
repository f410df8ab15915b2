/**
 * One measured check in a process of its own (one-check.ts): a fresh heap and freshly compiled
 * code, as `snapcheck explore` has, so that a figure owes nothing to the checks before it — their
 * memory not yet swept, their compiled code.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { OneCheck, OneCheckResult } from "./one-check.js";

/** The script that runs one measured check. */
const ONE_CHECK = fileURLToPath(new URL("./one-check.ts", import.meta.url));

export function checkInOwnProcess(asked: OneCheck): OneCheckResult {
  const run = spawnSync(
    process.execPath,
    ["--max-old-space-size=16384", "--import", "tsx", ONE_CHECK, JSON.stringify(asked)],
    { encoding: "utf8", maxBuffer: 2 ** 20 },
  );
  if (run.status !== 0) throw new Error(`one-check failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as OneCheckResult;
}
