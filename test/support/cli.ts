/** Running the command line as a user does, from the sources: exit code, stdout and stderr. */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function snapcheck(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  // One process (tsx as a loader, no child): spawnSync's bound holds for all of it.
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary folder, e.g. for counterexamples a test must not leave in the repository. */
export function tmp(): string {
  return mkdtempSync(join(tmpdir(), "snapcheck-"));
}
