/**
 * The package as a user installs it: `npm pack`, the tarball installed into an empty folder (from
 * the npm cache, no network), then the installed command and the README's `snapcheck/testing`
 * example run there, outside the repository.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runBounded } from "../support/bounded.js";
import { tutorialBlocks } from "../support/tutorial.js";

const npmPresent = spawnSync("npm", ["--version"], { encoding: "utf8" }).status === 0;
const manifest = JSON.parse(readFileSync("package.json", "utf8")) as {
  version: string;
  devDependencies: Record<string, string>;
};

/** Runs a command with everything it starts, killed after `timeout` ms so that a search that blows up fails instead of hanging. */
function run(cwd: string, command: string, args: readonly string[], timeout = 60_000) {
  return runBounded(command, args, timeout / 1000, { cwd, env: { ...process.env, NODE_OPTIONS: "" } });
}

/** The README's `snapcheck/testing` example, as a user copies it. */
function readmeTestingExample(): string {
  const readme = readFileSync("README.md", "utf8");
  const block = /```ts\n(import fc from "fast-check";[\s\S]*?snapcheck\/testing[\s\S]*?)```/.exec(readme);
  if (block?.[1] === undefined) throw new Error("the README has no snapcheck/testing example");
  return block[1];
}

// npm absent: nothing to pack or install with, so the test is skipped (and says so).
describe.skipIf(!npmPresent)("the installed package (npm pack + npm install in an empty folder)", () => {
  const app = mkdtempSync(join(tmpdir(), "snapcheck-user-"));
  const npx = (...args: string[]) => run(app, "npx", ["--no-install", ...args]);
  const slowNpx = (...args: string[]) => run(app, "npx", ["--no-install", ...args], 300_000);

  beforeAll(() => {
    const packDir = mkdtempSync(join(tmpdir(), "snapcheck-pack-"));
    const pack = run(".", "npm", ["pack", "--pack-destination", packDir, "--silent"], 300_000);
    expect(pack.code, pack.stderr).toBe(0);
    const [tarball] = readdirSync(packDir).filter((f) => f.endsWith(".tgz"));
    expect(tarball).toBeDefined();
    writeFileSync(
      join(app, "package.json"),
      JSON.stringify({ name: "user-project", private: true, type: "module" }),
    );
    const install = run(
      app,
      "npm",
      [
        "install",
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        join(packDir, tarball as string),
        `vitest@${manifest.devDependencies.vitest}`,
        `typescript@${manifest.devDependencies.typescript}`,
        `@types/node@${manifest.devDependencies["@types/node"]}`,
      ],
      300_000,
    );
    expect(install.code, install.stderr).toBe(0);
  }, 600_000);

  it("prints its version", () => {
    const r = npx("snapcheck", "--version");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(`snapcheck ${manifest.version}`);
  });

  it("gets fast-check once, as the user's peer dependency", () => {
    const ls = run(app, "npm", ["ls", "fast-check", "--all", "--parseable"]);
    const copies = ls.stdout.split("\n").filter((line) => line.endsWith("fast-check"));
    expect(copies).toHaveLength(1);
  });

  // The whole command, not a bounded stand-in: the examples take about 12 s on two cores.
  it("checks its own examples from an empty folder: npx snapcheck examples", () => {
    const r = npx("snapcheck", "examples");
    expect(r.code, r.stderr).toBe(0);
    for (const example of readdirSync("examples").filter((f) => f.endsWith(".json")))
      expect(r.stdout).toContain(`| ${example.replace(/\.json$/, "")} |`);
  }, 600_000);

  it("runs a README command: simulate finds the non-FIFO counterexample and writes it here", () => {
    const r = npx("snapcheck", "simulate", "--balances", "1,1,0", "--channels", "nonfifo", "--seed", "42");
    expect(r.code, r.stderr).toBe(1);
    const written = readdirSync(join(app, "counterexamples")).filter((f) => f.endsWith(".itf.json"));
    expect(written).toContain("consistent-cut_bank_chandy-lamport_nonfifo_b1-1-0.itf.json");
    const replay = npx(
      "snapcheck",
      "replay",
      "counterexamples/consistent-cut_bank_chandy-lamport_nonfifo_b1-1-0.itf.json",
    );
    expect(replay.code, replay.stderr).toBe(1);
  }, 120_000);

  it("compiles and passes the README's snapcheck/testing example against the user's own fast-check", () => {
    mkdirSync(join(app, "test"), { recursive: true });
    writeFileSync(join(app, "test", "snapshot.test.ts"), readmeTestingExample());
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "nodenext",
          target: "es2022",
          strict: true,
          noEmit: true,
          skipLibCheck: false,
        },
        include: ["test"],
      }),
    );
    const tsc = npx("tsc", "-p", ".");
    expect(tsc.code, tsc.stdout + tsc.stderr).toBe(0);
    const vitest = slowNpx("vitest", "run", "--testTimeout=300000");
    expect(vitest.code, vitest.stdout + vitest.stderr).toBe(0);
    expect(vitest.stdout).toMatch(/2 passed/);
  }, 600_000);

  // docs/tutorial.md as its reader runs it here: the buggy module caught, the fixed one proved, its vitest test passing.
  it("runs the tutorial: a .ts algorithm module from the installed command, then its snapcheck/testing test", () => {
    const exits: number[] = [];
    for (const block of tutorialBlocks()) {
      const file = /file=(\S+)/.exec(block.info)?.[1];
      if (block.lang === "ts" && file !== undefined) writeFileSync(join(app, file), block.body);
      const command = block.body.trim();
      if (block.lang !== "sh" || !command.startsWith("npx snapcheck explore")) continue;
      const r = npx(
        ...command.replace(/^npx /, "").split(/\s+/),
        "--out",
        join(app, "tutorial-counterexamples"),
      );
      expect(r.code, r.stdout + r.stderr).toBe(Number(/exit=(\d+)/.exec(block.info)?.[1] ?? 0));
      exits.push(r.code as number);
    }
    expect(exits).toEqual([1, 0]);
    const vitest = slowNpx("vitest", "run", "mine.test.ts", "--testTimeout=300000");
    expect(vitest.code, vitest.stdout + vitest.stderr).toBe(0);
    expect(vitest.stdout).toMatch(/1 passed/);
  }, 600_000);
});
