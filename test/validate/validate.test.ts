/**
 * Judging logged snapshots: the correct run holds everything; each crafted implementation bug is
 * caught by the right judgement, at the right line, with the right reason; a non-FIFO run whose
 * marker was overtaken follows the algorithm and still records an inconsistent cut.
 */
import { describe, expect, it } from "vitest";
import type { Judgement, JudgementName } from "../../src/validate/judgement.js";
import { readLog, validateRun } from "../../src/validate/validate.js";
import {
  channel,
  correctRun,
  doubleCounts,
  dropsMessage,
  forgetsMarker,
  header3,
  type Line,
  lineWhere,
  markerReceive,
  markerSend,
  overtakenMarker,
  receive,
  record,
  recordsChannelTooLong,
  send,
  text,
  wrongState,
} from "./logs.js";

function judged(lines: Line[], workload?: string): Record<JudgementName, Judgement> {
  const { snapshots, holds } = validateRun(readLog(text(lines), "run.jsonl", workload));
  expect(snapshots).toHaveLength(1);
  const byName = Object.fromEntries((snapshots[0]?.judgements ?? []).map((j) => [j.name, j]));
  expect(holds).toBe(Object.values(byName).every((j) => j.verdict !== "fails"));
  return byName as Record<JudgementName, Judgement>;
}

function failure(j: Judgement): { line: number; reason: string } {
  if (j.verdict !== "fails") throw new Error(`${j.name} was expected to fail, it ${j.verdict}`);
  return { line: j.line, reason: j.reason };
}

describe("a correct Chandy–Lamport run", () => {
  it("holds every judgement", () => {
    const j = judged(correctRun());
    expect(Object.values(j).map((x) => [x.name, x.verdict])).toEqual([
      ["consistent-cut", "holds"],
      ["reachable-cut", "holds"],
      ["conservation", "holds"],
      ["algorithm", "holds"],
    ]);
  });

  it("without a workload, judges the cut and the algorithm and says why the rest is not judged", () => {
    const [, ...events] = correctRun();
    const j = judged([{ event: "run", processes: 3 }, ...events]);
    expect(j["consistent-cut"].verdict).toBe("holds");
    expect(j.algorithm.verdict).toBe("holds");
    expect(j["reachable-cut"]).toMatchObject({
      verdict: "not-judged",
      reason: expect.stringContaining("--workload"),
    });
  });

  it("is judged the same when the processes' lines interleave differently", () => {
    // Each process's events keep their order; the lines of different processes are shuffled.
    const [head, ...events] = correctRun();
    const byProcess = [0, 1, 2].map((p) => events.filter((e) => e.process === p));
    const interleaved = [
      head as Line,
      ...(byProcess[2] ?? []),
      ...(byProcess[0] ?? []),
      ...(byProcess[1] ?? []),
    ];
    expect(Object.values(judged(interleaved)).every((x) => x.verdict === "holds")).toBe(true);
  });
});

describe("implementation bugs, each caught with its reason", () => {
  it("a process that forgets to forward a marker: at its recording", () => {
    const log = forgetsMarker();
    const j = judged(log);
    expect(failure(j.algorithm)).toEqual({
      line: lineWhere(log, record(1, 2)),
      reason: expect.stringMatching(/^P1 recorded at line \d+ but never sent its marker on c\(1,2\)/),
    });
    expect(j["consistent-cut"]).toMatchObject({
      verdict: "not-judged",
      reason: expect.stringContaining("c(1,2) was never logged"),
    });
  });

  it("a channel recorded too long: a message that arrived after its marker", () => {
    const log = recordsChannelTooLong();
    const j = judged(log);
    const at = lineWhere(log, channel(1, 2, ["b", "c"]));
    expect(failure(j.algorithm)).toEqual({
      line: at,
      reason: expect.stringMatching(
        /c\(2,1\) was recorded as ⟨b, c⟩, but transfer of 1 \(message c\) arrived at line \d+, after the marker/,
      ),
    });
    expect(failure(j["consistent-cut"]).reason).toContain(
      "c(2,1) was recorded as ⟨b, c⟩, but the messages sent before P2 recorded",
    );
    expect(failure(j.conservation).reason).toContain("the snapshot invented 1");
  });

  it("a message counted twice: in the receiver's state and again in the channel", () => {
    const log = doubleCounts();
    const j = judged(log);
    expect(failure(j.algorithm)).toEqual({
      line: lineWhere(log, channel(1, 0, ["a"])),
      reason: expect.stringContaining(
        "before the receiver recorded (line 8): it is in the recorded process state already",
      ),
    });
    expect(failure(j.conservation).reason).toBe(
      "S* holds money 6 (recorded processes and channels), but the system holds 5: the snapshot invented 1",
    );
  });

  it("a message recorded twice in one channel", () => {
    const log = correctRunWith(channel(1, 2, ["b"]), channel(1, 2, ["b", "b"]));
    expect(failure(judged(log).algorithm).reason).toContain("counts transfer of 1 (message b) twice");
  });

  it("a message dropped from the channel state", () => {
    const log = dropsMessage();
    const j = judged(log);
    expect(failure(j.algorithm)).toEqual({
      line: lineWhere(log, channel(1, 2, [])),
      reason: expect.stringContaining(
        "arrived between the receiver's recording (line 8) and the marker (line 19) and is missing",
      ),
    });
    expect(failure(j["consistent-cut"]).reason).toContain("c(2,1) was recorded as ⟨⟩");
    expect(failure(j.conservation).reason).toContain("the snapshot lost 1");
  });

  it("a recorded state its events do not lead to: no run passes through S*", () => {
    const log = wrongState();
    const j = judged(log);
    expect(failure(j["reachable-cut"])).toEqual({
      line: lineWhere(log, record(1, 3)),
      reason:
        "P1 recorded balance 3, but its events before recording lead to balance 2: no run of the application passes through S*",
    });
    expect(j.algorithm.verdict).toBe("holds");
  });

  it("a process that does something else between its first marker and recording", () => {
    const early = send(1, 0, "z");
    const log = correctRunWith(record(1, 2), record(1, 1));
    log.splice(lineWhere(log, markerReceive(1, 0)), 0, early);
    expect(failure(judged(log).algorithm)).toEqual({
      line: lineWhere(log, early),
      reason: expect.stringMatching(
        /^P1 received the marker at line \d+ and had not recorded, yet did this before recording/,
      ),
    });
  });

  it("the reachable-cut judgement applies the workload's rules: a send with no money is no bank step", () => {
    const [, ...events] = correctRun();
    const poor = { ...header3, initial: [{ balance: 0 }, { balance: 1 }, { balance: 2 }] };
    expect(failure(judged([poor, ...events])["reachable-cut"])).toEqual({
      line: 2,
      reason: "P0 sends transfer of 1 to P1 in state balance 0, which no step of the bank application allows",
    });
  });
});

describe("a non-FIFO run whose marker is overtaken", () => {
  it("follows the algorithm and records an inconsistent cut: a receive without its send", () => {
    const log = overtakenMarker();
    const j = judged(log);
    expect(j.algorithm.verdict).toBe("holds");
    expect(failure(j["consistent-cut"])).toEqual({
      line: lineWhere(log, receive(1, 0, "x")),
      reason:
        "P0's transfer of 1 (message x) on c(0,1), sent at line 4 after P0 recorded, was received at line 5 before P1 recorded: the cut holds a receive without its send",
    });
    expect(failure(j["reachable-cut"]).reason).toContain(
      "the witness (events before the cut first) cannot receive what it has not sent",
    );
    expect(failure(j.conservation).reason).toContain("invented 1");
  });
});

/** The correct run with one line replaced. */
function correctRunWith(old: Line, line: Line): Line[] {
  return correctRun().map((l) => (JSON.stringify(l) === JSON.stringify(old) ? line : l));
}

describe("several snapshots in one log", () => {
  /** A second snapshot (id 1), started by P1 after the first completed; c(0,1) records `late` in it. */
  function twoSnapshots(late: string[]): Line[] {
    const s = (line: Line) => ({ ...line, snapshot: 1 });
    const [head, ...first] = overtakenMarker();
    return [
      { ...(head as Line), channels: "fifo" },
      // The first snapshot without its overtaking transfer: P1 records its balance 1.
      ...first
        .filter((l) => l.event !== "send" && l.event !== "receive")
        .map((l) => (JSON.stringify(l) === JSON.stringify(record(1, 2)) ? record(1, 1) : l)),
      s(record(1, 1)),
      s(markerSend(1, 0)),
      send(0, 1, "y"),
      s(markerReceive(0, 1)),
      s(record(0, 0)),
      s(markerSend(0, 1)),
      s(channel(0, 1, [])),
      receive(1, 0, "y"),
      s(markerReceive(1, 0)),
      s(channel(1, 0, late)),
    ];
  }

  it("judges each snapshot by itself", () => {
    const { snapshots } = validateRun(readLog(text(twoSnapshots(["y"])), "run.jsonl"));
    expect(snapshots.map((s) => [s.snapshot, s.judgements.every((j) => j.verdict === "holds")])).toEqual([
      [0, true],
      [1, true],
    ]);
  });

  it("finds the wrong one: only snapshot 1 drops y", () => {
    const { snapshots } = validateRun(readLog(text(twoSnapshots([])), "run.jsonl"));
    expect(snapshots[0]?.judgements.every((j) => j.verdict === "holds")).toBe(true);
    const algorithm = snapshots[1]?.judgements.find((j) => j.name === "algorithm");
    expect(algorithm).toMatchObject({
      verdict: "fails",
      reason: expect.stringContaining("(message y) arrived between"),
    });
  });
});

describe("ShiViz logs", () => {
  it("refuses prose event lines, as snapcheck export --format shiviz writes them: they carry no ids", () => {
    const prose = [
      String.raw`(?<event>.*)\n(?<host>\S*) (?<clock>{.*})`,
      "",
      "P0 sends T on c(0,1) (step 1: send(P0→P1))",
      'P0 {"P0":1}',
    ].join("\n");
    expect(() => readLog(prose, "run.shiviz")).toThrow(
      /^run\.shiviz:3: a ShiViz event line must be a run-log event in JSON.*prose lines carry no message ids or channel states/,
    );
  });
});

describe("channel order", () => {
  /** P2 sends b then d before recording; both reach P1 after it recorded: c(2,1) holds ⟨b, d⟩. */
  function twoCrossing(recorded: string[], channels: "fifo" | "nonfifo"): Line[] {
    const run = correctRun().map((l) => {
      if (JSON.stringify(l) === JSON.stringify(record(2, 1))) return record(2, 0);
      if (JSON.stringify(l) === JSON.stringify(channel(1, 2, ["b"]))) return channel(1, 2, recorded);
      return l;
    });
    const afterSend = lineWhere(run, send(2, 1, "b"));
    run.splice(afterSend, 0, send(2, 1, "d"));
    run.splice(lineWhere(run, receive(1, 2, "b")), 0, receive(1, 2, "d"));
    return [{ ...(run[0] as Line), channels }, ...run.slice(1)];
  }

  it("under fifo a channel's state keeps the order the messages crossed in", () => {
    const right = judged(twoCrossing(["b", "d"], "fifo"));
    expect(Object.values(right).every((j) => j.verdict === "holds")).toBe(true);
    const swapped = judged(twoCrossing(["d", "b"], "fifo"));
    expect(failure(swapped["consistent-cut"]).reason).toBe(
      "c(2,1) was recorded as ⟨d, b⟩, but the messages sent before P2 recorded and received after P1 recorded (or never) are ⟨b, d⟩",
    );
    expect(failure(swapped.algorithm).reason).toContain("but the messages arrived in the order ⟨b, d⟩");
  });

  it("under nonfifo the same state is compared as a multiset", () => {
    const swapped = judged(twoCrossing(["d", "b"], "nonfifo"));
    expect(Object.values(swapped).every((j) => j.verdict === "holds")).toBe(true);
  });
});
