/**
 * The playground's simulation and pasted scenarios, in Node: a simulation samples the same runs as
 * `snapcheck simulate` with the same seed and refuses what it refuses; a pasted COS 418 pair gives
 * the configuration the command line's --topology/--events files give, and a bad line is named.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { modelInput } from "../../src/cli/model-input.js";
import { traceInputOf } from "../../src/cli/trace-input.js";
import { ConfigError } from "../../src/errors.js";
import { scenarioConfig } from "../../src/playground/scenario.js";
import { simulateRuns } from "../../src/playground/simulation.js";

const NONFIFO = { processes: "3", balances: "1,1,0", channels: "nonfifo" };

describe("the playground's simulation", () => {
  it("gives the same runs for the same seed, and a shrunk trace that replays to its violation", () => {
    const first = simulateRuns(NONFIFO, { seed: "7" });
    const again = simulateRuns(NONFIFO, { seed: "7", runs: "1000", maxSteps: "50", strategy: "uniform" });
    const figures = ({ seconds: _, ...o }: typeof first) => o;
    expect(figures(again)).toEqual(figures(first));
    expect(first.seed).toBe(7);
    expect(first.runs).toBe(1000);
    const cut = first.properties.find((p) => p.name === "consistent-cut");
    expect(cut?.holds).toBe(false);
    const replayed = traceInputOf(cut?.trace ?? "", "cx.itf.json");
    expect(replayed.run.steps).toHaveLength(cut?.steps ?? -1);
    expect(replayed.view.reason).toContain("was recorded as");
    expect(replayed.trace["#meta"].snapcheck.seed).toBe(7);
    // FIFO channels: no sampled run breaks the cut.
    const fifo = simulateRuns({ ...NONFIFO, channels: "fifo" }, { seed: "7", runs: "100" });
    expect(fifo.properties.every((p) => p.holds)).toBe(true);
  });

  it("draws a seed when none is given, and refuses what snapcheck simulate refuses", () => {
    const drawn = simulateRuns({ balances: "1,1" }, { runs: "5" });
    expect(Number.isSafeInteger(drawn.seed)).toBe(true);
    expect(() => simulateRuns(NONFIFO, { seed: "x" })).toThrow(/^--seed: expected a whole number/);
    expect(() => simulateRuns(NONFIFO, { strategy: "<b>" })).toThrow(/^--strategy: expected one of uniform/);
    expect(() => simulateRuns({ ...NONFIFO, instances: "2" }, {})).toThrow(ConfigError);
  });
});

describe("a pasted COS 418 scenario", () => {
  const top = "examples/cos418/2nodes.top";
  const events = "examples/cos418/2nodes-concurrent.events";
  const texts = { topology: readFileSync(top, "utf8"), events: readFileSync(events, "utf8") };

  it("is the configuration the command line reads from the same files, the form's algorithm and channels kept", () => {
    expect(scenarioConfig({}, texts)).toEqual(modelInput({ topology: top, events }).raw);
    const kept = scenarioConfig({ balances: "1,1", algorithm: "lai-yang", channels: "nonfifo" }, texts);
    expect(kept).toMatchObject({ balances: [3, 1], algorithm: "lai-yang", channels: "nonfifo" });
  });

  it("names the bad line of the text it is in", () => {
    const badEvents = { ...texts, events: "send N1 N2 1\nsnapshot N9\n" };
    expect(() => scenarioConfig({}, badEvents)).toThrow(
      'events: pasted.events:2: unknown process "N9"; the processes are N1, N2',
    );
    expect(() => scenarioConfig({}, { ...texts, topology: "" })).toThrow(/^topology: pasted\.top: /);
  });
});
