/**
 * Command-line parsing on node:util's parseArgs, from one table of flags per command: the parser
 * reads it, and `--help` prints it (flag, value, default, one line each), so the two cannot drift.
 * Errors name the flag and the fix; an unknown flag gets the closest known one.
 */
import { parseArgs } from "node:util";
import { UsageError } from "../errors.js";

export interface FlagDecl {
  readonly type: "string" | "boolean";
  /** The value's placeholder in help, e.g. N, FILE, LIST. */
  readonly value?: string;
  /** One line: what the flag does. */
  readonly description: string;
  /** What applies when the flag is left out, for help. */
  readonly default?: string;
}

export type FlagTable = Readonly<Record<string, FlagDecl>>;

/** The value of each flag given: a string, or `true` for a boolean flag. */
export type FlagValues<T extends FlagTable> = {
  [K in keyof T]?: T[K]["type"] extends "boolean" ? boolean : string;
};

export function parseFlags<const T extends FlagTable>(
  argv: readonly string[],
  table: T,
  command: string,
): { values: FlagValues<T>; positionals: string[] } {
  const options = Object.fromEntries(Object.entries(table).map(([name, d]) => [name, { type: d.type }]));
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as FlagValues<T>, positionals };
  } catch (e) {
    const text = (e as Error).message;
    const unknown = /^Unknown option '([^']*)'/.exec(text)?.[1];
    if (unknown !== undefined) throw new UsageError(unknownFlag(unknown, Object.keys(table), command));
    const message = text.replace(/\. To specify a positional argument.*$/s, "").replace(/\s*\n\s*/g, " ");
    throw new UsageError(`${command}: ${message} (see snapcheck ${command} --help)`);
  }
}

/** `unknown flag --balance for explore (did you mean --balances?)`, or the list of flags when none is close. */
function unknownFlag(flag: string, known: readonly string[], command: string): string {
  const name = flag.replace(/^-+/, "").replace(/=.*$/, "").toLowerCase();
  const scored = known.map((k) => ({ k, d: editDistance(name, k) })).sort((a, b) => a.d - b.d);
  const best = scored[0];
  // Close: a typo or two, never more than a third of the word.
  if (best !== undefined && best.d <= Math.min(2, Math.max(1, Math.floor(name.length / 3))))
    return `unknown flag ${flag} for ${command} (did you mean --${best.k}?)`;
  const list =
    known.length === 0 ? "it takes no flags" : `its flags are ${known.map((k) => `--${k}`).join(" ")}`;
  return `unknown flag ${flag} for ${command}; ${list} (see snapcheck ${command} --help)`;
}

/** Levenshtein distance: insertions, deletions and substitutions of one character. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min(substitution, (previous[j] as number) + 1, (row[j - 1] as number) + 1));
    }
    previous = row;
  }
  return previous[b.length] as number;
}

/** The help of a command: its synopsis, a summary, then each flag with its value, default and description. */
export function flagsHelp(table: FlagTable): string {
  const rows = Object.entries(table).map(([name, d]) => [
    `--${name}${d.value === undefined ? "" : ` ${d.value}`}`,
    `${d.description}${d.default === undefined ? "" : ` (default ${d.default})`}`,
  ]);
  rows.push(["--help", "print this help"]);
  const width = Math.max(...rows.map(([flag]) => (flag as string).length));
  return rows.map(([flag, text]) => `  ${(flag as string).padEnd(width)}  ${text}`).join("\n");
}

/** The flags `names` of `table`, declared once and shared by several commands. */
export function pickFlags<T extends FlagTable, const K extends keyof T>(
  table: T,
  names: readonly K[],
): Pick<T, K> {
  return Object.fromEntries(names.map((n) => [n, table[n]])) as Pick<T, K>;
}
