/** What the fuzzing found, kept as cases: each answered with an internal error or a line naming nothing. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { tmp } from "../support/cli.js";
import { runInProcess } from "../support/run-cli.js";

it("a memory budget too small to start the search names it (was an internal error)", async () => {
  const r = await runInProcess("explore", "--max-memory", "16", "--out", tmp());
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(
    /^snapcheck: maxMemoryMiB: 16 MiB leaves no room for the search: .*give at least \d+ MiB\n$/,
  );
});

it('an unknown config field that is not a word is quoted (was "snapcheck: : unknown field")', async () => {
  const file = join(tmp(), "config.json");
  writeFileSync(file, JSON.stringify({ "": 1 }));
  const r = await runInProcess("explore", "--config", file, "--out", tmp());
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^snapcheck: "": unknown field; the fields are processes, /);
});

it("a wrong configuration inside a trace names the trace file", async () => {
  const file = join(tmp(), "trace.itf.json");
  writeFileSync(
    file,
    JSON.stringify({
      "#meta": { snapcheck: { kind: "scenario", config: { processes: 2, speed: 3 }, steps: [] } },
      states: [],
    }),
  );
  const r = await runInProcess("replay", file);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(
    `snapcheck: ${file}: "#meta".snapcheck.config: speed: unknown field; the fields are processes, topology, balances, stock, channels, algorithm, workload, initiators, instances, script, ticks, properties, maxStates, maxDepth, maxMemoryMiB\n`,
  );
});

it("a trace whose #meta.snapcheck is null is refused (was an internal error)", async () => {
  const file = join(tmp(), "trace.itf.json");
  writeFileSync(file, JSON.stringify({ "#meta": { snapcheck: null }, states: [] }));
  const r = await runInProcess("report", file, "--out", join(tmp(), "r.html"));
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(
    `snapcheck: ${file}: not a snapcheck trace: expected an ITF object with "#meta".snapcheck\n`,
  );
});
