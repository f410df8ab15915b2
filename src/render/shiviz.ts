/**
 * A run as a ShiViz log (https://bestchai.bitbucket.io/shiviz/): per event a line describing it and
 * a line with its host and vector clock. The clocks come from the run's happens-before: each event
 * ticks its own process's entry, a receive also takes the maximum with its send's clock. The file
 * starts with the parsing regex and an empty delimiter line, as ShiViz's file upload expects; the
 * regex is ShiViz's default, so the lines after the first two can also be pasted as they are.
 */
import type { Model } from "../model/model.js";
import { channelName, processName } from "../model/topology.js";
import { explainCut } from "./cut.js";
import type { RunView, Timeline } from "./timeline.js";

/** ShiViz's default parsing regex: the event line, then `HOST {clock}`. */
export const SHIVIZ_REGEX = String.raw`(?<event>.*)\n(?<host>\S*) (?<clock>{.*})`;

/** The ShiViz log of `view`: regex line, empty delimiter line, then two lines per event. */
export function shivizLog(model: Model, view: RunView): string {
  const { timeline } = explainCut(model, view);
  const vc = Array.from({ length: timeline.processes }, () =>
    timeline.events.map(() => 0).slice(0, timeline.processes),
  );
  const at: number[][] = [];
  const lines = [SHIVIZ_REGEX, ""];
  timeline.events.forEach((e, i) => {
    const own = (vc[e.process] ?? []).map((c, p) => (p === e.process ? c + 1 : c));
    const received = timeline.messages.find((m) => m.received === i);
    const sent = received === undefined ? [] : (at[received.sent] ?? []);
    const clock = own.map((c, p) => Math.max(c, sent[p] ?? 0));
    vc[e.process] = clock;
    at.push(clock);
    lines.push(describe(model, view, timeline, i), `${processName(e.process)} ${clockJson(clock)}`);
  });
  return `${lines.join("\n")}\n`;
}

/** `{"P0":2,"P1":1}`: the non-zero entries, as ShiViz wants them. */
function clockJson(clock: readonly number[]): string {
  return JSON.stringify(Object.fromEntries(clock.flatMap((c, p) => (c === 0 ? [] : [[processName(p), c]]))));
}

/** One line: who did what, in which step. */
function describe(model: Model, view: RunView, timeline: Timeline, i: number): string {
  const e = timeline.events[i];
  if (e === undefined) return "";
  const step = view.steps[e.step - 1];
  const where = step === undefined ? "" : ` (step ${e.step}: ${model.label(step)})`;
  const who = processName(e.process);
  if (e.kind === "record") {
    const recorded = view.states[e.step]?.recorded[e.process];
    const state =
      recorded === null || recorded === undefined ? "" : ` ${model.spec.workload.describeState(recorded)}`;
    return `${who} records${state}: the cut passes here${where}`;
  }
  const messages = timeline.messages.filter((m) => (e.kind === "send" ? m.sent : m.received) === i);
  const what = messages.map((m) => `${m.label} on ${channelName(m)}`).join(", ");
  return `${who} ${e.kind === "send" ? "sends" : "receives"} ${what}${where}`;
}
