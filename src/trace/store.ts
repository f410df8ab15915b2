/**
 * Writing counterexample files without ever losing one: a file that already holds the same trace
 * is left as it is; a torn or foreign file of that name is kept and reported, and the new trace
 * gets the next free name, BASE~2, BASE~3, … (a `~` cannot be read as one more field of the name,
 * as `-2` would read as one more balance).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Existing, existingFile, writeFileOnce } from "../files/write-once.js";
import { terminalText } from "../render/terminal-text.js";

/** A file found under the name a trace would have had, kept as it was. */
export interface KeptFile {
  readonly path: string;
  /** `torn`: cut short (e.g. a run killed mid-write); `foreign`: other content. */
  readonly why: Exclude<Existing, "absent" | "identical">;
}

export interface StoredFile {
  /** Path of the .itf.json file (its siblings sit beside it). */
  readonly path: string;
  /** `written`, or `unchanged` when an identical file was already there. */
  readonly status: "written" | "unchanged";
  /** Files that held the names tried before `path`, kept as they were. */
  readonly kept: readonly KeptFile[];
}

/**
 * Stores `trace` (JSON text) as DIR/BASE.itf.json and, beside it, one file per entry of
 * `siblings` (extension → its text, given the path finally chosen, so that a rendering can say how
 * to replay it). A name is taken when the trace and every sibling are free or identical, or when the
 * same trace is there already.
 */
export function storeTrace(
  dir: string,
  base: string,
  trace: string,
  siblings: Readonly<Record<string, (path: string) => string>>,
): StoredFile {
  mkdirSync(dir, { recursive: true });
  const kept: KeptFile[] = [];
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}~${n}`;
    const itf = join(dir, `${name}.itf.json`);
    const stored = { path: itf, text: trace, existing: existingFile(itf, trace) };
    const files = [
      stored,
      ...Object.entries(siblings).map(([ext, render]) => {
        const path = join(dir, `${name}${ext}`);
        const text = render(itf);
        return { path, text, existing: existingFile(path, text) };
      }),
    ];
    // An identical trace owns the name: its missing siblings are added, others are its own
    // renderings (by an older snapcheck, or naming the folder otherwise) and stay.
    const owned = stored.existing === "identical";
    if (owned || files.every((f) => f.existing === "absent" || f.existing === "identical")) {
      for (const f of files) if (f.existing === "absent") writeFileOnce(f.path, f.text);
      return { path: itf, status: owned ? "unchanged" : "written", kept };
    }
    for (const f of files)
      if (f.existing === "torn" || f.existing === "foreign") kept.push({ path: f.path, why: f.existing });
  }
}

/** Says on stderr which files were kept under the names tried, so none is passed over silently. */
export function reportKept(stored: StoredFile): void {
  for (const k of stored.kept)
    process.stderr.write(
      terminalText(
        `snapcheck: kept ${k.path} as it was (${k.why === "torn" ? "cut short, perhaps by a run stopped mid-write" : "it holds something else"}); this run is ${stored.path}\n`,
      ),
    );
}
