/**
 * The tutorial runs as written: its files (```ts file=NAME) are written into an empty folder in
 * order, its commands (```sh) run there, in-process, and each output it shows (```text) is found
 * in the output of the command before it, with the exit code it states (exit=N, else 0). The
 * install and vitest steps (```sh package) need the installed package: test/package runs them.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { runInProcess } from "../support/run-cli.js";
import { tutorialBlocks } from "../support/tutorial.js";

const folder = mkdtempSync(join(tmpdir(), "snapcheck-tutorial-"));
const home = process.cwd();
afterAll(() => process.chdir(home));

it("the tutorial's files and commands give the outputs it shows", async () => {
  const blocks = tutorialBlocks();
  let last: { stdout: string; command: string } | undefined;
  let commands = 0;
  for (const block of blocks) {
    const file = /file=(\S+)/.exec(block.info)?.[1];
    if (block.lang === "ts" && file !== undefined) writeFileSync(join(folder, file), block.body);
    else if (block.lang === "sh" && !block.info.includes("package")) {
      const command = block.body.trim();
      expect(command).toMatch(/^npx snapcheck /);
      const args = command.replace(/^npx snapcheck /, "").split(/\s+/);
      process.chdir(folder);
      const r = await runInProcess(...args).finally(() => process.chdir(home));
      expect(r.code, `${command}\n${r.stderr}`).toBe(Number(/exit=(\d+)/.exec(block.info)?.[1] ?? 0));
      last = { stdout: r.stdout, command };
      commands++;
    } else if (block.lang === "text" && last !== undefined) {
      for (const line of block.body.split("\n").filter((l) => l.trim() !== ""))
        expect(last.stdout, last.command).toContain(line);
      last = undefined;
    }
  }
  expect(commands).toBe(4);
});
