/**
 * COS 418 scenarios: reading the topology and events formats, writing `.snap`, the `snapshots`
 * command as a user meets it, and the example scenarios' snapshots cross-checked against the
 * naive explorer.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { conservation } from "../../properties/conservation.js";
import { consistentCut } from "../../properties/consistent-cut.js";
import { buildModel, parseConfig } from "../../src/config.js";
import { recordedSnapshots } from "../../src/engine/recorded-snapshots.js";
import { ConfigError } from "../../src/errors.js";
import { type ImportedScenario, readCos418 } from "../../src/scenarios/cos418.js";
import { snapText } from "../../src/scenarios/snap-format.js";
import { type NaiveCommand, naiveExplore, naiveScript } from "../naive/naive-explorer.js";
import { tmp } from "../support/cli.js";
import { byInstanceThenJson, naiveShaped } from "../support/naive-compare.js";
import { runInProcess } from "../support/run-cli.js";

const DIR = "examples/cos418";
const file = (name: string) => ({ text: readFileSync(join(DIR, name), "utf8"), path: join(DIR, name) });

function errorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

describe("reading COS 418 files", () => {
  it("names processes in topology order, keeps tokens and links, turns events into a script", () => {
    const scenario = readCos418(file("3nodes.top"), file("3nodes-crossing.events"));
    expect(scenario.names).toEqual(["N1", "N2", "N3"]);
    expect(scenario.config).toEqual({
      processes: 3,
      balances: [4, 2, 0],
      topology: [
        [0, 1],
        [1, 0],
        [0, 2],
        [2, 0],
        [1, 2],
        [2, 1],
      ],
      script: ["send 0 1 2", "send 1 2 1", "snapshot 1", "send 0 1 1", "tick", "send 2 0 1"],
    });
  });

  it.each([
    ["x\nN1 1\n", "a", "--topology", /:1: the first line must be the number of processes/],
    ["2\nN1 1\nN1 2\nN1 N2\n", "", "--topology", /:3: process N1 is declared twice/],
    ["2\nN1 1\nN2 x\n", "", "--topology", /:3: expected "id tokens"/],
    ["2\nN1 1\nN2 0\nN1 N3\n", "", "--topology", /:4: unknown process "N3"; the processes are N1, N2/],
    ["2\nN1 1\nN2 0\n", "", "--topology", /no links/],
    ["2\nN1 1\nN2 0\nN1 N2\n", "# ok\nsend N1 N2\n", "--events", /:2: expected "send SRC DST n"/],
    ["2\nN1 1\nN2 0\nN1 N2\n", "snapshot N9\n", "--events", /:1: unknown process "N9"/],
  ])("refuses %j / %j naming the file, the line and the fix", (top, events, field, message) => {
    const e = errorOf(() => readCos418({ text: top, path: "t.top" }, { text: events, path: "e.events" }));
    expect(e.field).toBe(field);
    expect(e.message).toMatch(message);
  });

  it("a send over a link the topology lacks is a config error naming the script line", () => {
    const imported = readCos418(
      { text: "2\nN1 1\nN2 0\nN1 N2\n", path: "t" },
      { text: "send N2 N1 1\n", path: "e" },
    );
    const e = errorOf(() => parseConfig(imported.config, []));
    expect(e.field).toBe("script");
    expect(e.message).toMatch(/"send 1 0 1" sends on c\(1,0\), which the topology lacks/);
  });
});

/** The naive explorer's config for an imported scenario. */
function naiveOf(scenario: ImportedScenario, channels: "fifo" | "nonfifo") {
  const commands = scenario.config.script.map((line): NaiveCommand => {
    const [verb, ...args] = line.split(" ").map((w, i) => (i === 0 ? w : Number(w)));
    if (verb === "send")
      return { kind: "send", from: args[0] as number, to: args[1] as number, amount: args[2] as number };
    if (verb === "snapshot") return { kind: "snapshot", process: args[0] as number };
    return { kind: "tick" };
  });
  const links = scenario.config.topology.map(([a, b]): [number, number] => [a, b]);
  return naiveScript({ tokens: [...scenario.config.balances], links, commands }, { channels });
}

describe("the example scenarios' snapshots, cross-checked", () => {
  it.each([
    ["2nodes.top", "2nodes-concurrent.events", "fifo"],
    ["2nodes.top", "2nodes-concurrent.events", "nonfifo"],
    ["3nodes.top", "3nodes-crossing.events", "fifo"],
  ] as const)("%s %s under %s", (top, events, channels) => {
    const scenario = readCos418(file(top), file(events));
    const model = buildModel(parseConfig({ ...scenario.config, channels }, []));
    const ours = recordedSnapshots(model, [consistentCut, conservation], {});
    const naive = naiveExplore(naiveOf(scenario, channels));
    expect(ours.distinctStates).toBe(naive.distinctStates);
    expect(naiveShaped(model, ours.snapshots)).toEqual([...(naive.snapshots ?? [])].sort(byInstanceThenJson));
  });
});

describe("snapcheck snapshots", () => {
  const args = [
    "snapshots",
    "--topology",
    `${DIR}/2nodes.top`,
    "--events",
    `${DIR}/2nodes-concurrent.events`,
  ];

  it("lists each instance's snapshots with a witness, in the --json shape of the issue; exit 0 under fifo", async () => {
    const r = await runInProcess(...args, "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.snapshots.map((s: { instance: number }) => s.instance)).toEqual([0, 0, 1, 1, 1, 1]);
    for (const s of json.snapshots) {
      expect(Object.keys(s.processes)).toEqual(["N1", "N2"]);
      expect(s.violated).toEqual([]);
      expect(s.witness.length).toBeGreaterThan(0);
      for (const c of s.channels) expect(c.messages.length).toBeGreaterThan(0);
    }
    // Conservation: each S* holds the 4 tokens of the scenario.
    for (const s of json.snapshots) {
      const inFlight = s.channels.flatMap((c: { messages: number[] }) => c.messages);
      const total = [...Object.values(s.processes), ...inFlight].reduce(
        (a: number, b) => a + (b as number),
        0,
      );
      expect(total).toBe(4);
    }
  });

  it("under nonfifo flags the snapshots some run records wrongly: exit 1, each with why and a run", async () => {
    const r = await runInProcess(...args, "--channels", "nonfifo", "--json");
    expect(r.code).toBe(1);
    const flagged = JSON.parse(r.stdout).snapshots.filter(
      (s: { violated: string[] }) => s.violated.length > 0,
    );
    expect(JSON.parse(r.stdout).snapshots).toHaveLength(29); // the README's figures
    expect(flagged).toHaveLength(26);
    for (const s of flagged) expect(s.violations[0].witness.at(-1)).toMatch(/^deliver/);
  });

  it("writes each snapshot in the .snap format, and never over a different file", async () => {
    const out = tmp();
    expect((await runInProcess(...args, "--snap", out)).code).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toEqual([
      "instance0-1.snap",
      "instance0-2.snap",
      "instance1-1.snap",
      "instance1-2.snap",
      "instance1-3.snap",
      "instance1-4.snap",
    ]);
    const first = readFileSync(join(out, "instance1-1.snap"), "utf8").split("\n");
    expect(first[0]).toBe("1");
    expect(first.slice(1, 3).every((l) => /^N[12] \d+$/.test(l))).toBe(true);
    expect(first.slice(3).every((l) => l === "" || /^N[12] N[12] token\(\d+\)$/.test(l))).toBe(true);
    expect((await runInProcess(...args, "--snap", out)).code).toBe(0); // the same files: left as they are
    writeFileSync(join(out, "instance0-1.snap"), "mine\n");
    const r = await runInProcess(...args, "--snap", out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--snap: .*instance0-1\.snap exists already/);
    expect(readFileSync(join(out, "instance0-1.snap"), "utf8")).toBe("mine\n");
  });

  it("refuses an events file without its topology, or a missing file, with one line and exit 2", async () => {
    const alone = await runInProcess("snapshots", "--events", `${DIR}/2nodes-concurrent.events`);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/^snapcheck: --events: give the scenario's topology file too/);
    const missing = await runInProcess(
      "snapshots",
      "--topology",
      "nope.top",
      "--events",
      `${DIR}/2nodes-concurrent.events`,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it("explore checks the same scenario: the naive explorer's count, every property judged per instance", async () => {
    const r = await runInProcess("explore", ...args.slice(1), "--json", "--out", tmp());
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const naive = naiveExplore(
      naiveOf(readCos418(file("2nodes.top"), file("2nodes-concurrent.events")), "fifo"),
    );
    expect(json.stats.distinctStates).toBe(naive.distinctStates);
    expect(json.config.script).toHaveLength(6);
    expect(json.properties.map((p: { name: string }) => p.name)).toEqual([
      "consistent-cut",
      "conservation",
      "termination",
    ]);
    expect(json.skipped.map((s: { name: string }) => s.name)).toEqual(["reachable-cut"]);
    const ticked = JSON.parse(
      (await runInProcess("explore", ...args.slice(1), "--ticks", "--json", "--out", tmp())).stdout,
    );
    expect(ticked.config.ticks).toBe(true);
    expect(ticked.stats.distinctStates).not.toBe(json.stats.distinctStates);
  });

  it("snapText writes instance, tokens per process and each recorded message in order", () => {
    const scenario = readCos418(file("3nodes.top"), file("3nodes-crossing.events"));
    const model = buildModel(parseConfig(scenario.config, []));
    const { snapshots } = recordedSnapshots(model, [], {});
    const withMessages = snapshots.find((s) => s.channels.some((m) => m.length > 1));
    expect(withMessages).toBeDefined();
    const text = snapText(withMessages as (typeof snapshots)[number], model.topology, scenario.names);
    expect(text).toMatch(/^0\nN1 \d+\nN2 \d+\nN3 \d+\n(N\d N\d token\(\d+\)\n)+$/);
  });
});
