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
import { properties } from "../../properties/index.js";
import { readLog, type Validation, validateRun } from "../../src/validate/validate.js";
import { writeLoggedRun } from "../../src/validate/write-run.js";
import { tmp } from "../support/cli.js";
import { runInProcess } from "../support/run-cli.js";

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
  return { validation, judgements: validation.snapshots[0]?.judgements ?? [] };
}

it("over FIFO links every recorded snapshot holds, on every seed", () => {
  for (const seed of [1, 2, 3]) {
    const { judgements } = runReference(seed, "fifo");
    expect(judgements.map((j) => [j.name, j.verdict])).toEqual([
      ["consistent-cut", "holds"],
      ["reachable-cut", "holds"],
      ["conservation", "holds"],
      ["algorithm", "holds"],
    ]);
  }
});

it("over non-FIFO links it follows the algorithm, and some seed records an inconsistent cut, drawn as a counterexample", async () => {
  let refuted: Validation | undefined;
  for (let seed = 1; seed <= 8 && refuted === undefined; seed++) {
    const { validation, judgements } = runReference(seed, "nonfifo");
    expect(judgements.find((j) => j.name === "algorithm")?.verdict).toBe("holds");
    const cut = judgements.find((j) => j.name === "consistent-cut");
    if (cut?.verdict === "fails") {
      expect(cut.reason).toMatch(/the cut holds a receive without its send|was recorded as/);
      refuted = validation;
    }
  }
  if (refuted === undefined) throw new Error("no non-FIFO seed of 1…8 recorded an inconsistent cut");
  // The model takes the run, finds the same property failing, and the trace replays.
  const out = tmp();
  const { files } = writeLoggedRun(refuted, out, properties);
  const [trace, , svg] = files;
  expect(JSON.parse(readFileSync(trace as string, "utf8"))["#meta"].snapcheck.property).toBe(
    "consistent-cut",
  );
  expect(readFileSync(svg as string, "utf8")).toContain("consistent-cut fails");
  expect((await runInProcess("replay", trace as string)).code).toBe(1);
});
