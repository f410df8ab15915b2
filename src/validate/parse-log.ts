/**
 * Reading a run log: JSON Lines, each line checked against the schema (run-log.schema.json, by
 * Ajv) and then against the header — processes that exist, links that exist. Every failure is a
 * LogError naming the line and the fix. Matching sends to receives is `match-messages.ts`'s job.
 */
import { Ajv, type ErrorObject } from "ajv";
import { LogError } from "../errors.js";
import { Topology } from "../model/topology.js";
import type { LoggedEvent, LoggedState, RunLog } from "./run-log.js";
import schema from "./run-log.schema.json" with { type: "json" };

const ajv = new Ajv({ discriminator: true, strict: true, allowUnionTypes: true });
const validateLine = ajv.compile(schema);

const KINDS = schema.oneOf.map((branch) => branch.properties.event.const);

/** One line of the log, numbered, with its JSON already parsed. */
export interface NumberedLine {
  readonly line: number;
  readonly json: unknown;
}

/** The JSON of each non-blank line, numbered from 1; a line that is not JSON is a LogError. */
export function jsonLines(text: string, file: string): NumberedLine[] {
  const lines: NumberedLine[] = [];
  text.split("\n").forEach((raw, i) => {
    if (raw.trim() === "") return;
    try {
      lines.push({ line: i + 1, json: JSON.parse(raw) });
    } catch (e) {
      throw new LogError(
        file,
        i + 1,
        `not JSON (${(e as Error).message}): write one JSON object per line, e.g. {"event":"send","process":0,"to":1,"id":1,"payload":"T"}`,
      );
    }
  });
  return lines;
}

/** Parses a JSON Lines run log: the header first, then the events. */
export function parseRunLog(text: string, file: string): RunLog {
  return runLogOf(jsonLines(text, file), file);
}

/** The run log of already numbered JSON lines (shared with the ShiViz reader). */
export function runLogOf(lines: readonly NumberedLine[], file: string): RunLog {
  const [first, ...rest] = lines;
  if (first === undefined)
    throw new LogError(
      file,
      1,
      'the log is empty: start with a header such as {"event":"run","processes":2}',
    );
  const header = checked(first, file);
  if (header.event !== "run")
    throw new LogError(
      file,
      first.line,
      `the first line must be the run header, e.g. {"event":"run","processes":2}, not a "${String(header.event)}" event`,
    );
  const processes = header.processes as number;
  const links = linksOf(header, processes, file, first.line);
  const initial = header.initial as LoggedState[] | undefined;
  if (initial !== undefined && initial.length !== processes)
    throw new LogError(
      file,
      first.line,
      `"initial" has ${initial.length} states for ${processes} processes: give one state per process`,
    );
  const linkSet = new Set(links.map(([f, t]) => `${f},${t}`));
  const events = rest.map((l) => eventOf(checked(l, file), l.line, processes, linkSet, file));
  return {
    file,
    headerLine: first.line,
    processes,
    topology: new Topology(
      processes,
      links.map(([from, to]) => ({ from, to })),
    ),
    ordered: header.channels !== "nonfifo",
    workload: header.workload as string | undefined,
    initial,
    events,
  };
}

/** The line's object once the schema accepts it. */
function checked(l: NumberedLine, file: string): Record<string, unknown> {
  if (!validateLine(l.json)) throw new LogError(file, l.line, explain(validateLine.errors ?? [], l.json));
  return l.json as Record<string, unknown>;
}

/** Ajv's first error as one sentence with the fix. */
function explain(errors: readonly ErrorObject[], json: unknown): string {
  const [e] = errors;
  const kind = (json as { event?: unknown } | null)?.event;
  const what = typeof kind === "string" ? `a "${kind}" event` : "the line";
  if (e === undefined) return `${what} does not fit the run-log schema (see docs/run-log.md)`;
  if (e.keyword === "discriminator")
    return `"event" must be one of ${KINDS.map((k) => `"${k}"`).join(", ")} (see docs/run-log.md), got ${JSON.stringify(kind)}`;
  if (e.keyword === "required") {
    const missing = (e.params as { missingProperty: string }).missingProperty;
    return `${what} needs "${missing}"${fieldHint(missing)} (see docs/run-log.md)`;
  }
  if (e.keyword === "additionalProperties") {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    return `${what} has an unknown field "${extra}": remove it or correct its name (see docs/run-log.md)`;
  }
  const field = e.instancePath === "" ? what : `"${e.instancePath.slice(1).replaceAll("/", ".")}"`;
  return `${field} ${e.message ?? "is wrong"}${fieldHint(e.instancePath.split("/")[1] ?? "")} (see docs/run-log.md)`;
}

const HINTS: Record<string, string> = {
  event: ": the kind of event, e.g. send",
  process: ": the id of the process that did it",
  processes: ": the number of processes",
  to: ": the receiving process's id",
  from: ": the sending process's id",
  id: ": the message's id, the same at its send and its receive",
  payload: ': the application message, e.g. "T"',
  state: ': the recorded application state, e.g. {"balance": 2}',
  messages: ": the ids of the messages recorded on the channel, e.g. [4, 7]",
  snapshot: ": which snapshot, a non-negative integer",
};

function fieldHint(field: string): string {
  return HINTS[field] ?? "";
}

function linksOf(
  header: Record<string, unknown>,
  processes: number,
  file: string,
  line: number,
): (readonly [number, number])[] {
  const given = header.links as [number, number][] | undefined;
  if (given === undefined) {
    return Array.from({ length: processes }, (_, f) =>
      Array.from({ length: processes }, (_, t) => [f, t] as const),
    )
      .flat()
      .filter(([f, t]) => f !== t);
  }
  for (const [f, t] of given) {
    const outside = [f, t].find((p) => p >= processes);
    if (outside !== undefined)
      throw new LogError(
        file,
        line,
        `link [${f}, ${t}] names P${outside}, but the processes are P0…P${processes - 1}`,
      );
    if (f === t) throw new LogError(file, line, `link [${f}, ${t}] joins P${f} to itself: remove it`);
  }
  return given.map(([f, t]) => [f, t] as const);
}

function eventOf(
  o: Record<string, unknown>,
  line: number,
  processes: number,
  links: ReadonlySet<string>,
  file: string,
): LoggedEvent {
  const known = (p: number, role: string) => {
    if (p >= processes)
      throw new LogError(
        file,
        line,
        `unknown process ${p} (${role}): the header declares P0…P${processes - 1}; raise "processes" or correct the id`,
      );
    return p;
  };
  const process = known(o.process as number, "process");
  const link = (from: number, to: number) => {
    if (!links.has(`${from},${to}`))
      throw new LogError(
        file,
        line,
        `there is no channel c(${from},${to}) in the header's links: add [${from}, ${to}]`,
      );
  };
  const snapshot = (o.snapshot as number | undefined) ?? 0;
  switch (o.event) {
    case "send": {
      const to = known(o.to as number, "to");
      link(process, to);
      return { kind: "send", line, process, to, id: String(o.id), payload: o.payload as string };
    }
    case "receive": {
      const from = known(o.from as number, "from");
      link(from, process);
      return {
        kind: "receive",
        line,
        process,
        from,
        id: String(o.id),
        payload: o.payload as string | undefined,
      };
    }
    case "record":
      return { kind: "record", line, process, snapshot, state: o.state as LoggedState };
    case "marker-send": {
      const to = known(o.to as number, "to");
      link(process, to);
      return { kind: "marker-send", line, process, to, snapshot };
    }
    case "marker-receive": {
      const from = known(o.from as number, "from");
      link(from, process);
      return { kind: "marker-receive", line, process, from, snapshot };
    }
    case "channel-recorded": {
      const from = known(o.from as number, "from");
      link(from, process);
      const messages = (o.messages as (string | number)[]).map(String);
      return { kind: "channel-recorded", line, process, from, snapshot, messages };
    }
    default:
      throw new LogError(
        file,
        line,
        `only the first line may be the run header; this "${String(o.event)}" line is not an event`,
      );
  }
}
