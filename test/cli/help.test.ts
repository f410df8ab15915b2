/**
 * `--help` on every command, printed from the table its parser reads: every flag the parser takes
 * is listed with its description, and every flag listed is one the parser takes. An unknown flag
 * gets the closest known one, or the list of flags when none is close.
 */
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/cli.js";
import { runInProcess } from "../support/run-cli.js";

const names = Object.keys(COMMANDS);

/** The flags a help text lists: the first word of each indented line that starts with --. */
const listed = (help: string) => [...help.matchAll(/^ {2}--([\w-]+)/gm)].map((m) => m[1] as string);

describe("--help", () => {
  it.each(names)(
    "%s --help exits 0 and lists every flag of its parser's table, with a description",
    async (name) => {
      const r = await runInProcess(name, "--help");
      expect(r.code, r.stderr).toBe(0);
      const flags = Object.keys(COMMANDS[name]?.flags ?? {});
      expect(listed(r.stdout).sort()).toEqual([...flags, "help"].sort());
      for (const [flag, decl] of Object.entries(COMMANDS[name]?.flags ?? {})) {
        expect(r.stdout).toContain(decl.description);
        if (decl.default !== undefined) expect(r.stdout).toMatch(new RegExp(`--${flag}.*\\(default `));
      }
      expect((await runInProcess("help", name)).stdout).toBe(r.stdout);
    },
  );

  // The parser reads the same table: each listed flag is accepted, so the error is the unknown one after it.
  it.each(names)("%s accepts every flag its help lists", async (name) => {
    const help = (await runInProcess(name, "--help")).stdout;
    for (const flag of listed(help).filter((f) => f !== "help")) {
      const value = COMMANDS[name]?.flags[flag]?.type === "string" ? ["x"] : [];
      const r = await runInProcess(name, `--${flag}`, ...value, "--zzzzzzzz");
      expect(r.code).toBe(2);
      expect(r.stderr, `${name} --${flag}`).toContain(`unknown flag --zzzzzzzz for ${name}`);
    }
  });

  it("snapcheck --help lists every command and exits 0", async () => {
    const r = await runInProcess("--help");
    expect(r.code).toBe(0);
    for (const name of names) expect(r.stdout).toContain(`snapcheck ${name}`);
  });
});

describe("unknown flags", () => {
  it.each([
    ["explore", "--balance", "--balances"],
    ["explore", "--max-state", "--max-states"],
    ["explore", "--Processes", "--processes"],
    ["simulate", "--seeds", "--seed"],
    ["report", "--ot", "--out"],
  ])("%s %s: did you mean %s?", async (command, typo, meant) => {
    const r = await runInProcess(command, typo, "1");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`snapcheck: unknown flag ${typo} for ${command} (did you mean ${meant}?)\n`);
  });

  it("a flag close to none gets one clear line with the flags", async () => {
    const r = await runInProcess("replay", "--frobnicate");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "snapcheck: unknown flag --frobnicate for replay; its flags are --json (see snapcheck replay --help)\n",
    );
    const list = await runInProcess("list", "--all");
    expect(list.stderr).toBe(
      "snapcheck: unknown flag --all for list; it takes no flags (see snapcheck list --help)\n",
    );
  });

  it("help for an unknown command is an error", async () => {
    const r = await runInProcess("help", "fly");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "fly"');
  });
});
