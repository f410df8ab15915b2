/**
 * SIGINT and SIGTERM stop a long search cleanly: the process prints its partial report (here the
 * --json object, marked stopped by the signal, every verdict incomplete) and exits 130 or 143.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const out = mkdtempSync(join(tmpdir(), "snapcheck-signals-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Runs a search far too large to finish, sends `signal` once it has started, and collects what it printed. */
function interrupted(signal: NodeJS.Signals): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli/main.ts", "explore", "--balances", "3,3,3", "--json", "--out", out],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  // The first progress line says the search is under way.
  child.stderr.once("data", () => child.kill(signal));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout })));
}

describe("signals", () => {
  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)(
    "%s stops the search with a partial report and exit %i",
    { timeout: 120_000 },
    async (signal, exitCode) => {
      const { code, stdout } = await interrupted(signal);
      expect(code).toBe(exitCode);
      const report = JSON.parse(stdout) as {
        stopped: string;
        signal: string;
        stats: { stoppedBy: string; distinctStates: number };
        properties: { complete: boolean }[];
      };
      expect(report.stopped).toBe("signal");
      expect(report.signal).toBe(signal);
      expect(report.stats.stoppedBy).toBe("signal");
      expect(report.stats.distinctStates).toBeGreaterThan(0);
      expect(report.properties.length).toBeGreaterThan(0);
      expect(report.properties.every((p) => !p.complete)).toBe(true);
    },
  );
});
