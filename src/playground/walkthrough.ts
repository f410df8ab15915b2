/**
 * A counterexample or scenario walked step by step: the trace is parsed, replayed on the model its
 * #meta describes and judged again (as `snapcheck report` does), then shown in a frame as the
 * report's own page — space-time diagram with the cut, step slider, keys, state panels. The frame
 * is sandboxed and inherits this page's policy, which admits only the report's script.
 */

import { traceInputOf } from "../cli/trace-input.js";
import { reportPage } from "../render/html-report.js";
import { counterexampleName } from "../trace/counterexample-file.js";

declare const __REPORT_SCRIPT_HASH__: string;

export interface OpenedRun {
  /** The name the trace is offered for download under. */
  readonly fileName: string;
}

/** Shows the trace `text` (named `source`) in `frame`; throws a TraceError or ConfigError for a bad trace. */
export function showRun(frame: HTMLIFrameElement, text: string, source: string): OpenedRun {
  const { run, view, config, trace } = traceInputOf(text, source);
  const property = trace["#meta"].snapcheck.property;
  const fileName = property === undefined ? source : `${counterexampleName(config, property)}.itf.json`;
  frame.srcdoc = reportPage(run.model, view, { source: fileName }, __REPORT_SCRIPT_HASH__);
  return { fileName };
}
