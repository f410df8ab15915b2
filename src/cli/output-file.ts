/** Writing a command's output file without ever replacing a different one. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { ConfigError } from "../errors.js";

/**
 * Writes `text` to `path` unless the file holds it already (`unchanged`); a file with other
 * content is kept, and the ConfigError names `flag` and the fix.
 */
export function writeNewFile(path: string, text: string, flag: string): "written" | "unchanged" {
  if (existsSync(path)) {
    if (readFileSync(path, "utf8") === text) return "unchanged";
    throw new ConfigError(
      flag,
      `${path} exists already with other content; choose another file name or remove it`,
    );
  }
  try {
    writeFileSync(path, text, { flag: "wx" });
  } catch (e) {
    throw new ConfigError(flag, `cannot write ${path} (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  return "written";
}
