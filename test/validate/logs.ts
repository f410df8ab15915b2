/**
 * Crafted run logs: one correct Chandy–Lamport run of the bank on three processes, and the same
 * run with each kind of implementation bug put in by hand, plus a non-FIFO run whose marker is
 * overtaken. Each log is a list of events; `text` writes it as JSON Lines (header first).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";

export type Line = Record<string, unknown>;

export const header3: Line = {
  event: "run",
  processes: 3,
  workload: "bank",
  initial: [{ balance: 2 }, { balance: 1 }, { balance: 2 }],
};

const send = (process: number, to: number, id: string): Line => ({
  event: "send",
  process,
  to,
  id,
  payload: "T",
});
const receive = (process: number, from: number, id: string): Line => ({
  event: "receive",
  process,
  from,
  id,
});
const record = (process: number, balance: number): Line => ({ event: "record", process, state: { balance } });
const markerSend = (process: number, to: number): Line => ({ event: "marker-send", process, to });
const markerReceive = (process: number, from: number): Line => ({ event: "marker-receive", process, from });
const channel = (process: number, from: number, messages: string[]): Line => ({
  event: "channel-recorded",
  process,
  from,
  messages,
});

/**
 * P0 sends a to P1 and records; P1 receives a, then P0's marker, and records; P2 sends b to P1
 * before recording; b reaches P1 after P1 recorded and before P2's marker: c(2,1) holds ⟨b⟩.
 * Money: 5 = P0 1 + P1 2 + P2 1 + b.
 */
export function correctRun(): Line[] {
  return [
    header3,
    send(0, 1, "a"),
    record(0, 1),
    markerSend(0, 1),
    markerSend(0, 2),
    receive(1, 0, "a"),
    markerReceive(1, 0),
    record(1, 2),
    markerSend(1, 0),
    markerSend(1, 2),
    channel(1, 0, []),
    send(2, 1, "b"),
    markerReceive(2, 0),
    record(2, 1),
    markerSend(2, 0),
    markerSend(2, 1),
    channel(2, 0, []),
    receive(1, 2, "b"),
    markerReceive(1, 2),
    channel(1, 2, ["b"]),
    markerReceive(2, 1),
    channel(2, 1, []),
    markerReceive(0, 1),
    channel(0, 1, []),
    markerReceive(0, 2),
    channel(0, 2, []),
  ];
}

const same = (a: Line, b: Line) => JSON.stringify(a) === JSON.stringify(b);

/** The log without the given lines. */
function without(lines: Line[], ...drop: Line[]): Line[] {
  return lines.filter((l) => !drop.some((d) => same(d, l)));
}

/** The log with `line` replaced. */
function replaced(lines: Line[], old: Line, line: Line): Line[] {
  return lines.map((l) => (same(l, old) ? line : l));
}

/** The log with `added` inserted right after `after`. */
function insertedAfter(lines: Line[], after: Line, ...added: Line[]): Line[] {
  const at = lines.findIndex((l) => same(l, after));
  return [...lines.slice(0, at + 1), ...added, ...lines.slice(at + 1)];
}

/** P1 records but forgets to send its marker to P2 (so P2 never gets one from P1). */
export function forgetsMarker(): Line[] {
  return without(correctRun(), markerSend(1, 2), markerReceive(2, 1), channel(2, 1, []));
}

/** P2 sends c after its marker; P1 receives c after that marker and still records it on c(2,1). */
export function recordsChannelTooLong(): Line[] {
  const run = insertedAfter(correctRun(), markerSend(2, 1), send(2, 1, "c"));
  const withReceive = insertedAfter(run, markerReceive(1, 2), receive(1, 2, "c"));
  return replaced(withReceive, channel(1, 2, ["b"]), channel(1, 2, ["b", "c"]));
}

/** P1 counts a (received before it recorded, so in its balance) again in c(0,1). */
export function doubleCounts(): Line[] {
  return replaced(correctRun(), channel(1, 0, []), channel(1, 0, ["a"]));
}

/** P1 leaves b, which arrived between its recording and P2's marker, out of c(2,1). */
export function dropsMessage(): Line[] {
  return replaced(correctRun(), channel(1, 2, ["b"]), channel(1, 2, []));
}

/** P1's recorded balance is not what its events lead to (it says 3, its events give 2). */
export function wrongState(): Line[] {
  return replaced(correctRun(), record(1, 2), record(1, 3));
}

/**
 * Non-FIFO: P0 records, sends its marker, then x; x overtakes the marker, so P1 counts x in its
 * balance while P0's recorded balance is from before sending it. The implementation follows the
 * algorithm; the cut is inconsistent.
 */
export function overtakenMarker(): Line[] {
  return [
    {
      event: "run",
      processes: 2,
      channels: "nonfifo",
      workload: "bank",
      initial: [{ balance: 1 }, { balance: 1 }],
    },
    record(0, 1),
    markerSend(0, 1),
    send(0, 1, "x"),
    receive(1, 0, "x"),
    markerReceive(1, 0),
    record(1, 2),
    markerSend(1, 0),
    channel(1, 0, []),
    markerReceive(0, 1),
    channel(0, 1, []),
  ];
}

/** The 1-based line of the first log line that `matches`. */
export function lineWhere(lines: readonly Line[], matches: Line): number {
  return lines.findIndex((l) => same(l, matches)) + 1;
}

export { channel, markerReceive, markerSend, receive, record, send };

/** The log as JSON Lines text. */
export function text(lines: readonly Line[]): string {
  return `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`;
}

/** Writes the log to DIR/NAME.jsonl and returns the path. */
export function writeLog(dir: string, name: string, lines: readonly (Line | string)[]): string {
  const path = join(dir, `${name}.jsonl`);
  writeFileSync(path, `${lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n")}\n`);
  return path;
}
