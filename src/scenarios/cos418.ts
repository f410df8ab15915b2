/**
 * Princeton COS 418's Chandy–Lamport assignment formats, which many students know, read into a
 * snapcheck scripted scenario:
 * - a topology file: the first line N; then N lines `id tokens`; then `src dst` lines, one per
 *   directed link;
 * - an events file: `send SRC DST n`, `snapshot P` (P starts instance 0, 1, 2, … in file order),
 *   `tick [k]`.
 * `#` starts a comment in both. Process ids keep their names (e.g. N1) for output; inside, the
 * processes are P0…P(N−1) in the topology file's order.
 */
import { ConfigError } from "../errors.js";

export interface ImportedScenario {
  /** Each process's id as the files name it, by process number. */
  readonly names: readonly string[];
  /** The config fields the files describe. */
  readonly config: {
    readonly processes: number;
    readonly topology: readonly (readonly [number, number])[];
    readonly balances: readonly number[];
    readonly script: readonly string[];
  };
}

interface Line {
  readonly number: number;
  readonly words: readonly string[];
}

/** The non-blank lines of `text`, comments removed, split into words. */
function linesOf(text: string): Line[] {
  return text.split(/\r?\n/).flatMap((raw, i) => {
    const words = (raw.split("#")[0] ?? "")
      .trim()
      .split(/\s+/)
      .filter((w) => w !== "");
    return words.length === 0 ? [] : [{ number: i + 1, words }];
  });
}

const COUNT = /^\d+$/;

/** Reads a topology file and an events file (their texts, and their paths for messages). */
export function readCos418(
  topology: { readonly text: string; readonly path: string },
  events: { readonly text: string; readonly path: string },
): ImportedScenario {
  const fail = (file: typeof topology, line: Line | undefined, what: string) =>
    new ConfigError(
      file === topology ? "--topology" : "--events",
      `${file.path}${line === undefined ? "" : `:${line.number}`}: ${what}`,
    );
  const [header, ...rest] = linesOf(topology.text);
  const n =
    header?.words.length === 1 && COUNT.test(header.words[0] ?? "") ? Number(header.words[0]) : Number.NaN;
  if (!(n >= 2 && n <= 12))
    throw fail(topology, header, "the first line must be the number of processes, 2 to 12");
  const declared = rest.slice(0, n);
  if (declared.length < n)
    throw fail(topology, undefined, `expected ${n} lines "id tokens" after the first line`);
  const names: string[] = [];
  const balances: number[] = [];
  for (const line of declared) {
    const [id, tokens] = line.words;
    if (line.words.length !== 2 || id === undefined || !COUNT.test(tokens ?? ""))
      throw fail(topology, line, `expected "id tokens" (e.g. "N1 10"), got "${line.words.join(" ")}"`);
    if (names.includes(id)) throw fail(topology, line, `process ${id} is declared twice`);
    names.push(id);
    balances.push(Number(tokens));
  }
  const process = (file: typeof topology, line: Line, id: string | undefined): number => {
    const p = names.indexOf(id ?? "");
    if (p < 0) throw fail(file, line, `unknown process "${id}"; the processes are ${names.join(", ")}`);
    return p;
  };
  const links = rest.slice(n).map((line): [number, number] => {
    if (line.words.length !== 2)
      throw fail(topology, line, `expected a link "src dst", got "${line.words.join(" ")}"`);
    const link: [number, number] = [
      process(topology, line, line.words[0]),
      process(topology, line, line.words[1]),
    ];
    if (link[0] === link[1]) throw fail(topology, line, "a link joins two different processes");
    return link;
  });
  if (links.length === 0)
    throw fail(topology, undefined, 'no links: add "src dst" lines after the processes');
  const script = linesOf(events.text).map((line) => {
    const [verb, ...args] = line.words;
    if (verb === "send" && args.length === 3 && COUNT.test(args[2] ?? "")) {
      return `send ${process(events, line, args[0])} ${process(events, line, args[1])} ${args[2]}`;
    }
    if (verb === "snapshot" && args.length === 1) return `snapshot ${process(events, line, args[0])}`;
    if (verb === "tick" && (args.length === 0 || (args.length === 1 && COUNT.test(args[0] ?? ""))))
      return "tick";
    throw fail(
      events,
      line,
      `expected "send SRC DST n", "snapshot P" or "tick [k]", got "${line.words.join(" ")}"`,
    );
  });
  return { names, config: { processes: n, topology: links, balances, script } };
}
