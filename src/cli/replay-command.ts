/**
 * `snapcheck replay FILE`: re-execute a trace. A counterexample that still fails exits 1 and says
 * why; one that no longer fails exits 0 and says so. A scenario (no property) prints the run and
 * the snapshot it recorded.
 */
import { UsageError } from "../errors.js";
import { isComplete } from "../model/snapshot.js";
import { channelName, processName } from "../model/topology.js";
import { renderRun } from "../render/run-text.js";
import { parseFlags } from "./args.js";
import { printJson, printText } from "./print.js";
import { loadTraceInput } from "./trace-plugins.js";

export const REPLAY_FLAGS = {
  json: { type: "boolean", description: "print one JSON object on stdout" },
} as const;

export async function replayCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, REPLAY_FLAGS, "replay");
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0)
    throw new UsageError(
      "replay: give exactly one trace file, e.g. snapcheck replay counterexamples/X.itf.json",
    );
  const { trace, run, view } = await loadTraceInput(file);
  const meta = trace["#meta"].snapcheck;
  const { reason } = view;
  const last = view.states[view.states.length - 1];
  const snapshot =
    last === undefined
      ? undefined
      : {
          instance: last.instance,
          complete: isComplete(last),
          processes: Object.fromEntries(last.recorded.map((r, p) => [processName(p), r])),
          channels: Object.fromEntries(
            last.records.map((r, c) => [channelName(run.model.topology.channel(c)), r.messages]),
          ),
        };
  if (values.json === true) {
    printJson({
      file,
      kind: meta.kind,
      property: meta.property ?? null,
      fails: reason !== undefined,
      reason: reason ?? null,
      steps: meta.steps.length,
      snapshot,
    });
  } else {
    const verdict =
      meta.property === undefined
        ? "scenario replayed"
        : reason !== undefined
          ? `${meta.property} still fails`
          : `${meta.property} no longer fails on this run`;
    printText(
      renderRun(run.model, {
        title: `snapcheck replay ${file}: ${verdict} (${meta.steps.length} steps${trace.states.length > 0 ? ", every state as recorded" : ""})`,
        steps: run.steps,
        states: view.states,
        loop: trace.loop,
        reason,
        notes: meta.notes,
      }),
    );
  }
  return reason === undefined ? 0 : 1;
}
