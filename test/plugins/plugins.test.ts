/**
 * Plug-ins by path: a user's algorithm, workload and property modules, loaded from the command line
 * and run on the same engine as the built-ins, at its speed (the transition cache serves a module
 * not imported by src/ as it serves the built-ins); modules of the wrong shape, missing or not
 * compiling refused with exit 2 and one line naming the file.
 */
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SnapshotAlgorithm } from "../../src/algorithms/algorithm.js";
import { check } from "../../src/engine/check.js";
import { loadPlugins } from "../../src/plugins/load.js";
import { tmp } from "../support/cli.js";
import { modelOf } from "../support/models.js";
import { runInProcess } from "../support/run-cli.js";

const FIXTURES = "./test/plugins/fixtures";
const MINE = `${FIXTURES}/my-chandy-lamport.ts`;
const BROKEN = `${FIXTURES}/forgets-in-flight.ts`;

/** explore --json on bank 1,1 with `flags`, bounded far above its few hundred states so a blown-up space fails at once. */
async function explore(...flags: string[]) {
  const bound = ["--max-states", "10000"];
  const r = await runInProcess("explore", "--balances", "1,1", ...bound, "--out", tmp(), "--json", ...flags);
  return { ...r, report: r.code <= 1 ? JSON.parse(r.stdout) : undefined };
}

const verdicts = (report: { properties: { name: string; holds: boolean; complete: boolean }[] }) =>
  report.properties.map((p) => [p.name, p.holds, p.complete]);

describe("plug-in modules on the command line", () => {
  it.each([["fifo"], ["nonfifo"]])(
    "a user's copy of Chandy–Lamport gives the built-in's state count and verdicts (%s)",
    async (channels) => {
      const builtIn = await explore("--channels", channels);
      const mine = await explore("--channels", channels, "--algorithm", MINE);
      expect(mine.code, mine.stderr).toBe(builtIn.code);
      expect(mine.report.stats.distinctStates).toBe(builtIn.report.stats.distinctStates);
      expect(mine.report.stats.transitions).toBe(builtIn.report.stats.transitions);
      expect(verdicts(mine.report)).toEqual(verdicts(builtIn.report));
      expect(mine.report.config.algorithm).toBe(MINE);
    },
  );

  it("catches a variant that does not record in-flight messages, and its trace replays from the module", async () => {
    const out = tmp();
    const r = await runInProcess("explore", "--algorithm", BROKEN, "--balances", "1,1", "--out", out);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/consistent-cut\s+VIOLATED/);
    expect(r.stdout).toMatch(/conservation\s+VIOLATED/);
    const written = readdirSync(out).filter((f) => f.endsWith(".itf.json"));
    expect(written).toContain("conservation_bank_forgets-in-flight_fifo_b1-1.itf.json");
    const replay = await runInProcess(
      "replay",
      join(out, "conservation_bank_forgets-in-flight_fifo_b1-1.itf.json"),
    );
    expect(replay.code, replay.stderr).toBe(1);
    expect(replay.stdout).toContain("conservation still fails");
    const svg = await runInProcess(
      "export",
      "--format",
      "svg",
      join(out, "conservation_bank_forgets-in-flight_fifo_b1-1.itf.json"),
    );
    expect(svg.code, svg.stderr).toBe(0);
    expect(svg.stdout).toMatch(/^<svg/);
  });

  it("runs a user's workload module", async () => {
    const r = await explore("--workload", `${FIXTURES}/gift-bank.ts`);
    const bank = await explore();
    expect(r.code, r.stderr).toBe(0);
    expect(r.report.stats.distinctStates).toBe(bank.report.stats.distinctStates);
    expect(r.report.config.workload).toBe(`${FIXTURES}/gift-bank.ts`);
  });

  it("runs a user's property module beside a built-in one, in explore and in simulate", async () => {
    const prop = `${FIXTURES}/no-negative-balance.ts`;
    const r = await explore("--properties", `${prop},consistent-cut`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.report.properties.map((p: { name: string }) => p.name)).toEqual([
      "no-negative-balance",
      "consistent-cut",
    ]);
    const s = await runInProcess(
      "simulate",
      ...["--algorithm", BROKEN, "--properties", `${prop},conservation`, "--balances", "1,1"],
      ...["--runs", "50", "--seed", "1", "--out", tmp(), "--json"],
    );
    expect(s.code, s.stderr).toBe(1);
    const sim = JSON.parse(s.stdout) as { properties: { name: string; holds: boolean }[] };
    expect(sim.properties.map((p) => [p.name, p.holds])).toEqual([
      ["no-negative-balance", true],
      ["conservation", false],
    ]);
  });

  it("takes the module's paths from a --config file too", async () => {
    const config = join(tmp(), "mine.json");
    writeFileSync(
      config,
      JSON.stringify({ algorithm: BROKEN, balances: [1, 1], properties: ["conservation"] }),
    );
    const r = await runInProcess("explore", "--config", config, "--out", tmp());
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/conservation\s+VIOLATED/);
  });
});

describe("a plug-in on the engine", () => {
  it("runs at the built-in's speed: its handlers run once per local situation, the transition cache serves the rest", async () => {
    const { algorithms } = await loadPlugins({ algorithm: MINE });
    const mine = algorithms.get(MINE) as SnapshotAlgorithm;
    let runs = 0;
    const counted =
      <A extends unknown[]>(handler: (...args: A) => void) =>
      (...args: A) => {
        runs++;
        handler(...args);
      };
    const watched: SnapshotAlgorithm = {
      ...mine,
      initiate: counted(mine.initiate),
      onMarker: counted(mine.onMarker),
      onAppArrival: counted(mine.onAppArrival),
    };
    const { stats } = check(modelOf({ balances: [1, 1, 0], algorithm: watched }), [], {
      limits: { maxStates: 100_000 },
    });
    expect(stats).toMatchObject({ distinctStates: 45_075, transitions: 178_295 });
    // Every initiation, marker and message delivery is a transition; the handlers ran for under 1% of them.
    expect(runs).toBeGreaterThan(0);
    expect(runs * 100).toBeLessThan(stats.transitions);
  });
});

describe("plug-in modules that cannot be used: exit 2, one line naming the file", () => {
  it.each([
    [
      ["--algorithm", `${FIXTURES}/no-on-marker.js`],
      `${FIXTURES}/no-on-marker.js: the algorithm has no onMarker(draft, c, k) function`,
    ],
    [["--algorithm", "./no-such-module.ts"], "./no-such-module.ts: no such file"],
    [["--workload", MINE], `${MINE}: the workload has no fields(processes) function`],
    [["--properties", MINE], `${MINE}: the property's kind must be "always"`],
  ])("%j", async (flags, message) => {
    const r = await runInProcess("explore", "--balances", "1,1", "--out", tmp(), ...flags);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`snapcheck: ${message}${r.stderr.slice(`snapcheck: ${message}`.length)}`);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("a JavaScript module that does not parse", async () => {
    const file = join(tmp(), "broken.js");
    writeFileSync(file, "export default { name: 'x', ;\n");
    const r = await runInProcess("explore", "--algorithm", file, "--out", tmp());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^snapcheck: ${file}: does not compile: `));
  });

  it("a module that does not compile", async () => {
    const file = join(tmp(), "broken.ts");
    writeFileSync(file, "export default { name: 'x', ;\n");
    const r = await runInProcess("explore", "--algorithm", file, "--out", tmp());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^snapcheck: ${file}: does not compile: `));
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});
