/** `snapcheck report` and `export` as a user meets them: files, stdout, exit codes, one-line errors. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exportCommand } from "../../src/cli/export-command.js";
import { writeNewFile } from "../../src/cli/output-file.js";
import { reportCommand } from "../../src/cli/report-command.js";
import { tmp } from "../support/cli.js";
import { runInProcess } from "../support/run-cli.js";
import { parseDot } from "./dot-parser.js";

const NONFIFO = "counterexamples/consistent-cut_orders_chandy-lamport_nonfifo_b1-1.itf.json";

describe("snapcheck report", () => {
  it("writes one HTML page with the diagram and, for a small run, the state graph", async () => {
    const out = join(tmp(), "r.html");
    const r = await runInProcess("report", NONFIFO, "--out", out);
    expect([r.code, r.stdout]).toEqual([0, `wrote ${out}\n`]);
    expect(readFileSync(out, "utf8")).toMatch(
      /^<!doctype html>[\s\S]*<svg[\s\S]*Global-state graph[\s\S]*<svg/,
    );
  });

  it("refuses bad input with one line and exit 2", async () => {
    const r = await runInProcess("report", "no-such.itf.json");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("snapcheck: cannot read no-such.itf.json: give the path of an .itf.json trace\n");
  });

  it("leaves an identical output file alone and never replaces a different one", () => {
    const out = join(tmp(), "x.html");
    expect(writeNewFile(out, "a\n", "--out")).toBe("written");
    expect(writeNewFile(out, "a\n", "--out")).toBe("unchanged");
    writeFileSync(out, "mine\n");
    expect(() => writeNewFile(out, "a\n", "--out")).toThrow(/--out: .* exists already with other content/);
    expect(readFileSync(out, "utf8")).toBe("mine\n");
  });
});

describe("snapcheck export", () => {
  it("prints a trace's ShiViz log on stdout", async () => {
    const r = await runInProcess("export", "--format", "shiviz", NONFIFO);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\(\?<event>.*\n\nP0 records/);
  });

  it("writes the state graph of explore's model flags, here as DOT", async () => {
    const out = join(tmp(), "g.dot");
    const r = await runInProcess(
      "export",
      "--format",
      "dot",
      "--balances",
      "1,1",
      "--max-states",
      "720",
      "--out",
      out,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`155 states, 294 transitions (every reachable state)\nwrote ${out}\n`);
    expect(parseDot(readFileSync(out, "utf8")).nodes.size).toBe(155);
  });

  it.each([
    [reportCommand, [], "usage", "report: give exactly one trace file"],
    [
      exportCommand,
      ["--format", "pdf", NONFIFO],
      "usage",
      "--format must be one of svg, shiviz, mermaid, gexf, graphml, dot, size-plot",
    ],
    [
      exportCommand,
      ["--format", "shiviz", NONFIFO, "--balances", "1,1"],
      "usage",
      "--balances does not apply to --format shiviz",
    ],
    [exportCommand, ["--format", "dot", NONFIFO], "usage", "--format dot takes no file"],
    [
      exportCommand,
      ["--format", "dot", "--channels", "lifo"],
      "config",
      "channels: expected fifo or nonfifo",
    ],
    [
      exportCommand,
      ["--format", "size-plot", "--max-money", "x"],
      "config",
      "--max-money: expected whole numbers",
    ],
  ] as const)("%o %j: a %s error naming the fix", (command, argv, code, message) => {
    expect(() => command([...argv])).toThrow(
      expect.objectContaining({ code, message: expect.stringContaining(message) }),
    );
  });
});
