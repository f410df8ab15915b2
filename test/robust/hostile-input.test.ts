/**
 * Hostile input: text from files reaches the terminal with its control characters escaped; a trace
 * whose states and steps disagree, or with a loop on a safety property, is refused with the reason;
 * a run too long to draw is refused in seconds.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildModel, parseConfig } from "../../src/index.js";
import { MAX_DRAWN_STEPS } from "../../src/render/drawing-limit.js";
import { terminalJson, terminalText } from "../../src/render/terminal-text.js";
import { tmp } from "../support/cli.js";
import { runInProcess } from "../support/run-cli.js";

const ESC = "\u001b";
const CSI = "\u009b";
const CORPUS = "counterexamples/consistent-cut_bank_chandy-lamport_nonfifo_b1-1.itf.json";

interface TraceJson {
  "#meta": { snapcheck: { steps: string[]; notes?: string[] } };
  states: unknown[];
  loop?: number;
}

/** Writes a trace derived from a corpus file by `change`; returns its path. */
function mutated(source: string, change: (trace: TraceJson) => void): string {
  const trace = JSON.parse(readFileSync(source, "utf8")) as TraceJson;
  change(trace);
  const file = join(tmp(), "mutated.itf.json");
  writeFileSync(file, JSON.stringify(trace));
  return file;
}

describe("terminalText", () => {
  it("writes control characters out and leaves newlines, tabs and ordinary Unicode", () => {
    expect(terminalText(`${ESC}[2J all properties hold\r`)).toBe("\\x1b[2J all properties hold\\x0d");
    expect(terminalText("P0 → P1\tok\n")).toBe("P0 → P1\tok\n");
    expect(terminalText("\u009b2J \u202eevil \u0007")).toBe("\\x9b2J \\u202eevil \\x07");
    expect(terminalJson(JSON.stringify({ note: `${ESC}\u009b\u202e` }))).toBe(
      '{"note":"\\u001b\\u009b\\u202e"}',
    );
    expect(JSON.parse(terminalJson(JSON.stringify({ note: "\u009b" }))).note).toBe("\u009b");
  });
});

describe("replay of a scenario with hostile notes", () => {
  const scenario = mutated("counterexamples/scenarios/lecture-three-processes.itf.json", (t) => {
    t["#meta"].snapcheck.notes = t["#meta"].snapcheck.steps.map(
      () => `${ESC}[2J${ESC}[H\u009b2Jall properties hold`,
    );
  });

  it("prints the notes escaped, on stdout and in --json", async () => {
    const text = await runInProcess("replay", scenario);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("\\x1b[2J\\x1b[H\\x9b2Jall properties hold");
    expect(text.stdout).not.toContain(ESC);
    expect(text.stdout).not.toContain(CSI);
    const json = await runInProcess("replay", scenario, "--json");
    expect(json.stdout).not.toContain(ESC);
    expect(json.stdout).not.toContain(CSI);
  });

  it("escapes a file name in an error message", async () => {
    const r = await runInProcess("replay", `/nonexistent/${ESC}[2Jx.itf.json`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("\\x1b[2Jx.itf.json");
    expect(r.stderr).not.toContain(ESC);
  });
});

describe("replay refuses a trace that does not hold together", () => {
  it("states and steps disagree in number", async () => {
    const file = mutated(CORPUS, (t) => t.states.pop());
    const r = await runInProcess("replay", file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/4 states for 4 steps; a trace has one state more than steps \(5\)/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("a loop on a safety property's trace", async () => {
    const file = mutated(CORPUS, (t) => {
      t.loop = 2;
    });
    const r = await runInProcess("replay", file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"loop" on a trace of consistent-cut, a safety property');
  });

  it("while a liveness counterexample keeps its loop and still fails", async () => {
    const r = await runInProcess(
      "replay",
      "counterexamples/termination_bank_chandy-lamport_fifo+lossy_b1-1.itf.json",
    );
    expect(r.code).toBe(1);
  });
});

describe("a run too long to draw", () => {
  // 200,003 steps the model really takes: P0 and P1 pass their money back and forth.
  const config = parseConfig({ processes: 2, balances: [1, 1], channels: "fifo" }, []);
  const model = buildModel(config);
  const steps: string[] = [];
  let state = model.initial;
  for (let i = 0; i < 200_003; i++) {
    const enabled = model.steps(state);
    const step = enabled[i % enabled.length];
    if (step === undefined) throw new Error(`no step enabled after ${i} steps`);
    steps.push(model.label(step));
    state = model.next(state, step).state;
  }
  const file = join(tmp(), "long.itf.json");
  writeFileSync(
    file,
    JSON.stringify({
      "#meta": {
        format: "ITF",
        source: "snapcheck",
        description: "a long run",
        snapcheck: { kind: "scenario", config, steps },
      },
      vars: [],
      states: [],
    }),
  );

  it.each([
    ["report", file, "--out", join(tmp(), "long.html")],
    ["export", "--format", "svg", file, "--out", join(tmp(), "long.svg")],
  ])("%s refuses it at once, saying what to do", async (...args) => {
    const started = performance.now();
    const r = await runInProcess(...args);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `has 200,003 steps; diagrams and reports draw at most ${MAX_DRAWN_STEPS.toLocaleString("en-US")}`,
    );
    expect(r.stderr).toContain("snapcheck replay FILE");
  });
});
