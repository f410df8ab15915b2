/**
 * Files are written whole or not at all, never over something else: a torn or foreign file under
 * a counterexample's name is kept and reported, and the collision suffix `~N` cannot be read as
 * one more field of the name.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeNewFile } from "../../src/cli/output-file.js";
import { existingFile, writeFileOnce } from "../../src/files/write-once.js";
import { storeTrace } from "../../src/trace/store.js";
import { tmp } from "../support/cli.js";
import { runInProcess } from "../support/run-cli.js";

const render = { ".txt": (path: string) => `replay ${path}\n` };

describe("writeFileOnce", () => {
  it("writes the file whole, leaves no temporary file, and never replaces one already there", () => {
    const dir = tmp();
    const file = join(dir, "a.txt");
    writeFileOnce(file, "first\n");
    expect(() => writeFileOnce(file, "second\n")).toThrow(expect.objectContaining({ code: "EEXIST" }));
    expect(readFileSync(file, "utf8")).toBe("first\n");
    expect(readdirSync(dir)).toEqual(["a.txt"]);
  });
});

describe("existingFile", () => {
  it("recognises the same JSON data however it is laid out, a cut-short file, and other content", () => {
    const dir = tmp();
    const file = join(dir, "t.itf.json");
    const trace = `${JSON.stringify({ a: 1, b: [1, 2] }, null, 1)}\n`;
    expect(existingFile(file, trace)).toBe("absent");
    writeFileSync(file, '{"b":[1,2],"a":1}');
    expect(existingFile(file, trace)).toBe("identical");
    writeFileSync(file, trace.slice(0, 9));
    expect(existingFile(file, trace)).toBe("torn");
    writeFileSync(file, '{"a":2,"b":[1,2]}');
    expect(existingFile(file, trace)).toBe("foreign");
    const text = join(dir, "t.txt");
    writeFileSync(text, "line one\r\nline two\r\n");
    expect(existingFile(text, "line one\nline two\n")).toBe("identical");
    writeFileSync(text, "line one\nli");
    expect(existingFile(text, "line one\nline two\n")).toBe("torn");
  });
});

describe("storeTrace", () => {
  it("keeps a torn file of the same name, reports it, and takes the name BASE~2", () => {
    const dir = tmp();
    const torn = '{"#meta": {"format": "IT';
    writeFileSync(join(dir, "p_b1-1.itf.json"), torn);
    const stored = storeTrace(dir, "p_b1-1", '{"x":1}\n', render);
    expect(stored).toEqual({
      path: join(dir, "p_b1-1~2.itf.json"),
      status: "written",
      kept: [{ path: join(dir, "p_b1-1.itf.json"), why: "torn" }],
    });
    expect(readFileSync(join(dir, "p_b1-1.itf.json"), "utf8")).toBe(torn);
    expect(readFileSync(join(dir, "p_b1-1~2.txt"), "utf8")).toBe(`replay ${stored.path}\n`);
    // The same trace again finds its own file: nothing written, nothing new.
    expect(storeTrace(dir, "p_b1-1", '{ "x": 1 }', render).status).toBe("unchanged");
    expect(readdirSync(dir).sort()).toEqual(["p_b1-1.itf.json", "p_b1-1~2.itf.json", "p_b1-1~2.txt"]);
  });

  it("does not take a name whose sibling holds something else", () => {
    const dir = tmp();
    writeFileSync(join(dir, "p.txt"), "my notes\n");
    const stored = storeTrace(dir, "p", '{"x":1}\n', render);
    expect(stored.path).toBe(join(dir, "p~2.itf.json"));
    expect(stored.kept).toEqual([{ path: join(dir, "p.txt"), why: "foreign" }]);
    expect(readFileSync(join(dir, "p.txt"), "utf8")).toBe("my notes\n");
  });
});

describe("writeNewFile (report, export, --graph, --snap)", () => {
  it("refuses a cut-short copy of its output, keeps it, and says so", () => {
    const file = join(tmp(), "out.html");
    writeFileSync(file, "<html><bo");
    expect(() => writeNewFile(file, "<html><body></body></html>\n", "--out")).toThrow(
      /^--out: .*out\.html exists already with a cut-short copy of this output; choose another file name or remove it$/,
    );
    expect(readFileSync(file, "utf8")).toBe("<html><bo");
  });
});

describe("explore over a torn counterexample", () => {
  it("says it kept the torn file and writes the trace beside it", async () => {
    const out = tmp();
    const name = "conservation_bank_chandy-lamport_nonfifo_b1-1";
    writeFileSync(join(out, `${name}.itf.json`), '{"#meta": {');
    const r = await runInProcess(
      "explore",
      "--balances",
      "1,1",
      "--channels",
      "nonfifo",
      "--properties",
      "conservation",
      "--out",
      out,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`kept ${join(out, `${name}.itf.json`)} as it was (cut short`);
    expect(r.stdout).toContain(`${name}~2.itf.json`);
    expect(readFileSync(join(out, `${name}.itf.json`), "utf8")).toBe('{"#meta": {');
  });
});

describe("the committed corpus", () => {
  it("names every trace by its own configuration: the balances field is the trace's balances", () => {
    const traces = readdirSync("counterexamples").filter((f) => f.endsWith(".itf.json"));
    expect(traces.length).toBeGreaterThan(20);
    for (const file of traces) {
      const balances = /_b(\d+(?:-\d+)*)(?:_|~|\.itf\.json)/.exec(file)?.[1];
      const trace = JSON.parse(readFileSync(join("counterexamples", file), "utf8"));
      expect(balances?.split("-").map(Number), file).toEqual(trace["#meta"].snapcheck.config.balances);
    }
  });
});
