/** `explore --engine compact` as a user meets it: the same figures as the generic engine, its modes, its refusals. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tmp } from "../support/cli.js";
import { runInProcess } from "../support/run-cli.js";

const json = async (...args: string[]) =>
  JSON.parse((await runInProcess("explore", "--json", "--out", tmp(), ...args)).stdout);

describe("snapcheck explore --engine compact", () => {
  it.each([
    ["--balances", "2,1"],
    ["--balances", "1,1,0", "--initiators", "all"],
    ["--balances", "1,1,0", "--channels", "nonfifo", "--max-depth", "9"],
  ])(
    "gives the generic engine's statistics and conservation verdict (%s %s …)",
    async (...args) => {
      // Bounded a few times above the largest (104,034 states): a blown-up space fails at once.
      const generic = await json(...args, "--properties", "conservation", "--max-states", "500000");
      const compact = await json(...args, "--engine", "compact");
      const figures = ({
        distinctStates,
        transitions,
        maxDepth,
        completeSnapshots,
        deadlocks,
      }: Record<string, number>) => ({
        distinctStates,
        transitions,
        maxDepth,
        completeSnapshots,
        deadlocks,
      });
      expect(figures(compact.stats)).toEqual(figures(generic.stats));
      const verdict = (r: {
        properties: { name: string; holds: boolean; counterexample?: { steps: number } }[];
      }) =>
        r.properties
          .filter((p) => p.name === "conservation")
          .map((p) => [p.holds, p.counterexample?.steps ?? null]);
      expect(verdict(compact)).toEqual(verdict(generic));
      expect(compact.engine).toMatchObject({ name: "compact", mode: "exact", reduce: "none" });
      // Conservation alone lets --reduce auto take symmetry where the model has one: the figures
      // are the whole space's all the same.
      expect(generic.engine).toMatchObject({ name: "generic", mode: "exact" });
    },
    30_000,
  );

  it("says what it leaves to the generic engine, and its counterexample replays", async () => {
    const out = tmp();
    const r = await runInProcess(
      "explore",
      "--balances",
      "1,1",
      "--channels",
      "nonfifo",
      "--engine",
      "compact",
      "--out",
      out,
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("engine: compact (exact");
    expect(r.stdout).toMatch(
      /consistent-cut\s+NOT CHECKED\s+the compact engine decides conservation and termination only/,
    );
    const file = join(out, "conservation_bank_chandy-lamport_nonfifo_b1-1.itf.json");
    expect(r.stdout).toContain(file);
    const replay = await runInProcess("replay", file);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain("conservation still fails");
  });

  it("fingerprint mode reports the miss probability; symmetry keeps the counts and is the default where sound", async () => {
    const exact = await json("--balances", "1,1,0", "--initiators", "all", "--engine", "compact");
    const fingerprint = await json(
      "--balances",
      "1,1,0",
      "--initiators",
      "all",
      "--engine",
      "compact",
      "--mode",
      "fingerprint",
      "--reduce",
      "none",
    );
    expect(fingerprint.stats.distinctStates).toBe(exact.stats.distinctStates);
    expect(fingerprint.engine.collisionProbability).toBeGreaterThan(0);
    expect(fingerprint.engine.collisionProbability).toBeLessThan(1e-6);
    const args = ["--balances", "1,1,1", "--initiators", "all", "--engine", "compact"];
    const orbits = await json(...args, "--reduce", "symmetry");
    const all = await json(...args);
    // In exact mode termination's fair cycles need the whole graph: auto leaves the space unreduced.
    expect(all.engine.reduce).toBe("none");
    expect(orbits.engine.reduce).toBe("symmetry");
    expect(orbits.engine.orbits).toBeLessThan(all.stats.distinctStates);
    expect(orbits.engine.orbits * 6).toBeGreaterThanOrEqual(all.stats.distinctStates);
    expect(orbits.stats).toMatchObject({
      distinctStates: all.stats.distinctStates,
      transitions: all.stats.transitions,
      completeSnapshots: all.stats.completeSnapshots,
    });
    const conservation = (r: { properties: { name: string }[] }) =>
      r.properties.filter((p) => p.name === "conservation");
    expect(conservation(orbits)).toEqual(conservation(all));
    expect(all.properties).toContainEqual({ name: "termination", holds: true, complete: true });
    expect(orbits.skipped.map((p: { name: string }) => p.name)).toContain("termination");
    // Without termination to decide, auto takes symmetry: same counts, orbits stored.
    const auto = await json(...args, "--properties", "conservation");
    expect(auto.engine.reduce).toBe("symmetry");
    expect(auto.stats.distinctStates).toBe(all.stats.distinctStates);
  }, 60_000);

  it.each(["fingerprint", "bitstate"])(
    "in %s mode rebuilds the shortest run with a bounded exact search",
    async (mode) => {
      const out = tmp();
      const args = [
        "--balances",
        "1,1,0",
        "--channels",
        "nonfifo",
        "--max-depth",
        "9",
        "--engine",
        "compact",
      ];
      const r = await json(...args, "--mode", mode, "--out", out);
      const exact = await json(...args);
      const steps = (x: {
        properties: { name: string; counterexample?: { steps: number; file: string } }[];
      }) => x.properties.find((p) => p.name === "conservation")?.counterexample;
      expect(steps(r)?.steps).toBe(steps(exact)?.steps);
      const replay = await runInProcess("replay", steps(r)?.file ?? "");
      expect(replay.stdout).toContain("conservation still fails");
    },
    60_000,
  );

  it("with --reduce por reports the reduced search and a replayable run that may not be shortest", async () => {
    const out = tmp();
    const args = ["--balances", "1,1,0", "--channels", "nonfifo", "--max-depth", "12", "--engine", "compact"];
    const r = await runInProcess("explore", "--out", out, ...args, "--reduce", "por");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/partial-order reduction: counts of the reduced search/);
    expect(r.stdout).toMatch(/conservation\s+VIOLATED\s+a run of \d+ steps \(maybe not the shortest\)/);
    const reduced = await json(...args, "--reduce", "por");
    const whole = await json(...args, "--reduce", "none");
    expect(reduced.stats.distinctStates).toBeLessThan(whole.stats.distinctStates);
    const steps = (x: { properties: { name: string; counterexample?: { steps: number } }[] }) =>
      x.properties.find((p) => p.name === "conservation")?.counterexample?.steps ?? 0;
    expect(steps(reduced)).toBeGreaterThanOrEqual(steps(whole));
    const file = join(out, "conservation_bank_chandy-lamport_nonfifo_b1-1-0.itf.json");
    const replay = await runInProcess("replay", file);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain("conservation still fails");
  }, 60_000);

  it.each([
    [["--workload", "orders", "--engine", "compact"], "workload: the compact engine checks bank only"],
    [
      ["--channels", "fifo,lossy", "--engine", "compact"],
      "channels: the compact engine checks reliable channels",
    ],
    [
      ["--instances", "2", "--engine", "compact"],
      "instances: the compact engine checks one free-running snapshot",
    ],
    [
      ["--mode", "bitstate", "--graph", "g.json"],
      "--graph: a bitstate store keeps no state graph: use --mode exact, or leave --graph out",
    ],
    [["--engine", "turbo"], '--engine: expected one of generic, compact, got "turbo"'],
    [
      ["--engine", "compact", "--reduce", "sleep"],
      '--reduce: expected one of auto, none, symmetry, por, all, got "sleep"',
    ],
    [
      ["--reduce", "por"],
      "--reduce: partial-order reduction of a free-running model belongs to the compact engine: add --engine compact",
    ],
  ])("refuses %j with one line naming the field", async (args, message) => {
    const r = await runInProcess("explore", "--out", tmp(), ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("on two worker threads gives the same figures, and rebuilds a violation's run sequentially", async () => {
    const one = await json("--balances", "1,1,0", "--initiators", "all", "--engine", "compact");
    const two = await json(
      "--balances",
      "1,1,0",
      "--initiators",
      "all",
      "--engine",
      "compact",
      "--workers",
      "2",
    );
    expect(two.stats).toMatchObject({
      distinctStates: one.stats.distinctStates,
      transitions: one.stats.transitions,
      maxDepth: one.stats.maxDepth,
      completeSnapshots: one.stats.completeSnapshots,
      deadlocks: one.stats.deadlocks,
    });
    expect(two.engine.workers).toBe(2);
    const failing = await json(
      "--balances",
      "1,1",
      "--channels",
      "nonfifo",
      "--engine",
      "compact",
      "--workers",
      "2",
    );
    expect(
      failing.properties.find((p: { name: string }) => p.name === "conservation")?.counterexample?.steps,
    ).toBe(4);
    const r = await runInProcess("explore", "--workers", "2", "--out", tmp());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--workers: several workers run the compact engine");
  });
});
