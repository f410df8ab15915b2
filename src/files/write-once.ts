/**
 * Writing a file so that a reader never sees half of it and nothing already there is replaced: the
 * text goes to a temporary name in the same folder and is then linked (or, where the file system
 * has no hard links, renamed) to its final name only if that name is still free. A kill mid-write
 * leaves at most a hidden `.NAME.….tmp` beside, never a torn NAME.
 */
import { existsSync, linkSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** What a file of that name holds compared with the text to write. */
export type Existing =
  | "absent"
  | "identical"
  /** Cut short: not valid JSON where JSON is expected, or the start of the text to write. */
  | "torn"
  /** Some other complete content: the user's or another run's. */
  | "foreign";

/** Compares the file at `path` with `text`; JSON files (`.json`) as data, other files line by line. */
export function existingFile(path: string, text: string): Existing {
  if (!existsSync(path)) return "absent";
  const found = readFileSync(path, "utf8");
  if (path.endsWith(".json")) {
    const data = parsedJson(found);
    if (data === undefined) return "torn";
    return canonicalJson(data) === canonicalJson(JSON.parse(text)) ? "identical" : "foreign";
  }
  const mine = unixLines(text);
  const theirs = unixLines(found);
  if (theirs === mine) return "identical";
  return mine.startsWith(theirs) ? "torn" : "foreign";
}

/**
 * Writes `text` to `path` through a temporary file; throws an EEXIST error if `path` exists (it is
 * left as it was).
 */
export function writeFileOnce(path: string, text: string): void {
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`,
  );
  writeFileSync(temporary, text, { flag: "wx" });
  try {
    linkSync(temporary, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST" || existsSync(path)) throw alreadyThere(path);
    // No hard links here (some network and FAT file systems): a rename, after the check above.
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS") throw e;
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}

function alreadyThere(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${path} exists already`), { code: "EEXIST" });
}

function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** JSON text with object keys sorted, so that the same data reads the same however it was laid out. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function unixLines(text: string): string {
  return text.replace(/\r\n/g, "\n");
}
