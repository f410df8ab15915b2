/**
 * Reading a trace file for the commands that show or re-run one (replay, report, export): parse it, replay it on the
 * model its `#meta` describes, and judge its property again, so every picture is of a run that the
 * model really takes and states the reason the checker gives today.
 */
import { readFileSync } from "node:fs";
import { findProperty, properties } from "../../properties/index.js";
import { parseConfig, type SnapcheckConfig } from "../config.js";
import { ConfigError, TraceError } from "../errors.js";
import { viewsOf } from "../model/snapshot.js";
import { checkDrawable } from "../render/drawing-limit.js";
import type { RunView } from "../render/timeline.js";
import { counterexampleTitle } from "../trace/counterexample-file.js";
import { type ItfTrace, parseTrace } from "../trace/itf.js";
import { judgeRun, type ReplayedRun, replaySteps } from "../trace/replay.js";

export interface TraceInput {
  readonly file: string;
  readonly trace: ItfTrace;
  readonly config: SnapcheckConfig;
  readonly run: ReplayedRun;
  /** The run as the renderers take it: title, steps, states, loop, the judged reason, notes. */
  readonly view: RunView;
}

/**
 * Loads, replays and judges the trace in `file`; a TraceError names what does not fit. `drawn`:
 * the run is for a picture, so one too long to draw is refused before any replaying.
 */
export function readTraceInput(file: string, options: { readonly drawn?: boolean } = {}): TraceInput {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new TraceError(`cannot read ${file}: give the path of an .itf.json trace`);
  }
  return traceInputOf(text, file, options);
}

/**
 * Parses, replays and judges a trace's text (`file` names it in errors); no file system needed.
 * `drawn` as for readTraceInput.
 */
export function traceInputOf(
  text: string,
  file: string,
  options: { readonly drawn?: boolean } = {},
): TraceInput {
  const trace = parseTrace(text, file);
  const meta = trace["#meta"].snapcheck;
  if (options.drawn === true) checkDrawable(meta.steps.length, file);
  const config = configOfTrace(meta.config, file);
  const run = replaySteps(trace, config, file);
  const property = meta.property === undefined ? undefined : findProperty(meta.property);
  if (meta.property !== undefined && property === undefined) {
    throw new TraceError(`${file}: unknown property "${meta.property}" in #meta; see snapcheck list`);
  }
  // A lasso shows a run that never ends, which only a liveness property can be violated by.
  if (property !== undefined && property.kind !== "eventually" && trace.loop !== undefined) {
    throw new TraceError(
      `${file}: "loop" on a trace of ${property.name}, a safety property: its counterexamples are finite runs; remove "loop"`,
    );
  }
  const title =
    property === undefined
      ? `snapcheck scenario: ${trace["#meta"].description}`
      : counterexampleTitle(config, property.name, run.steps.length);
  const reason = property === undefined ? undefined : judgeRun(run, property, meta.instance ?? 0);
  return {
    file,
    trace,
    config,
    run,
    view: {
      title,
      steps: run.steps,
      states: viewsOf(run.states, meta.instance ?? 0),
      loop: trace.loop,
      reason,
      notes: meta.notes,
    },
  };
}

/** The configuration in a trace's `#meta`; a ConfigError becomes a TraceError naming the file. */
function configOfTrace(raw: unknown, file: string): SnapcheckConfig {
  try {
    return parseConfig(
      raw,
      properties.map((p) => p.name),
    );
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    throw new TraceError(`${file}: "#meta".snapcheck.config: ${e.message}`);
  }
}
