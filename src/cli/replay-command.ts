/**
 * `snapcheck replay FILE`: re-execute a trace. A counterexample that still fails exits 1 and says
 * why; one that no longer fails exits 0 and says so. A scenario (no property) prints the run and
 * the snapshot it recorded.
 */
import { readFileSync } from "node:fs";
import { findProperty, properties } from "../../properties/index.js";
import { parseConfig } from "../config.js";
import { TraceError, UsageError } from "../errors.js";
import { isComplete } from "../model/snapshot.js";
import { channelName, processName } from "../model/topology.js";
import { parseTrace } from "../trace/itf.js";
import { renderRun } from "../trace/render.js";
import { judgeRun, replaySteps } from "../trace/replay.js";
import { parseFlags } from "./args.js";

export function replayCommand(argv: string[]): number {
  const { values, positionals } = parseFlags(argv, { json: { type: "boolean" } }, "replay");
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0)
    throw new UsageError(
      "replay: give exactly one trace file, e.g. snapcheck replay counterexamples/X.itf.json",
    );
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new TraceError(`cannot read ${file}: give the path of an .itf.json trace`);
  }
  const trace = parseTrace(text, file);
  const meta = trace["#meta"].snapcheck;
  const config = parseConfig(
    meta.config,
    properties.map((p) => p.name),
  );
  const run = replaySteps(trace, config, file);
  const property = meta.property === undefined ? undefined : findProperty(meta.property);
  if (meta.property !== undefined && property === undefined) {
    throw new TraceError(`${file}: unknown property "${meta.property}" in #meta; see snapcheck list`);
  }
  const reason = property === undefined ? undefined : judgeRun(run, property);
  const last = run.states[run.states.length - 1];
  const snapshot =
    last === undefined
      ? undefined
      : {
          complete: isComplete(last),
          processes: Object.fromEntries(last.recorded.map((r, p) => [processName(p), r])),
          channels: Object.fromEntries(
            last.records.map((r, c) => [channelName(run.model.topology.channel(c)), r.messages]),
          ),
        };
  if (values.json === true) {
    process.stdout.write(
      `${JSON.stringify({ file, kind: meta.kind, property: meta.property ?? null, fails: reason !== undefined, reason: reason ?? null, steps: meta.steps.length, snapshot }, null, 2)}\n`,
    );
  } else {
    const verdict =
      property === undefined
        ? "scenario replayed"
        : reason !== undefined
          ? `${property.name} still fails`
          : `${property.name} no longer fails on this run`;
    process.stdout.write(
      renderRun(run.model, {
        title: `snapcheck replay ${file}: ${verdict} (${meta.steps.length} steps${trace.states.length > 0 ? ", every state as recorded" : ""})`,
        steps: run.steps,
        states: run.states,
        loop: trace.loop,
        reason,
        notes: meta.notes,
      }),
    );
  }
  return reason === undefined ? 0 : 1;
}
