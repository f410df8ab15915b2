/**
 * Every TypeScript block of the README and of docs/*.md compiles: the blocks are written to a
 * folder inside the repository (so `snapcheck` and `snapcheck/testing` resolve through
 * tsconfig.json's `paths` to src/), type-checked in one program, and each error is named by its
 * document and line. Blocks whose info string says `run` (```ts run) are also run and must exit 0.
 * A `file=NAME` in the info string gives the block's file name, so that a document's blocks can
 * import each other.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { runBounded } from "../support/bounded.js";

interface Block {
  readonly doc: string;
  /** The line of the block's first line of code in its document (1-based). */
  readonly line: number;
  readonly file: string;
  readonly run: boolean;
  readonly code: string;
}

const ROOT = resolve(".");
const OUT = join(ROOT, "test-artifacts", "code-blocks");
const DOCS = [
  "README.md",
  ...readdirSync("docs")
    .filter((f) => f.endsWith(".md"))
    .map((f) => join("docs", f)),
];

/** The ```ts blocks of one document. */
function blocksOf(doc: string): Block[] {
  const lines = readFileSync(doc, "utf8").split("\n");
  const dir = join(OUT, doc.replace(/[/.]/g, "_"));
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(ts|typescript)(\s.*)?$/.exec(lines[i] as string);
    if (open === null) continue;
    const info = (open[2] ?? "").trim().split(/\s+/);
    const end = lines.findIndex((l, j) => j > i && l.startsWith("```"));
    const named = info.find((w) => w.startsWith("file="))?.slice("file=".length);
    blocks.push({
      doc,
      line: i + 2,
      file: join(dir, named ?? `block-${i + 2}.ts`),
      run: info.includes("run"),
      code: lines.slice(i + 1, end).join("\n"),
    });
    i = end;
  }
  return blocks;
}

const blocks = DOCS.flatMap(blocksOf);
rmSync(OUT, { recursive: true, force: true });
for (const block of blocks) {
  mkdirSync(join(block.file, ".."), { recursive: true });
  writeFileSync(block.file, `${block.code}\n`);
}
const tsconfig = join(OUT, "tsconfig.json");
writeFileSync(
  tsconfig,
  JSON.stringify({
    extends: "../../tsconfig.json",
    // A snippet may declare what it shows without using it; each block is a module of its own; a
    // user's files import each other as tsx runs them, by their .ts names.
    compilerOptions: {
      noUnusedLocals: false,
      noUnusedParameters: false,
      moduleDetection: "force",
      allowImportingTsExtensions: true,
      noEmit: true,
    },
    include: ["."],
  }),
);

describe("the documentation's TypeScript blocks", () => {
  it("finds blocks in the README and in docs/", () => {
    expect(blocks.some((b) => b.doc === "README.md")).toBe(true);
    expect(blocks.some((b) => b.doc.startsWith("docs"))).toBe(true);
  });

  it("every block compiles (errors named by document and line)", () => {
    const parsed = ts.getParsedCommandLineOfConfigFile(
      tsconfig,
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
        },
      },
    );
    if (parsed === undefined) throw new Error(`cannot read ${tsconfig}`);
    const program = ts.createProgram(parsed.fileNames, parsed.options);
    const errors = ts.getPreEmitDiagnostics(program).map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
      const block = blocks.find((b) => resolve(b.file) === resolve(d.file?.fileName ?? ""));
      if (block === undefined || d.file === undefined || d.start === undefined) return message;
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      return `${block.doc}:${block.line + line}: ${message}`;
    });
    expect(errors).toEqual([]);
  }, 120_000);

  const runnable = blocks.filter((b) => b.run);
  it.each(runnable.map((b) => ({ name: `${b.doc}:${b.line}`, block: b })))(
    "$name runs and exits 0",
    ({ block }) => {
      // Killed after a minute: a search that blows up fails the test instead of hanging the suite.
      const r = runBounded("npx", ["tsx", "--tsconfig", tsconfig, block.file], 60);
      expect(r.code, r.stderr).toBe(0);
    },
    120_000,
  );
});
