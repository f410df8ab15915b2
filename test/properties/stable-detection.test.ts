/**
 * stable-detection: a snapshot taken correctly (Chandy–Lamport under fifo) detects termination and
 * deadlock exactly; a broken one misleads — a false termination without FIFO, a missed deadlock when
 * channels record from the start of the run. The shortest runs are pinned step by step.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stableDetection } from "../../properties/stable-detection.js";
import { configFrom, runCheck } from "../../src/cli/run-check.js";
import { check } from "../../src/engine/check.js";
import { mutants } from "../mutants/chandy-lamport-mutants.js";
import { modelOf, type TestConfig } from "../support/models.js";

/** The stable-detection verdict alone, searched exhaustively (every space here is finite). */
function detect(c: TestConfig) {
  const model = modelOf(c);
  const [verdict] = check(model, [stableDetection], { limits: {} }).verdicts;
  if (verdict === undefined) throw new Error("stable-detection was not checked");
  const cx = verdict.counterexample;
  return {
    holds: verdict.holds,
    complete: verdict.complete,
    reason: cx?.reason,
    steps: cx?.steps.map((s) => model.label(s)),
  };
}

describe("stable-detection", () => {
  it("has nothing to judge on a workload without stable properties, and says so", () => {
    expect(stableDetection.unsupported?.(modelOf({ balances: [1, 1] }))).toMatch(
      /bank workload has no stable property/,
    );
    expect(
      stableDetection.unsupported?.(modelOf({ workload: "orders", balances: [1, 1], stock: [1, 1] })),
    ).toMatch(/orders workload has no stable property/);
    expect(stableDetection.unsupported?.(modelOf({ workload: "diffusing", balances: [1, 0] }))).toBe(
      undefined,
    );
    expect(stableDetection.unsupported?.(modelOf({ workload: "deadlock", balances: [1, 1] }))).toBe(
      undefined,
    );
  });

  it("is left out of bank's default properties without a word, and refused by name", () => {
    const bank = configFrom({ balances: [1, 1] });
    expect(bank.config.properties).not.toContain("stable-detection");
    expect(bank.skipped).toEqual([]);
    expect(() => configFrom({ balances: [1, 1], properties: ["stable-detection"] })).toThrow(
      /stable-detection cannot be checked here: the bank workload has no stable property/,
    );
    expect(configFrom({ workload: "diffusing", balances: [1, 0] }).skipped).toEqual([]);
  });

  it("holds with correct Chandy–Lamport under fifo on both workloads", () => {
    for (const c of [
      { workload: "diffusing", balances: [1, 0] },
      { workload: "diffusing", balances: [2, 1] },
      { workload: "diffusing", balances: [1, 1, 0] },
      { workload: "deadlock", balances: [1, 1] },
      { workload: "deadlock", balances: [2, 1] },
      { workload: "deadlock", balances: [2, 2] },
    ] as const) {
      expect(detect(c)).toMatchObject({ holds: true, complete: true });
    }
  });

  it("false termination under nonfifo: the marker overtakes the last work message (5 steps)", () => {
    const d = detect({ workload: "diffusing", balances: [1, 0], channels: "nonfifo" });
    expect(d.reason).toMatch(/^false detection: S\* shows terminated, but the system is not terminated/);
    expect(d.steps).toEqual([
      "work(P0→P1)",
      "idle(P0)",
      "initiate(P0)",
      "deliver(c(0,1): M)",
      "deliver(c(1,0): M)",
    ]);
  });

  it("false deadlock under nonfifo: P1's reply is still in flight behind its marker (6 steps)", () => {
    const d = detect({ workload: "deadlock", balances: [1, 1], channels: "nonfifo" });
    expect(d.reason).toMatch(/^false detection: S\* shows deadlocked/);
    expect(d.steps).toEqual([
      "request(P0→P1)",
      "initiate(P0)",
      "deliver(c(0,1): request)",
      "request(P1→P0)",
      "deliver(c(0,1): M)",
      "deliver(c(1,0): M)",
    ]);
  });

  it("missed deadlock under fifo when channels record from the start: an old reply shows in S* (10 steps)", () => {
    const d = detect({ workload: "deadlock", balances: [2, 1], algorithm: mutants.recordFromStart });
    expect(d.reason).toMatch(
      /^missed detection: the system was already deadlocked when the snapshot started/,
    );
    expect(d.steps).toEqual([
      "request(P0→P1)",
      "deliver(c(0,1): request)",
      "request(P1→P0)",
      "deliver(c(1,0): reply)",
      "request(P0→P1)",
      "initiate(P0)",
      "deliver(c(0,1): request)",
      "deliver(c(0,1): M)",
      "deliver(c(1,0): request)",
      "deliver(c(1,0): M)",
    ]);
  });

  it("missed termination under fifo, same mutant: the received work message shows as in flight (7 steps)", () => {
    const d = detect({ workload: "diffusing", balances: [1, 0], algorithm: mutants.recordFromStart });
    expect(d.reason).toMatch(/^missed detection: the system was already terminated/);
    expect(d.steps).toHaveLength(7);
  });

  it("fifo alone does not save a broken algorithm: empty channel records give false detections", () => {
    const term = detect({ workload: "diffusing", balances: [1, 1], algorithm: mutants.emptyRecord });
    expect([term.steps?.length, term.reason]).toEqual([9, expect.stringMatching(/^false detection/)]);
    const dead = detect({ workload: "deadlock", balances: [1, 1], algorithm: mutants.emptyRecord });
    expect([dead.steps?.length, dead.reason]).toEqual([8, expect.stringMatching(/^false detection/)]);
  });

  it("its counterexample is written and replays as still failing (exit 1)", () => {
    const out = mkdtempSync(join(tmpdir(), "snapcheck-stable-"));
    const report = runCheck(configFrom({ workload: "diffusing", balances: [1, 0], channels: "nonfifo" }), {
      outDir: out,
    });
    const file = report.properties.find((p) => p.name === "stable-detection")?.counterexample?.file;
    expect(file).toBe(join(out, "stable-detection_diffusing_chandy-lamport_nonfifo_b1-0.itf.json"));
    const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "replay", file ?? ""], {
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("false detection: S* shows terminated");
  });
});
