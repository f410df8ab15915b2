/**
 * A run for people: each step with only what it changed (process states, recordings — where the
 * cut passes — channel contents, channel records), then the recorded snapshot S*, what was still
 * in flight, and the one-sentence reason the property fails.
 */

import { messageKey } from "../model/message.js";
import type { Model } from "../model/model.js";
import { channelName, processName } from "../model/topology.js";
import type { Run, SnapshotView } from "../model/types.js";

/** A run's states are seen through the snapshot instance it is about (`viewsOf`). */
export interface RenderedRun extends Run<SnapshotView> {
  readonly title: string;
  readonly loop?: number | undefined;
  readonly reason?: string | undefined;
  readonly notes?: readonly string[] | undefined;
  readonly footer?: readonly string[];
}

const seq = (items: readonly string[]) => `⟨${items.join(", ")}⟩`;

export function renderRun(model: Model, run: RenderedRun): string {
  const { workload, topology } = model.spec;
  const channel = (c: number) => channelName(topology.channel(c));
  const lines = [run.title, ""];
  const first = run.states[0];
  if (first !== undefined) {
    lines.push(
      ` 0. initial state: ${first.procs.map((s, p) => `${processName(p)} ${workload.describeState(s)}`).join(", ")}; channels empty`,
    );
  }
  run.steps.forEach((step, i) => {
    const before = run.states[i];
    const after = run.states[i + 1];
    if (before === undefined || after === undefined) return;
    const changes: string[] = [];
    after.procs.forEach((s, p) => {
      if (s.join() !== before.procs[p]?.join())
        changes.push(`${processName(p)} now ${workload.describeState(s)}`);
    });
    after.recorded.forEach((r, p) => {
      if (r !== null && before.recorded[p] === null) {
        changes.push(
          `${processName(p)} RECORDS ${workload.describeState(r)} (the cut passes ${processName(p)} here)`,
        );
      }
    });
    after.records.forEach((r, c) => {
      const old = before.records[c];
      if (r.closed && !old?.closed) changes.push(`${channel(c)} closes, recorded as ${seq(r.messages)}`);
      else if (r.messages.length !== old?.messages.length)
        changes.push(`${channel(c)} records ${seq(r.messages)}`);
    });
    after.channels.forEach((contents, c) => {
      const text = seq(contents.map(messageKey));
      if (text !== seq((before.channels[c] ?? []).map(messageKey))) {
        changes.push(contents.length === 0 ? `${channel(c)} is empty` : `${channel(c)} holds ${text}`);
      }
    });
    const loopMark = run.loop !== undefined && i === run.loop ? " ⟲ loop starts here" : "";
    const note = run.notes?.[i] ? ` [${run.notes[i]}]` : "";
    lines.push(
      `${String(i + 1).padStart(2)}. ${model.label(step)}${note}${loopMark}: ${changes.join("; ") || "no visible change"}`,
    );
  });
  const last = run.states[run.states.length - 1];
  if (last !== undefined) lines.push("", ...describeSnapshot(model, last));
  if (run.loop !== undefined)
    lines.push(`The run returns to the state after step ${run.loop} and can repeat forever.`);
  if (run.reason !== undefined) lines.push("", `Why it fails: ${run.reason}.`);
  if (run.footer !== undefined) lines.push("", ...run.footer);
  return `${lines.join("\n")}\n`;
}

/** The recorded snapshot S* as far as it has been recorded, and what is in flight. */
export function describeSnapshot(model: Model, state: SnapshotView): string[] {
  const { workload, topology } = model.spec;
  const procs = state.recorded.map(
    (r, p) => `${processName(p)} ${r === null ? "(not recorded)" : workload.describeState(r)}`,
  );
  const channels = state.records.map((r, c) => {
    const status =
      state.recorded[topology.channel(c).to] === null
        ? " (not recording)"
        : r.closed
          ? ""
          : " (still recording)";
    return `${channelName(topology.channel(c))} ${seq(r.messages)}${status}`;
  });
  const inFlight = state.channels.flatMap((contents, c) =>
    contents.length === 0 ? [] : [`${channelName(topology.channel(c))} ${seq(contents.map(messageKey))}`],
  );
  const which = state.snapshots.length > 1 ? ` (snapshot #${state.instance})` : "";
  return [
    `Recorded snapshot S*${which}: ${procs.join(", ")}`,
    `  channels: ${channels.join(", ")}`,
    `In flight at the end: ${inFlight.length === 0 ? "nothing" : inFlight.join(", ")}`,
  ];
}
