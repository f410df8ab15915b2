/**
 * Reading a trace file for the commands that show or re-run one (replay, report, export): parse it, replay it on the
 * model its `#meta` describes, and judge its property again, so every picture is of a run that the
 * model really takes and states the reason the checker gives today.
 */
import { readFileSync } from "node:fs";
import { properties } from "../../properties/index.js";
import { parseConfig, type SnapcheckConfig } from "../config.js";
import { ConfigError, TraceError } from "../errors.js";
import { viewsOf } from "../model/snapshot.js";
import { NO_PLUGINS, type Plugins, propertyNamed } from "../plugins/plugins.js";
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
export interface TraceOptions {
  /** The run is for a picture: one too long to draw is refused before any replaying. */
  readonly drawn?: boolean;
  /** The modules the trace's configuration names by path (src/cli/trace-plugins.ts loads them). */
  readonly plugins?: Plugins;
}

export function readTraceInput(file: string, options: TraceOptions = {}): TraceInput {
  return traceInputOf(readTraceText(file), file, options);
}

/** The text of the trace file, or a TraceError naming it. */
export function readTraceText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    throw new TraceError(`cannot read ${file}: give the path of an .itf.json trace`);
  }
}

/**
 * Parses, replays and judges a trace's text (`file` names it in errors); no file system needed.
 * `drawn` as for readTraceInput.
 */
export function traceInputOf(text: string, file: string, options: TraceOptions = {}): TraceInput {
  const trace = parseTrace(text, file);
  const meta = trace["#meta"].snapcheck;
  if (options.drawn === true) checkDrawable(meta.steps.length, file);
  const plugins = options.plugins ?? NO_PLUGINS;
  const config = configOfTrace(meta.config, file, plugins);
  const run = replaySteps(trace, config, file, plugins);
  const property =
    meta.property === undefined ? undefined : propertyNamed(meta.property, properties, plugins);
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
function configOfTrace(raw: unknown, file: string, plugins: Plugins): SnapcheckConfig {
  try {
    return parseConfig(
      raw,
      properties.map((p) => p.name),
      plugins,
    );
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    throw new TraceError(`${file}: "#meta".snapcheck.config: ${e.message}`);
  }
}
