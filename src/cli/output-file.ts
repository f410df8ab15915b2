/** Writing a command's output file without ever replacing a different one. */
import { ConfigError } from "../errors.js";
import { existingFile, writeFileOnce } from "../files/write-once.js";

/**
 * Writes `text` to `path` unless the file holds it already (`unchanged`); a file with other
 * content, or cut short, is kept, and the ConfigError names `flag` and the fix.
 */
export function writeNewFile(path: string, text: string, flag: string): "written" | "unchanged" {
  const existing = existingFile(path, text);
  if (existing === "identical") return "unchanged";
  if (existing !== "absent") {
    const what = existing === "torn" ? "a cut-short copy of this output" : "other content";
    throw new ConfigError(flag, `${path} exists already with ${what}; choose another file name or remove it`);
  }
  try {
    writeFileOnce(path, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST")
      throw new ConfigError(flag, `${path} appeared while it was being written; choose another file name`);
    throw new ConfigError(flag, `cannot write ${path} (${code ?? "error"})`);
  }
  return "written";
}
