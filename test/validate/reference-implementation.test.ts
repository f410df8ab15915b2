/**
 * The whole loop on the reference implementation (examples/reference-implementation): run it on
 * real threads, log the run, validate the log. Over FIFO links every snapshot it records holds;
 * over non-FIFO links it still follows the algorithm, and some seed records an inconsistent cut
 * that validate refutes. Thread timing varies from run to run, so the non-FIFO half looks through
 * a few seeds for one (each fails with probability about 1/2).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { readLog, validateRun } from "../../src/validate/validate.js";
import { tmp } from "../support/cli.js";

function runReference(seed: number, channels: "fifo" | "nonfifo") {
  const out = join(tmp(), `run-${channels}-${seed}.jsonl`);
  const r = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "examples/reference-implementation/run.ts",
      "--seed",
      String(seed),
      "--channels",
      channels,
      "--out",
      out,
    ],
    { encoding: "utf8", timeout: 60_000 },
  );
  expect(r.status, r.stderr).toBe(0);
  const validation = validateRun(readLog(readFileSync(out, "utf8"), out));
  return validation.snapshots[0]?.judgements ?? [];
}

it("over FIFO links every recorded snapshot holds, on every seed", () => {
  for (const seed of [1, 2, 3]) {
    const judgements = runReference(seed, "fifo");
    expect(judgements.map((j) => [j.name, j.verdict])).toEqual([
      ["consistent-cut", "holds"],
      ["reachable-cut", "holds"],
      ["conservation", "holds"],
      ["algorithm", "holds"],
    ]);
  }
});

it("over non-FIFO links it follows the algorithm, and some seed records an inconsistent cut", () => {
  let refuted: string | undefined;
  for (let seed = 1; seed <= 8 && refuted === undefined; seed++) {
    const judgements = runReference(seed, "nonfifo");
    expect(judgements.find((j) => j.name === "algorithm")?.verdict).toBe("holds");
    const cut = judgements.find((j) => j.name === "consistent-cut");
    if (cut?.verdict === "fails") refuted = cut.reason;
  }
  expect(refuted).toMatch(/the cut holds a receive without its send|was recorded as/);
});
