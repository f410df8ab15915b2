/**
 * Every trace committed under counterexamples/ is replayed: counterexamples must still fail their
 * property with every state as recorded; scenarios must run, and the lecture's records C21 = ⟨G→D⟩.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findProperty, properties } from "../../properties/index.js";
import { parseConfig } from "../../src/config.js";
import { isComplete, viewOf } from "../../src/model/snapshot.js";
import { parseTrace } from "../../src/trace/itf.js";
import { judgeRun, replaySteps } from "../../src/trace/replay.js";

const ROOT = "counterexamples";
const traces = (readdirSync(ROOT, { recursive: true }) as string[])
  .filter((f) => f.endsWith(".itf.json"))
  .map((f) => join(ROOT, f))
  .sort();

function replay(file: string) {
  const trace = parseTrace(readFileSync(file, "utf8"), file);
  const meta = trace["#meta"].snapcheck;
  const config = parseConfig(
    meta.config,
    properties.map((p) => p.name),
  );
  return { trace, meta, run: replaySteps(trace, config, file) };
}

describe("the counterexample corpus", () => {
  it("is not empty", () => expect(traces.length).toBeGreaterThan(1));

  it.each(traces)("%s replays", (file) => {
    const { meta, run, trace } = replay(file);
    if (meta.kind === "counterexample") {
      const property = findProperty(meta.property ?? "");
      expect(property).toBeDefined();
      expect(trace.states.length).toBe(meta.steps.length + 1);
      if (property !== undefined) expect(judgeRun(run, property)).toBe(meta.reason);
    } else {
      expect(run.steps.length).toBe(meta.steps.length);
    }
  });

  it("the lecture's three-process scenario records C21 = ⟨G→D⟩ and every other channel empty", () => {
    const { run } = replay(join(ROOT, "scenarios", "lecture-three-processes.itf.json"));
    const last = run.states[run.states.length - 1];
    const end = last && viewOf(last, 0);
    expect(end && isComplete(end)).toBe(true);
    const c21 = run.model.topology.channelIndex(1, 0);
    for (const [c, r] of end?.records.entries() ?? []) expect(r.messages).toEqual(c === c21 ? ["T"] : []);
    expect(end?.recorded).toEqual([[1], [0], [1]]);
  });

  it("an edited trace is refused with the step that no longer fits", () => {
    const file = traces.find((f) => f.includes("consistent-cut_bank")) as string;
    const trace = JSON.parse(readFileSync(file, "utf8"));
    trace.states[2].procs["#map"][0][1].balance["#bigint"] = "7";
    const parsed = parseTrace(JSON.stringify(trace), "edited.itf.json");
    const config = parseConfig(
      parsed["#meta"].snapcheck.config,
      properties.map((p) => p.name),
    );
    expect(() => replaySteps(parsed, config, "edited.itf.json")).toThrow(/state 2 differs/);
  });
});
