/** The example scripts run as a user runs them (`npx tsx examples/scripts/NAME.ts`) and print what they promise. */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runBounded } from "../support/bounded.js";

function runScript(name: string, ...args: string[]): string {
  // Killed after a minute: a search that blows up fails the test instead of hanging the suite.
  const r = runBounded("npx", ["tsx", join("examples/scripts", name), ...args], 60);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

it("sweep.ts proves Chandy–Lamport on every topology under fifo and refutes it under nonfifo", () => {
  const rows = runScript("sweep.ts")
    .split("\n")
    .filter((line) => /^\| (complete|ring|line|star) /.test(line));
  expect(rows).toHaveLength(8);
  for (const row of rows) {
    if (row.includes("| fifo |")) expect(row).not.toMatch(/[✗?]/);
    else expect(row).toMatch(/consistent-cut ✗ \d+/);
  }
  // exhaustive under fifo: the complete topology's state count of bank 1,0,0
  expect(rows[0]).toContain("| complete | fifo | 2154 |");
}, 120_000);

it("broken-algorithm.ts catches the forgetful variant under fifo and writes its counterexample once", () => {
  const out = mkdtempSync(join(tmpdir(), "snapcheck-script-"));
  const printed = runScript("broken-algorithm.ts", out);
  const file = join(out, "consistent-cut_bank_forgets-in-flight_fifo_b1-1-0.itf.json");
  expect(printed).toContain(`consistent-cut: ✗ 9 steps, ${file}`);
  expect(existsSync(file.replace(/\.itf\.json$/, ".txt"))).toBe(true);
  const trace = JSON.parse(readFileSync(file, "utf8"));
  expect(trace["#meta"].snapcheck.steps).toHaveLength(9);
  // A second run finds the same trace there and leaves it as it is, under the same name.
  expect(runScript("broken-algorithm.ts", out)).toBe(printed);
}, 120_000);

it("own-workload.ts checks a workload defined in the script: every property holds", () => {
  const printed = runScript("own-workload.ts");
  expect(printed).toMatch(/^\d+ states\n/);
  expect(printed).toContain("conservation: holds");
  expect(printed).not.toContain("violated");
}, 120_000);
