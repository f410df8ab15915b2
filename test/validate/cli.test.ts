/**
 * `snapcheck validate` as a user meets it: exit 0 for a correct run, 1 with the first wrong line
 * for a wrong one, 2 with the line and the fix for a bad log (never a stack trace); --out writes
 * the run as a trace that replay, report and export read.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tmp } from "../support/cli.js";
import { runInProcess } from "../support/run-cli.js";
import { correctRun, forgetsMarker, header3, type Line, overtakenMarker, writeLog } from "./logs.js";

describe("snapcheck validate", () => {
  it("a correct run holds: exit 0, and --json lists each snapshot's judgements", async () => {
    const r = await runInProcess("validate", writeLog(tmp(), "correct", correctRun()), "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ processes: 3, events: 25, workload: "bank", holds: true });
    expect(json.snapshots[0].judgements.map((j: { verdict: string }) => j.verdict)).toEqual([
      "holds",
      "holds",
      "holds",
      "holds",
    ]);
  });

  it("an overtaken marker under nonfifo: exit 1, and --out writes a trace that replay, report and export read", async () => {
    const dir = tmp();
    const out = join(dir, "out");
    const r = await runInProcess("validate", writeLog(dir, "overtaken", overtakenMarker()), "--out", out);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("consistent-cut  FAILS at line 5: P0's transfer of 1 (message x) on c(0,1)");
    expect(r.stdout).toContain("algorithm       holds");
    const trace = join(out, "overtaken.itf.json");
    expect(r.stdout).toContain(`wrote ${trace}`);
    const meta = JSON.parse(readFileSync(trace, "utf8"))["#meta"].snapcheck;
    expect(meta).toMatchObject({
      kind: "counterexample",
      property: "consistent-cut",
      steps: [
        "initiate(P0)",
        "send(P0→P1)",
        "deliver(c(0,1): T)",
        "deliver(c(0,1): M)",
        "deliver(c(1,0): M)",
      ],
    });
    expect(readFileSync(join(out, "overtaken.svg"), "utf8")).toContain("receive without its send");
    const replay = await runInProcess("replay", trace);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain("consistent-cut still fails");
    const html = join(dir, "report.html");
    expect((await runInProcess("report", trace, "--out", html)).code).toBe(0);
    expect(readFileSync(html, "utf8")).toContain("<svg");
    const svg = await runInProcess("export", "--format", "svg", trace);
    expect(svg.code).toBe(0);
    expect(svg.stdout).toMatch(/^<svg/);
  });

  it("a run the model cannot take (a marker never sent): exit 1, and --out draws its diagram from the log", async () => {
    const out = tmp();
    const r = await runInProcess("validate", writeLog(tmp(), "forgets", forgetsMarker()), "--out", out);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "algorithm       FAILS at line 8: P1 recorded at line 8 but never sent its marker on c(1,2)",
    );
    expect(r.stdout).toContain(
      "No trace written: the implementation did not follow Chandy–Lamport, so the model cannot take its run; the diagram is drawn from the log instead.",
    );
    expect(readdirSync(out)).toEqual(["forgets.svg"]);
    const svg = readFileSync(join(out, "forgets.svg"), "utf8");
    expect(svg).toContain("algorithm fails at line 8: P1 recorded at line 8 but never sent its marker");
    // Every event of the log is on the picture, with its line.
    expect(svg.match(/<circle[^>]*r="2.5"[^>]*data-line/g)).toHaveLength(forgetsMarker().length - 1);
  });

  it("reads ShiViz logs whose event lines are run-log events, and refuses clocks that disagree", async () => {
    const [head, ...events] = overtakenMarker();
    const clocks = [
      { P0: 1 },
      { P0: 2 },
      { P0: 3 },
      { P0: 3, P1: 1 },
      { P0: 3, P1: 2 },
      { P0: 3, P1: 3 },
      { P0: 3, P1: 4 },
      { P0: 3, P1: 5 },
      { P0: 4, P1: 4 },
      { P0: 5, P1: 4 },
    ];
    const shiviz = (cs: readonly Record<string, number>[]) =>
      [
        String.raw`(?<event>.*)\n(?<host>\S*) (?<clock>{.*})`,
        "",
        JSON.stringify(head),
        "P0 {}",
        ...events.flatMap((e, i) => {
          const { process, ...rest } = e as Line & { process: number };
          return [JSON.stringify(rest), `P${process} ${JSON.stringify(cs[i])}`];
        }),
      ].join("\n");
    const dir = tmp();
    writeFileSync(join(dir, "run.shiviz"), shiviz(clocks));
    const r = await runInProcess("validate", join(dir, "run.shiviz"));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("consistent-cut  FAILS at line 11");
    writeFileSync(join(dir, "bad.shiviz"), shiviz(clocks.map((c, i) => (i === 4 ? { P0: 2, P1: 2 } : c))));
    const bad = await runInProcess("validate", join(dir, "bad.shiviz"));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      `bad.shiviz:13: the vector clock {"P0":2,"P1":2} is not what the sends and receives give, {"P0":3,"P1":2}`,
    );
  });

  const badLogs: [string, (string | Line)[], string][] = [
    ["malformed JSON", [header3, '{"event":"send",'], ":2: not JSON"],
    [
      "a schema violation",
      [header3, { event: "send", process: 0, id: 1, payload: "T" }],
      ':2: a "send" event needs "to": the receiving process\'s id',
    ],
    [
      "an unknown event",
      [header3, { event: "snapshot", process: 0 }],
      ':2: "event" must be one of "run", "send", "receive", "record", "marker-send", "marker-receive", "channel-recorded"',
    ],
    [
      "an unmatched receive",
      [header3, { event: "receive", process: 1, from: 0, id: 9 }],
      ":2: unmatched receive: no send of message 9",
    ],
    [
      "a duplicate message id",
      [
        header3,
        { event: "send", process: 0, to: 1, id: 1, payload: "T" },
        { event: "send", process: 0, to: 2, id: 1, payload: "T" },
      ],
      ":3: duplicate message id 1 (first sent at line 2)",
    ],
    [
      "an unknown process",
      [header3, { event: "record", process: 5, state: { balance: 1 } }],
      ":2: unknown process 5 (process): the header declares P0…P2",
    ],
    [
      "a receive before its own send",
      [
        header3,
        { event: "receive", process: 0, from: 1, id: "y" },
        { event: "send", process: 0, to: 1, id: "x", payload: "T" },
        { event: "receive", process: 1, from: 0, id: "x" },
        { event: "send", process: 1, to: 0, id: "y", payload: "T" },
      ],
      ":2: P0 receives this before it can have been sent",
    ],
    [
      "a missing header",
      [{ event: "record", process: 0, state: { balance: 1 } }],
      ":1: the first line must be the run header",
    ],
    [
      "a state that does not fit the workload",
      [header3, { event: "record", process: 0, state: { money: 1 } }],
      ':2: the state {"money":1} does not fit the bank workload: give the fields balance',
    ],
  ];
  for (const [what, lines, message] of badLogs) {
    it(`a bad log (${what}): exit 2, the line and the fix, no stack trace`, async () => {
      const r = await runInProcess("validate", writeLog(tmp(), "bad", lines));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`bad.jsonl${message}`);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    });
  }

  it("the example of docs/run-log.md validates as the page shows", async () => {
    const doc = readFileSync("docs/run-log.md", "utf8");
    const log = doc.match(/```json\n([\s\S]*?)```/)?.[1] ?? "";
    const shown = doc.match(/\$ snapcheck validate run.jsonl\n([\s\S]*?)```/)?.[1] ?? "";
    const file = join(tmp(), "run.jsonl");
    writeFileSync(file, log);
    const r = await runInProcess("validate", file);
    expect(r.code).toBe(0);
    expect(r.stdout.replaceAll(file, "run.jsonl")).toBe(shown);
  });

  it("a log that ends before the snapshot completes: exit 0, saying what could not be judged", async () => {
    const r = await runInProcess("validate", writeLog(tmp(), "cut-short", correctRun().slice(0, 12)));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("consistent-cut  not judged: the snapshot is incomplete: P2 never recorded");
    expect(r.stdout).toContain("Nothing fails, but 3 judgements could not be made (see above).");
  });

  it("an unknown --workload is a usage error (exit 2)", async () => {
    const r = await runInProcess(
      "validate",
      writeLog(tmp(), "correct", correctRun()),
      "--workload",
      "casino",
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--workload: unknown workload "casino"; the workloads are bank');
  });
});
