/**
 * `snapcheck validate LOG [--workload NAME] [--json] [--out DIR]`: judge the snapshots a real
 * implementation recorded, from its run log (docs/run-log.md). Exit 0 when every judgement holds,
 * 1 when one fails (the first line where it does, and why), 2 when the log is bad. With --out, the
 * run is also written as a trace and a space-time diagram (when the model can take it).
 */
import { readFileSync } from "node:fs";
import { properties } from "../../properties/index.js";
import { UsageError } from "../errors.js";
import type { Judgement } from "../validate/judgement.js";
import { readLog, type Validation, validateRun } from "../validate/validate.js";
import { type WrittenRun, writeLoggedRun } from "../validate/write-run.js";
import { parseFlags } from "./args.js";
import { printJson, printText } from "./print.js";

export const VALIDATE_FLAGS = {
  workload: {
    type: "string",
    value: "NAME",
    description: "the application the log's messages belong to",
    default: "the log's header",
  },
  json: { type: "boolean", description: "print one JSON object on stdout" },
  out: {
    type: "string",
    value: "DIR",
    description: "also write the run as a trace and a space-time diagram",
  },
} as const;

export function validateCommand(argv: string[]): number {
  const { values, positionals } = parseFlags(argv, VALIDATE_FLAGS, "validate");
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0)
    throw new UsageError("validate: give exactly one run log, e.g. snapcheck validate run.jsonl");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new UsageError(`validate: cannot read ${file}: give the path of a run log (docs/run-log.md)`);
  }
  const validation = validateRun(readLog(text, file, values.workload));
  const written = values.out === undefined ? undefined : writeLoggedRun(validation, values.out, properties);
  if (values.json === true) printJson(jsonReport(validation, written));
  else printText(textReport(validation, written));
  return validation.holds ? 0 : 1;
}

function jsonReport(v: Validation, written: WrittenRun | undefined) {
  const { log } = v.context;
  return {
    file: log.file,
    processes: log.processes,
    events: log.events.length,
    workload: v.context.workload?.name ?? null,
    holds: v.holds,
    snapshots: v.snapshots,
    ...(written === undefined ? {} : { written }),
  };
}

const VERDICT = { holds: "holds", fails: "FAILS", "not-judged": "not judged" } as const;

function judgementLine(j: Judgement): string {
  const head = `  ${j.name.padEnd(15)} ${VERDICT[j.verdict]}`;
  if (j.verdict === "holds") return head;
  if (j.verdict === "fails") return `${head} at line ${j.line}: ${j.reason}`;
  return `${head}: ${j.reason}`;
}

function textReport(v: Validation, written: WrittenRun | undefined): string {
  const { log, workload } = v.context;
  const count = v.snapshots.length;
  const lines = [
    `snapcheck validate ${log.file}: ${log.processes} processes, ${log.events.length} events, ${count} snapshot${count === 1 ? "" : "s"}${workload === undefined ? "" : `, workload ${workload.name}`}`,
  ];
  for (const s of v.snapshots) lines.push(`snapshot ${s.snapshot}:`, ...s.judgements.map(judgementLine));
  const unjudged = v.snapshots.flatMap((s) => s.judgements).filter((j) => j.verdict === "not-judged").length;
  lines.push(
    !v.holds
      ? "A recorded snapshot is wrong (exit 1)."
      : unjudged > 0
        ? `Nothing fails, but ${unjudged} judgement${unjudged === 1 ? "" : "s"} could not be made (see above).`
        : "The recorded snapshots hold.",
  );
  if (written !== undefined) {
    if (written.files.length > 0) lines.push(...written.files.map((f) => `wrote ${f}`));
    if (written.note !== undefined) lines.push(written.note);
  }
  return `${lines.join("\n")}\n`;
}
