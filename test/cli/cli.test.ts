/** The command line as a user meets it: exit codes, --json, files never overwritten, clear errors. */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { snapcheck, tmp } from "../support/cli.js";
import { runInProcess } from "../support/run-cli.js";

describe("snapcheck explore", () => {
  it("proves every property under fifo: exit 0, the --json shape of the issue", async () => {
    // Bounded a few times above its 155 states: a blown-up space fails at once.
    const r = await runInProcess(
      "explore",
      "--balances",
      "1,1",
      "--max-states",
      "720",
      "--json",
      "--out",
      tmp(),
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.stats).toMatchObject({
      distinctStates: 155,
      transitions: 294,
      maxDepth: 15,
      completeSnapshots: 60,
      deadlocks: 0,
    });
    expect(json.properties.map((p: { name: string; holds: boolean }) => [p.name, p.holds])).toEqual([
      ["consistent-cut", true],
      ["reachable-cut", true],
      ["conservation", true],
      ["termination", true],
    ]);
  });

  it("refutes under nonfifo with a shortest counterexample that replays (exit 1 both times)", async () => {
    const out = tmp();
    const r = await runInProcess(
      "explore",
      "--balances",
      "1,1",
      "--channels",
      "nonfifo",
      "--properties",
      "consistent-cut",
      "--json",
      "--out",
      out,
    );
    expect(r.code).toBe(1);
    const [p] = JSON.parse(r.stdout).properties;
    expect(p.counterexample.steps).toBe(4);
    expect(readdirSync(out).sort()).toEqual([
      "consistent-cut_bank_chandy-lamport_nonfifo_b1-1.itf.json",
      "consistent-cut_bank_chandy-lamport_nonfifo_b1-1.svg",
      "consistent-cut_bank_chandy-lamport_nonfifo_b1-1.txt",
    ]);
    const replay = await runInProcess("replay", p.counterexample.file);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain("consistent-cut still fails");
  });

  it("never overwrites a different file: the new trace gets the next name", async () => {
    const out = tmp();
    const mine = join(out, "conservation_bank_chandy-lamport_nonfifo_b1-1.itf.json");
    writeFileSync(mine, "my notes\n");
    const conservationRun = [
      "explore",
      "--balances",
      "1,1",
      "--channels",
      "nonfifo",
      "--properties",
      "conservation",
      "--json",
      "--out",
    ];
    const r = await runInProcess(...conservationRun, out);
    expect(JSON.parse(r.stdout).properties[0].counterexample.file).toContain("b1-1~2.itf.json");
    expect(readFileSync(mine, "utf8")).toBe("my notes\n");
    const again = await runInProcess(...conservationRun, out);
    expect(JSON.parse(again.stdout).properties[0].counterexample).toMatchObject({ written: false });
  });

  it("exits 3 when a limit stops the search before a verdict, and says so", async () => {
    const r = await runInProcess("explore", "--balances", "2,2", "--max-states", "50", "--out", tmp());
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("UNDECIDED");
    expect(r.stdout).toContain("at most 50 states");
  });

  it("stops cleanly at a memory budget: partial statistics, exit 3", () => {
    // Its space holds tens of millions of states: far more than 200 MiB keeps.
    const r = snapcheck(
      "explore",
      "--balances",
      "1,1,1,1",
      "--max-memory",
      "200",
      "--properties",
      "conservation",
      "--out",
      tmp(),
    );
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("stopped by max-memory");
  });

  it("refuses a memory budget the process already exceeds, naming the flag's field", () => {
    const r = snapcheck("explore", "--balances", "1,1,1", "--max-memory", "16", "--out", tmp());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^snapcheck: maxMemoryMiB: 16 MiB leaves no room for the search/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("says which default bound applies under nonfifo", async () => {
    const r = await runInProcess("explore", "--balances", "0,0", "--channels", "nonfifo", "--out", tmp());
    expect(r.stdout).toContain("default bound");
  });

  it.each([
    [["explore", "--balances", "-1,2"], "balances"],
    [["explore", "--balances", "1,x"], "balances"],
    [["explore", "--channels", "fifoo"], "channels: expected fifo or nonfifo"],
    [["explore", "--properties", "liveness"], "properties"],
    [["explore", "--initiators", "5", "--balances", "1,1"], "initiators: P5 does not exist"],
    [["explore", "--processes", "3", "--balances", "1,1"], "balances: expected 3 values"],
    [["explore", "--frobnicate"], "unknown flag --frobnicate for explore"],
    [["explore", "--config", "no-such-file.json"], "--config: cannot read"],
    [["replay", "no-such-file.itf.json"], "cannot read"],
    [["fly"], 'unknown command "fly"'],
    [
      ["explore", "--channels", "fifo,sloppy"],
      "channels: expected fifo or nonfifo, optionally followed by ,lossy",
    ],
    [
      ["explore", "--channels", "fifo,duplicating", "--properties", "reachable-cut"],
      "properties: reachable-cut cannot be checked here",
    ],
    [
      ["explore", "--balances", "1,1", "--topology", "1-0"],
      "topology: markers from initiator P0 cannot reach P1",
    ],
    [["explore", "--balances", "1,1", "--topology", "0-0"], "topology: link 0-0 is not a channel"],
    [
      ["explore", "--balances", "1,1", "--topology", "hypercube"],
      "topology: expected complete, ring, line, star",
    ],
    [["explore", "--instances", "0"], "instances: expected a whole number from 1 to 4"],
    [
      ["explore", "--instances", "2", "--algorithm", "lai-yang"],
      "instances: lai-yang is modelled for one snapshot",
    ],
    [["explore", "--ticks"], "ticks: ticks gate the deliveries of a script"],
    [["explore", "--workload", "tokens"], "workload: tokens has no application steps of its own"],
    [
      ["explore", "--events", "examples/cos418/2nodes-concurrent.events"],
      "--events: give the scenario's topology",
    ],
    [
      ["explore", "--topology", "examples/cos418/2nodes.top", "--events", "examples/cos418/2nodes.top"],
      '--events: examples/cos418/2nodes.top:2: expected "send SRC DST n"',
    ],
  ])("bad input %j: exit 2, one line naming %s, no stack trace", async (args, message) => {
    const r = await runInProcess(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("rejects an unknown config field by name", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "c.json"), JSON.stringify({ balances: [1, 1], speed: "fast" }));
    const r = await runInProcess("explore", "--config", join(dir, "c.json"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("speed: unknown field");
  });
});

describe("snapcheck list and replay", () => {
  it("the package's launcher runs the compiled CLI (dist/ is built by npm ci through prepare)", () => {
    const r = spawnSync(process.execPath, ["bin/snapcheck.js", "list"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("consistent-cut");
  });

  it("list prints each property with its one-line description", async () => {
    const r = await runInProcess("list");
    expect(r.code).toBe(0);
    for (const name of [
      "consistent-cut",
      "reachable-cut",
      "conservation",
      "termination",
      "chandy-lamport",
      "orders",
      "nonfifo",
    ]) {
      expect(r.stdout).toContain(name);
    }
  });

  it("replay of the lecture scenario prints the recorded snapshot (exit 0)", async () => {
    const r = await runInProcess(
      "replay",
      "counterexamples/scenarios/lecture-three-processes.itf.json",
      "--json",
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.snapshot.complete).toBe(true);
    expect(json.snapshot.channels["c(1,0)"]).toEqual(["T"]);
  });
});
