/**
 * Writing counterexample files without ever losing one: a file that already holds the same trace
 * is left as it is; a file with other content is kept, and the new trace gets the next free name.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface StoredFile {
  /** Path of the .itf.json file (the text rendering sits beside it as .txt). */
  readonly path: string;
  /** `written`, or `unchanged` when an identical file was already there. */
  readonly status: "written" | "unchanged";
}

/**
 * Stores `trace` (JSON text) as DIR/BASE.itf.json and its rendering as DIR/BASE.txt; `text` is
 * given the path finally chosen, so the rendering can say how to replay it.
 */
export function storeTrace(
  dir: string,
  base: string,
  trace: string,
  text: (path: string) => string,
): StoredFile {
  mkdirSync(dir, { recursive: true });
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    const itf = join(dir, `${name}.itf.json`);
    const txt = join(dir, `${name}.txt`);
    const existing = existsSync(itf) ? readFileSync(itf, "utf8") : undefined;
    if (existing === trace) {
      if (!existsSync(txt)) writeFileSync(txt, text(itf), { flag: "wx" });
      return { path: itf, status: "unchanged" };
    }
    if (existing === undefined && !existsSync(txt)) {
      writeFileSync(itf, trace, { flag: "wx" });
      writeFileSync(txt, text(itf), { flag: "wx" });
      return { path: itf, status: "written" };
    }
  }
}
