/** Command-line parsing on node:util's parseArgs, with errors that name the flag and the fix. */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "../errors.js";

type FlagSpec = NonNullable<ParseArgsConfig["options"]>;

/** The value of each flag given: a string, or `true` for a boolean flag. */
export type FlagValues<T extends FlagSpec> = {
  [K in keyof T]?: T[K]["type"] extends "boolean" ? boolean : string;
};

export function parseFlags<const T extends FlagSpec>(
  argv: readonly string[],
  spec: T,
  command: string,
): { values: FlagValues<T>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: spec,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as FlagValues<T>, positionals };
  } catch (e) {
    const message = (e as Error).message
      .replace(/\. To specify a positional argument.*$/s, "")
      .replace(/\s*\n\s*/g, " ");
    const known = Object.keys(spec)
      .map((f) => `--${f}`)
      .join(" ");
    throw new UsageError(`${command}: ${message}; the flags are ${known} (see snapcheck --help)`);
  }
}
