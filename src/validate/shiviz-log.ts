/**
 * Run logs in ShiViz's format (https://bestchai.bitbucket.io/shiviz/), as src/render/shiviz.ts
 * writes them: a regex line, a delimiter line, then per event a line describing it and a line
 * `HOST {vector clock}`. Such a log carries what validation needs when each event line is one
 * run-log event in JSON (the `process` field may be left to the host, `P3` for process 3), and its
 * first event line the run header. Prose event lines (ShiViz's usual) name no message ids and no
 * channel states, so they are refused with that fix. The log's own clocks must be the ones the
 * send/receive pairs give: a clock that disagrees is a bad log.
 */
import { LogError } from "../errors.js";
import type { HappensBefore } from "./happens-before.js";
import type { NumberedLine } from "./parse-log.js";
import type { RunLog } from "./run-log.js";

/** A ShiViz log starts with its parsing regex, which names the event group. */
export function isShivizLog(text: string): boolean {
  return text.slice(0, text.indexOf("\n")).includes("(?<event>");
}

export interface ShivizLines {
  readonly lines: NumberedLine[];
  /** The clock each event line's host line gives, by event line number. */
  readonly clocks: ReadonlyMap<number, Readonly<Record<string, number>>>;
}

/** The JSON events and clocks of a ShiViz log. */
export function shivizLines(text: string, file: string): ShivizLines {
  const raw = text.split("\n");
  const lines: NumberedLine[] = [];
  const clocks = new Map<number, Record<string, number>>();
  // Line 1 is the regex, line 2 the delimiter (empty): events start at line 3.
  for (let i = 2; i < raw.length; i += 2) {
    const eventText = raw[i] ?? "";
    if (eventText.trim() === "") continue;
    const line = i + 1;
    const host = (raw[i + 1] ?? "").match(/^(\S*) (\{.*\})\s*$/);
    if (host === null)
      throw new LogError(
        file,
        line + 1,
        'expected the host and vector clock of the event above, e.g. P0 {"P0":1}',
      );
    let json: unknown;
    let clock: Record<string, number>;
    try {
      json = JSON.parse(eventText);
    } catch {
      throw new LogError(
        file,
        line,
        'a ShiViz event line must be a run-log event in JSON, e.g. {"event":"send","to":1,"id":1,"payload":"T"}: prose lines carry no message ids or channel states (see docs/run-log.md)',
      );
    }
    try {
      clock = JSON.parse(host[2] as string) as Record<string, number>;
    } catch {
      throw new LogError(file, line + 1, `the vector clock ${host[2]} is not JSON, e.g. {"P0":2,"P1":1}`);
    }
    const process = /^P(\d+)$/.exec(host[1] as string);
    const isEvent =
      json !== null && typeof json === "object" && (json as { event?: unknown }).event !== "run";
    if (isEvent && !("process" in (json as object)) && process !== null)
      json = { ...(json as object), process: Number(process[1]) };
    lines.push({ line, json });
    clocks.set(line, clock);
  }
  return { lines, clocks };
}

/** The log's clocks against the rebuilt happens-before: the first that differs is a LogError. */
export function checkClocks(log: RunLog, hb: HappensBefore, clocks: ShivizLines["clocks"]): void {
  log.events.forEach((e, i) => {
    const given = clocks.get(e.line);
    const rebuilt = hb.clocks[i] as Int32Array;
    if (given === undefined) return;
    const differs = Array.from(rebuilt).some((c, p) => (given[`P${p}`] ?? 0) !== c);
    if (differs) {
      const expected = Object.fromEntries(
        Array.from(rebuilt).flatMap((c, p) => (c === 0 ? [] : [[`P${p}`, c]])),
      );
      throw new LogError(
        log.file,
        e.line,
        `the vector clock ${JSON.stringify(given)} is not what the sends and receives give, ${JSON.stringify(expected)}: the clocks and message ids disagree`,
      );
    }
  });
}
