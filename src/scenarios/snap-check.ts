/**
 * Checking a COS 418 `.snap` file against a scenario: is the snapshot it holds one the algorithm
 * can record there? The file is read as snap-format.ts writes it (the instance id; `id tokens` per
 * process; `src dst token(n)` per recorded message, in the order received) and compared with every
 * snapshot the search found for that instance. When none equals it, the closest one — fewest
 * tokens and messages apart — is named with what differs, so a student sees what their
 * implementation recorded wrongly.
 */

import type { RecordedSnapshot } from "../engine/recorded-snapshots.js";
import { ConfigError } from "../errors.js";
import type { Topology } from "../model/topology.js";
import { seq } from "../render/text.js";
import { amountOf, held } from "../workloads/tokens.js";

export interface SnapFile {
  readonly instance: number;
  /** Tokens per process, by process number. */
  readonly tokens: readonly number[];
  /** Per channel (topology index), the recorded amounts in the order received. */
  readonly channels: readonly (readonly number[])[];
}

/** Reads a `.snap` file's text; a ConfigError names `--check`, the line and the fix. */
export function parseSnap(
  text: string,
  file: string,
  topology: Topology,
  names: readonly string[],
): SnapFile {
  const lines = text
    .split(/\r?\n/)
    .map((raw, i) => ({ line: i + 1, words: (raw.split("#")[0] ?? "").trim().split(/\s+/).filter(Boolean) }))
    .filter((l) => l.words.length > 0);
  const fail = (line: number, message: string) => new ConfigError("--check", `${file}:${line}: ${message}`);
  const nameOf = (p: number) => names[p] ?? `P${p}`;
  const processOf = (word: string, line: number) => {
    const p = names.includes(word) ? names.indexOf(word) : /^P\d+$/.test(word) ? Number(word.slice(1)) : -1;
    if (p < 0 || p >= topology.processes)
      throw fail(
        line,
        `unknown process "${word}": the scenario's processes are ${Array.from({ length: topology.processes }, (_, q) => nameOf(q)).join(", ")}`,
      );
    return p;
  };
  const [first, ...rest] = lines;
  if (first === undefined || first.words.length !== 1 || !/^\d+$/.test(first.words[0] as string))
    throw fail(first?.line ?? 1, "the first line must be the snapshot's instance id, e.g. 0");
  const tokens: (number | undefined)[] = Array.from({ length: topology.processes }, () => undefined);
  const channels: number[][] = topology.channels.map(() => []);
  for (const { line, words } of rest) {
    if (words.length === 2) {
      const p = processOf(words[0] as string, line);
      if (!/^\d+$/.test(words[1] as string))
        throw fail(line, `expected "${nameOf(p)} TOKENS" with a whole number`);
      if (tokens[p] !== undefined) throw fail(line, `${nameOf(p)}'s tokens are given twice`);
      tokens[p] = Number(words[1]);
      continue;
    }
    const amount = /^token\((\d+)\)$/.exec(words[2] ?? "");
    if (words.length !== 3 || amount === null) throw fail(line, 'expected "ID TOKENS" or "SRC DST token(n)"');
    const from = processOf(words[0] as string, line);
    const to = processOf(words[1] as string, line);
    const c = topology.channelIndex(from, to);
    if (c === undefined) throw fail(line, `the scenario has no link ${nameOf(from)} → ${nameOf(to)}`);
    channels[c]?.push(Number(amount[1]));
  }
  const missing = tokens.indexOf(undefined);
  if (missing >= 0)
    throw fail(
      lines[lines.length - 1]?.line ?? 1,
      `${nameOf(missing)}'s tokens are missing: add "${nameOf(missing)} TOKENS"`,
    );
  return { instance: Number(first.words[0]), tokens: tokens as number[], channels };
}

export interface SnapVerdict {
  /** The recordable snapshot equal to the file's, or the closest (undefined: the instance recorded none). */
  readonly nearest: RecordedSnapshot | undefined;
  readonly recordable: boolean;
  /** What differs from the nearest, one phrase each (empty when recordable). */
  readonly differences: readonly string[];
}

export function checkSnap(
  snap: SnapFile,
  recorded: readonly RecordedSnapshot[],
  topology: Topology,
  names: readonly string[],
): SnapVerdict {
  const nameOf = (p: number) => names[p] ?? `P${p}`;
  const candidates = recorded.filter((s) => s.instance === snap.instance);
  const scored = candidates.map((s) => ({ s, d: distance(snap, s) }));
  scored.sort((a, b) => a.d - b.d);
  const nearest = scored[0]?.s;
  if (nearest === undefined) return { nearest, recordable: false, differences: [] };
  const differences = [
    ...snap.tokens.flatMap((t, p) => {
      const theirs = held(nearest.processes[p] ?? []);
      return t === theirs ? [] : [`${nameOf(p)} holds ${t} here, ${theirs} there`];
    }),
    ...topology.channels.flatMap((c, i) => {
      const mine = snap.channels[i] ?? [];
      const theirs = (nearest.channels[i] ?? []).map(amountOf);
      const show = (xs: readonly number[]) => seq(xs.map((x) => `token(${x})`));
      return mine.join() === theirs.join()
        ? []
        : [`${nameOf(c.from)}→${nameOf(c.to)} records ${show(mine)} here, ${show(theirs)} there`];
    }),
  ];
  return { nearest, recordable: differences.length === 0, differences };
}

/** Tokens apart on processes, plus messages apart on channels (a reordering counts one). */
function distance(snap: SnapFile, s: RecordedSnapshot): number {
  let d = 0;
  snap.tokens.forEach((t, p) => {
    d += Math.abs(t - held(s.processes[p] ?? []));
  });
  snap.channels.forEach((mine, c) => {
    const theirs = (s.channels[c] ?? []).map(amountOf);
    const left = [...theirs];
    let unmatched = 0;
    for (const m of mine) {
      const k = left.indexOf(m);
      if (k < 0) unmatched += 1;
      else left.splice(k, 1);
    }
    d += unmatched + left.length;
    if (unmatched + left.length === 0 && mine.join() !== theirs.join()) d += 1;
  });
  return d;
}
