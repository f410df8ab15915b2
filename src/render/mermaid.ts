/**
 * A run as a Mermaid sequence diagram, for Markdown. Mermaid draws a message as one horizontal
 * arrow, so each arrow sits where the message is received and says in which step it was sent;
 * recordings are notes (the cut), markers dotted arrows, what is still in flight at the end comes
 * last, and what makes the cut wrong sits in a highlighted block with its reason.
 */
import type { Model } from "../model/model.js";
import { channelName, processName } from "../model/topology.js";
import { explainCut } from "./cut.js";
import type { RunView, TimelineMessage } from "./timeline.js";

/** Mermaid text is not escaped by backslashes: characters with a meaning become `#code;` entities. */
export function mermaidText(text: string): string {
  return text.replace(/[#;<>&"%{}\n\r\\]/g, (c) => `#${c.charCodeAt(0)};`);
}

/** The `sequenceDiagram` of `view`. */
export function mermaidSequence(model: Model, view: RunView): string {
  const { timeline, evidence } = explainCut(model, view);
  const offending = new Set([...evidence.orphans, ...evidence.channels.flatMap((c) => c.offending)]);
  const lines = ["sequenceDiagram"];
  for (let p = 0; p < timeline.processes; p++) lines.push(`  participant ${processName(p)}`);
  const arrow = (m: TimelineMessage, id: number) => {
    const sentIn = timeline.events[m.sent]?.step ?? 0;
    const fate =
      m.lost !== undefined
        ? `sent in step ${sentIn}, lost in step ${m.lost}`
        : m.received === undefined
          ? `sent in step ${sentIn}, still in flight at the end`
          : `sent in step ${sentIn}${m.copy ? ", a duplicate" : ""}`;
    // Solid for application messages, dotted for markers; >> received, ) still in flight, x lost.
    const head = m.lost !== undefined ? "x" : m.received === undefined ? ")" : ">>";
    const shape = `${m.marker ? "--" : "-"}${head}`;
    const line = `  ${processName(m.from)}${shape}${processName(m.to)}: ${mermaidText(`${m.label} on ${channelName(m)} (${fate})`)}`;
    if (!offending.has(id)) return [line];
    return [
      "  rect rgb(255, 207, 51)",
      line,
      `  Note over ${processName(Math.min(m.from, m.to))},${processName(Math.max(m.from, m.to))}: ✗ what makes the cut wrong`,
      "  end",
    ];
  };
  timeline.events.forEach((e, i) => {
    if (e.kind === "record") {
      const recorded = view.states[e.step]?.recorded[e.process];
      const state =
        recorded === null || recorded === undefined ? "" : ` ${model.spec.workload.describeState(recorded)}`;
      lines.push(
        `  Note over ${processName(e.process)}: ${mermaidText(`step ${e.step}: records${state} (the cut)`)}`,
      );
    }
    timeline.messages.forEach((m, id) => {
      if (m.received === i) lines.push(...arrow(m, id));
    });
  });
  timeline.messages.forEach((m, id) => {
    if (m.received === undefined) lines.push(...arrow(m, id));
  });
  if (view.reason !== undefined) {
    lines.push(
      `  Note over P0,${processName(timeline.processes - 1)}: ${mermaidText(`Why it fails: ${view.reason}.`)}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
