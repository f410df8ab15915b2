/**
 * Reading a trace whose configuration names plug-ins by path: the modules are loaded first (paths
 * resolved against the current directory, as when the trace was written), then the trace is
 * replayed on them. Kept apart from trace-input.ts, which the playground bundles.
 */
import { loadPlugins } from "../plugins/load.js";
import { parseTrace } from "../trace/itf.js";
import { readTraceText, type TraceInput, type TraceOptions, traceInputOf } from "./trace-input.js";

export async function loadTraceInput(
  file: string,
  options: Omit<TraceOptions, "plugins"> = {},
): Promise<TraceInput> {
  const text = readTraceText(file);
  const config: unknown = parseTrace(text, file)["#meta"].snapcheck.config;
  const raw = typeof config === "object" && config !== null ? (config as Record<string, unknown>) : {};
  return traceInputOf(text, file, { ...options, plugins: await loadPlugins(raw) });
}
