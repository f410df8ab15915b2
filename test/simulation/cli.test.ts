/** `snapcheck simulate` and `snapcheck merge` as a user meets them: --json, exit codes, reproduction, shards. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type CliResult, runInProcess } from "../support/run-cli.js";

const out = mkdtempSync(join(tmpdir(), "snapcheck-simulate-"));
const nonfifo = ["simulate", "--balances", "1,1,0", "--channels", "nonfifo", "--seed", "3", "--runs", "60"];
/** The JSON with what may differ between equal simulations left out: timings, and whether a file was new. */
const comparable = (stdout: string) =>
  JSON.parse(stdout, (key, value) =>
    ["seconds", "runsPerSecond", "stepsPerSecond", "written"].includes(key) ? undefined : value,
  );

describe("snapcheck simulate", () => {
  let first: CliResult;
  beforeAll(async () => {
    first = await runInProcess(...nonfifo, "--json", "--out", out);
  });

  it("refutes Chandy–Lamport under nonfifo: exit 1, explore's JSON shape, a shrunk trace that replays", async () => {
    expect(first.code).toBe(1);
    const report = JSON.parse(first.stdout);
    expect(report.stats).toMatchObject({ runs: 60, deadlocks: 0 });
    expect(report.stats.steps).toBeGreaterThan(60);
    const byName = Object.fromEntries(report.properties.map((p: { name: string }) => [p.name, p]));
    expect(byName.termination).toMatchObject({ holds: true, complete: true });
    const cx = byName["consistent-cut"].counterexample;
    expect(cx).toMatchObject({ steps: 8, written: true });
    expect(cx.stepsBeforeShrinking).toBeGreaterThanOrEqual(8);
    expect(cx.reproduce).toContain(`--seed 3 --path ${cx.path}`);
    const replay = await runInProcess("replay", cx.file);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain("consistent-cut still fails");
  });

  it("gives the same --json for the same seed, timings aside, and its path gives the same counterexample", async () => {
    const again = await runInProcess(...nonfifo, "--json", "--out", out);
    expect(comparable(again.stdout)).toEqual(comparable(first.stdout));
    const cx = JSON.parse(first.stdout).properties[0].counterexample;
    const replayed = await runInProcess(...cx.reproduce.split(" ").slice(1), "--json", "--out", out);
    expect(JSON.parse(replayed.stdout).properties[0].counterexample).toMatchObject({
      file: cx.file,
      written: false,
    });
  });

  it("runs in shards whose merged reports give the whole simulation's verdict", async () => {
    const files: string[] = [];
    for (const shard of ["1/2", "2/2"]) {
      const file = join(out, `shard-${files.length + 1}.json`);
      writeFileSync(file, (await runInProcess(...nonfifo, "--shard", shard, "--json", "--out", out)).stdout);
      files.push(file);
    }
    const merged = await runInProcess("merge", ...files, "--json");
    expect(merged.code).toBe(1);
    expect(comparable(merged.stdout).properties).toEqual(comparable(first.stdout).properties);
    const missing = await runInProcess("merge", files[1] as string);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing 1");
  });

  it("proves nothing wrong under fifo: exit 0, and prints the seed and the command that reproduces it", async () => {
    const r = await runInProcess(
      "simulate",
      "--balances",
      "1,1,1,1",
      "--runs",
      "100",
      "--seed",
      "9",
      "--out",
      out,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Seed 9. Reproduce: snapcheck simulate --processes 4");
    expect(r.stdout).toMatch(/termination\s+holds/);
  });

  it.each([
    [["--shard", "3/2"], "--shard: expected i/n"],
    [["--strategy", "random"], "--strategy: expected one of uniform, pct, overtake"],
    [["--seed", "2147483648"], "--seed: expected a whole number from 0 to 2147483647"],
    [["--path", "x"], "--path: expected RUN or RUN:SHRINK"],
    [["--path", "1:2"], "--path: a path with shrink steps belongs to one property"],
    [["--max-depth", "3"], "unknown flag --max-depth for simulate"],
  ])("bad input %j: exit 2, one line naming %s", async (flags, message) => {
    const r = await runInProcess("simulate", ...flags);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});
