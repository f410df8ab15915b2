/**
 * The space-time diagram of a run, as the lecture draws it: one horizontal line per process, time
 * to the right, application messages as solid arrows labelled with their payload, markers dashed,
 * each recording a dot and the cut a band through the dots. A message still in flight at the end
 * runs off to the right edge, a lost one ends in a cross. What makes the cut wrong is drawn thick on
 * a striped yellow band (it reads in greyscale too), a marker that overtook it is labelled so, and
 * the caption gives the reason in one sentence. Every element carries
 * `data-step` (and messages `data-until`), so the HTML report can walk the run step by step.
 */

import type { Model } from "../model/model.js";
import { isComplete } from "../model/snapshot.js";
import { channelName, processName } from "../model/topology.js";
import { crosses, type ExplainedRun, explainCut } from "./cut.js";
import { checkDrawable } from "./drawing-limit.js";
import { CHAR_WIDTH, seq, wrap } from "./text.js";
import type { RunView, Timeline, TimelineMessage } from "./timeline.js";
import { el, num, textEl } from "./xml.js";

export const FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";
/** The narrowest step column; a short run gets wider ones so the lanes span at least LANES px. */
const COLUMN = 70;
const LANES = 460;
const SLOT = 16;
const LANE = 100;
const LEFT = 130;
/** Room right of the last step for messages still in flight. */
const TAIL = 60;
export const COLOURS = {
  line: "#444",
  app: "#1a1a1a",
  marker: "#777",
  cut: "#1f4e9c",
  band: "#9fc1f0",
  bad: "#b0001e",
  halo: "#ffcf33",
} as const;

/** The diagram of `view` on `model`, with the matching of deliveries that explains its failure. */
export function spaceTimeSvg(model: Model, view: RunView): string {
  return drawSpaceTime(model, view, explainCut(model, view));
}

/** Lays out the diagram of an already explained run. */
export function drawSpaceTime(model: Model, view: RunView, explained: ExplainedRun): string {
  checkDrawable(view.steps.length, "the run");
  const { timeline } = explained;
  const labels = view.steps.map((s) => model.label(s));
  const longest = Math.max(0, ...labels.map((l) => l.length)) * CHAR_WIDTH;
  const column = Math.max(COLUMN, Math.round(LANES / Math.max(1, timeline.stepCount)));
  const lanesRight = LEFT + timeline.stepCount * column;
  const edge = lanesRight + TAIL;
  const width = Math.round(
    Math.max(
      720,
      edge + (timeline.records.includes(undefined) ? 100 : 40),
      lanesRight - column / 2 + longest * 0.77 + 20,
    ),
  );
  const title = wrap(view.title, width - 40, CHAR_WIDTH * 1.15);
  const axisY = Math.round(28 + title.length * 18 + longest * 0.64 + 12);
  const laneY = (p: number) => axisY + 56 + p * LANE;
  const xOf = (event: number) => {
    const e = timeline.events[event];
    return e === undefined ? edge : LEFT + (e.step - 1) * column + 16 + e.slot * SLOT;
  };
  const geometry: Geometry = { timeline, column, xOf, laneY, edge };
  const bottom = laneY(timeline.processes - 1) + 44;
  const caption = captionLines(model, view, explained, width - 40);
  const legend = legendItems(model, explained, width - 40);
  const height = bottom + legend.height + 14 + caption.length * 17 + 14;
  const marks = marksOf(explained);
  const body = [
    el("rect", { width, height, fill: "white" }),
    ...title.map((line, i) =>
      textEl("text", { x: 20, y: 26 + i * 18, "font-size": 14, "font-weight": "bold" }, line),
    ),
    stepAxis(labels, view.notes, column, axisY, bottom),
    ...(view.loop === undefined ? [] : [loopMark(LEFT + view.loop * column + 2, axisY, bottom)]),
    lanes(model, view, geometry),
    cutBand(geometry),
    // Offending arrows last, so nothing hides them.
    ...timeline.messages.map((m, id) => (marks[id] === "bad" ? "" : messageArrow(m, geometry, marks[id]))),
    ...timeline.messages.map((m, id) => (marks[id] === "bad" ? messageArrow(m, geometry, "bad") : "")),
    recordDots(model, view, geometry),
    el("g", { transform: `translate(20 ${num(bottom)})` }, legend.markup),
    ...caption.map((line, i) =>
      textEl(
        "text",
        {
          x: 20,
          y: bottom + legend.height + 24 + i * 17,
          "font-size": 13,
          fill: line.bad ? COLOURS.bad : "#111",
          "font-weight": line.bad ? "bold" : undefined,
        },
        line.text,
      ),
    ),
  ];
  return `${el(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      width,
      height: Math.round(height),
      viewBox: `0 0 ${width} ${Math.round(height)}`,
      "font-family": FONT,
      "font-size": 12,
      role: "img",
      // Where step k ends is data-left + k × data-column: the report draws its "now" line there.
      "data-left": LEFT,
      "data-column": column,
      "aria-label": view.reason === undefined ? view.title : `${view.title}: ${view.reason}`,
    },
    defs(),
    ...body,
  )}\n`;
}

interface Geometry {
  readonly timeline: Timeline;
  readonly column: number;
  readonly xOf: (event: number) => number;
  readonly laneY: (process: number) => number;
  readonly edge: number;
}

function defs(): string {
  const head = (id: string, fill: string, size: number) =>
    el(
      "marker",
      {
        id,
        viewBox: "0 0 10 10",
        refX: 9,
        refY: 5,
        markerWidth: size,
        markerHeight: size,
        markerUnits: "userSpaceOnUse",
        orient: "auto",
      },
      el("path", { d: "M0,0 L10,5 L0,10 z", fill }),
    );
  return el(
    "defs",
    {},
    head("head-app", COLOURS.app, 9),
    head("head-marker", COLOURS.marker, 8),
    head("head-bad", COLOURS.bad, 13),
    head("head-overtakes", COLOURS.bad, 9),
    // Stripes keep the highlight distinct from the cut's band when printed in greyscale.
    el(
      "pattern",
      { id: "hatch", width: 7, height: 7, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
      el("rect", { width: 7, height: 7, fill: COLOURS.halo }),
      el("rect", { width: 2.5, height: 7, fill: COLOURS.bad, opacity: 0.55 }),
    ),
    el("style", {}, ".halo{paint-order:stroke;stroke:#fff;stroke-width:3.5px;stroke-linejoin:round}"),
  );
}

function stepAxis(
  labels: readonly string[],
  notes: readonly string[] | undefined,
  column: number,
  axisY: number,
  bottom: number,
): string {
  return el(
    "g",
    { class: "axis" },
    ...labels.map((label, i) => {
      const x = LEFT + i * column + column / 2;
      const note = notes?.[i];
      return el(
        "g",
        { "data-step": i + 1, class: "step" },
        el("title", {}, textEl("tspan", {}, `${i + 1}. ${label}${note ? ` — ${note}` : ""}`)),
        el("line", {
          x1: x - column / 2,
          x2: x - column / 2,
          y1: axisY + 20,
          y2: bottom - 20,
          stroke: "#eee",
        }),
        textEl("text", { x, y: axisY + 16, "text-anchor": "middle", fill: "#555" }, String(i + 1)),
        textEl(
          "text",
          { x: x - 4, y: axisY, transform: `rotate(-40 ${x - 4} ${axisY})`, fill: "#333" },
          label,
        ),
      );
    }),
  );
}

function loopMark(x: number, axisY: number, bottom: number): string {
  return el(
    "g",
    { class: "loop" },
    el("line", {
      x1: x,
      x2: x,
      y1: axisY + 22,
      y2: bottom - 16,
      stroke: "#6a3d9a",
      "stroke-width": 2,
      "stroke-dasharray": "2 3",
    }),
    textEl("text", { x: x + 4, y: bottom - 20, fill: "#6a3d9a" }, "⟲ the run returns here and repeats"),
  );
}

function lanes(model: Model, view: RunView, g: Geometry): string {
  const first = view.states[0];
  return el(
    "g",
    { class: "lanes" },
    ...Array.from({ length: g.timeline.processes }, (_, p) => {
      const y = g.laneY(p);
      const initial = first?.procs[p];
      return el(
        "g",
        {},
        el("line", { x1: LEFT - 8, x2: g.edge, y1: y, y2: y, stroke: COLOURS.line, "stroke-width": 1.5 }),
        textEl(
          "text",
          { x: LEFT - 16, y: y + 5, "text-anchor": "end", "font-size": 16, "font-weight": "bold" },
          processName(p),
        ),
        initial === undefined
          ? ""
          : textEl(
              "text",
              { x: LEFT - 16, y: y + 22, "text-anchor": "end", "font-size": 11, fill: "#555" },
              model.spec.workload.describeState(initial),
            ),
      );
    }),
  );
}

/** The cut: through every recording, or the end of the line for a process that never recorded. */
function cutBand(g: Geometry): string {
  const { timeline, xOf, laneY } = g;
  if (timeline.records.every((r) => r === undefined)) return "";
  const points = timeline.records.map((r, p) => [r === undefined ? g.edge : xOf(r), laneY(p)] as const);
  const [x0, y0] = points[0] ?? [0, 0];
  const [xn, yn] = points[points.length - 1] ?? [0, 0];
  const path = [[x0, y0 - 34], ...points, [xn, yn + 30]].map(([x, y]) => `${num(x)},${num(y)}`).join(" ");
  const line = { points: path, fill: "none", "stroke-linejoin": "round", "stroke-linecap": "round" };
  return el(
    "g",
    { class: "cut" },
    el("polyline", { ...line, stroke: COLOURS.band, "stroke-width": 9, opacity: 0.7 }),
    el("polyline", { ...line, stroke: COLOURS.cut, "stroke-width": 2, "stroke-dasharray": "9 4" }),
    textEl("text", { x: x0 + 6, y: y0 - 26, fill: COLOURS.cut, "font-weight": "bold" }, "cut"),
  );
}

/**
 * How a message is drawn: offending, crossing the cut into its channel's record, a marker that
 * overtook an offending message, or plainly.
 */
type Mark = "bad" | "recorded" | "plain" | { readonly overtakes: string };

/** How each message of the run is drawn. */
function marksOf({ timeline, evidence }: ExplainedRun): Mark[] {
  const offending = new Set([...evidence.orphans, ...evidence.channels.flatMap((c) => c.offending)]);
  const complete = timeline.records.every((r) => r !== undefined);
  return timeline.messages.map((m, id): Mark => {
    if (offending.has(id)) return "bad";
    if (m.marker) {
      const overtaken = [...offending].find((o) => overtakes(m, timeline.messages[o]));
      return overtaken === undefined ? "plain" : { overtakes: timeline.messages[overtaken]?.label ?? "" };
    }
    return complete && crosses(timeline, m) ? "recorded" : "plain";
  });
}

/** Marker `m` was sent after `o` on the same channel and arrived first (or `o` never did). */
function overtakes(m: TimelineMessage, o: TimelineMessage | undefined): boolean {
  if (o === undefined || o.channel !== m.channel || o.sent >= m.sent || m.received === undefined)
    return false;
  return o.received === undefined || o.received > m.received;
}

function messageArrow(m: TimelineMessage, g: Geometry, mark: Mark = "plain"): string {
  const bad = mark === "bad";
  const x1 = g.xOf(m.sent);
  const y1 = g.laneY(m.from);
  const lost = m.lost;
  const flying = m.received === undefined && lost === undefined;
  const ended = m.received === undefined;
  const x2 =
    lost !== undefined ? LEFT + (lost - 0.4) * g.column : flying ? g.edge - 4 : g.xOf(m.received ?? 0);
  const y2 = ended ? y1 + (g.laneY(m.to) - y1) * 0.5 : g.laneY(m.to);
  // The step that ends the message's flight, if one does.
  const until = lost ?? (m.received === undefined ? undefined : g.timeline.events[m.received]?.step);
  const t = m.marker ? 0.62 : 0.38;
  const lx = x1 + (x2 - x1) * t;
  const ly = y1 + (y2 - y1) * t;
  const name = channelName(m);
  const overtaking = typeof mark === "object";
  const note = bad
    ? " ✗"
    : mark === "recorded"
      ? " (recorded)"
      : overtaking
        ? ` overtakes ${mark.overtakes}`
        : "";
  const fate = flying ? " (in flight)" : lost !== undefined ? " lost" : m.copy ? " (duplicate)" : "";
  const label = `${m.label}${fate}${note}`;
  const stroke = bad || overtaking ? COLOURS.bad : m.marker ? COLOURS.marker : COLOURS.app;
  const head = bad ? "bad" : overtaking ? "overtakes" : m.marker ? "marker" : "app";
  return el(
    "g",
    {
      class: `message ${m.marker ? "marker" : "app"}${bad ? " offending" : ""}${flying ? " in-flight" : ""}`,
      "data-step": g.timeline.events[m.sent]?.step ?? 0,
      "data-until": until,
    },
    el(
      "title",
      {},
      textEl(
        "tspan",
        {},
        `${m.label} on ${name}${flying ? ", still in flight at the end" : lost !== undefined ? `, lost in step ${lost}` : ""}`,
      ),
    ),
    bad
      ? el("line", { x1, y1, x2, y2, stroke: "url(#hatch)", "stroke-width": 16, "stroke-linecap": "round" })
      : "",
    el("line", {
      x1,
      y1,
      x2,
      y2,
      stroke,
      "stroke-width": bad ? 3.5 : overtaking ? 2 : m.marker ? 1.3 : 1.7,
      "stroke-dasharray": m.marker ? "6 4" : flying ? "10 3 2 3" : undefined,
      "marker-end": lost === undefined ? `url(#head-${head})` : undefined,
    }),
    lost === undefined
      ? ""
      : textEl("text", { x: x2, y: y2 + 5, "text-anchor": "middle", fill: stroke, "font-size": 16 }, "✕"),
    textEl(
      "text",
      {
        x: lx + 5,
        y: ly - (bad ? 12 : 4),
        class: "halo",
        fill: stroke,
        "font-weight": m.marker && !overtaking ? undefined : "bold",
        "font-size": bad ? 14 : m.marker ? 11.5 : 13,
      },
      label,
    ),
  );
}

function recordDots(model: Model, view: RunView, g: Geometry): string {
  const last = view.states[view.states.length - 1];
  return el(
    "g",
    { class: "records" },
    ...g.timeline.records.map((r, p) => {
      const y = g.laneY(p);
      if (r === undefined) {
        return textEl(
          "text",
          { x: g.edge + 6, y: y + 4, fill: COLOURS.cut, "font-size": 11 },
          "not recorded",
        );
      }
      const x = g.xOf(r);
      const recorded = last?.recorded[p];
      return el(
        "g",
        { class: "record", "data-step": g.timeline.events[r]?.step ?? 0 },
        el("title", {}, textEl("tspan", {}, `${processName(p)} records its state: the cut passes here`)),
        el("circle", { cx: x, cy: y, r: 7, fill: COLOURS.cut, stroke: "white", "stroke-width": 2 }),
        recorded === null || recorded === undefined
          ? ""
          : textEl(
              "text",
              { x: x + 9, y: y + 17, class: "halo", fill: COLOURS.cut, "font-size": 11 },
              `records ${model.spec.workload.describeState(recorded)}`,
            ),
      );
    }),
  );
}

interface CaptionLine {
  readonly text: string;
  readonly bad: boolean;
}

/** The reason, then what the picture shows wrong with the cut. */
function captionLines(model: Model, view: RunView, explained: ExplainedRun, width: number): CaptionLine[] {
  const { timeline, evidence } = explained;
  const lines = (text: string, bad: boolean) =>
    wrap(text, width, CHAR_WIDTH * 1.08).map((t) => ({ text: t, bad }));
  const orphans = evidence.orphans.flatMap((id) => {
    const m = timeline.messages[id];
    if (m === undefined) return [];
    return [
      `Highlighted: ${m.label} on ${channelName(m)} was sent after ${processName(m.from)} recorded and received before ${processName(m.to)} recorded — a receive without its send.`,
    ];
  });
  const channels = evidence.channels.map(
    (c) =>
      `Highlighted: ${channelName(model.topology.channel(c.channel))} was recorded as ${seq(c.recorded)}, but ${seq(c.crossing)} crossed the cut on it.`,
  );
  const snapshot = recordedSnapshot(model, view);
  return [
    ...(view.reason === undefined ? [] : lines(`Why it fails: ${view.reason}.`, false)),
    ...[...orphans, ...channels].flatMap((f) => lines(f, true)),
    ...(snapshot === undefined ? [] : lines(snapshot, false)),
  ];
}

/** S* in one sentence, once the snapshot is complete: processes, then the channels that hold something. */
function recordedSnapshot(model: Model, view: RunView): string | undefined {
  const last = view.states[view.states.length - 1];
  if (last === undefined || !isComplete(last)) return undefined;
  const { workload, topology } = model.spec;
  const procs = last.recorded.map(
    (r, p) => `${processName(p)} ${r === null ? "?" : workload.describeState(r)}`,
  );
  const held = last.records.flatMap((r, c) =>
    r.messages.length === 0 ? [] : [`${channelName(topology.channel(c))} ${seq(r.messages)}`],
  );
  const channels = held.length === 0 ? "every channel ⟨⟩" : `${held.join(", ")}, every other channel ⟨⟩`;
  return `Recorded snapshot S*: ${procs.join(", ")}; ${channels}.`;
}

/** Samples of each kind of mark with what it means, in rows that fit `width`. */
function legendItems(
  model: Model,
  explained: ExplainedRun,
  width: number,
): { markup: string; height: number } {
  const { timeline, evidence } = explained;
  const payloads = [...new Set(timeline.messages.flatMap((m) => (m.marker ? [] : [m.label])))];
  const described = payloads.map((p) => `${p}: ${model.spec.workload.describePayload(p)}`).join(", ");
  const line = (attrs: Record<string, string | number>) =>
    el("line", { x1: 0, y1: 0, x2: 34, y2: 0, ...attrs });
  const items: [string, string][] = [
    [
      line({ stroke: COLOURS.app, "stroke-width": 1.7, "marker-end": "url(#head-app)" }),
      `application message${described === "" ? "" : ` (${described})`}`,
    ],
    [
      line({
        stroke: COLOURS.marker,
        "stroke-width": 1.3,
        "stroke-dasharray": "6 4",
        "marker-end": "url(#head-marker)",
      }),
      "marker M",
    ],
    [el("circle", { cx: 17, cy: 0, r: 7, fill: COLOURS.cut }), "a process records its state"],
    [
      el(
        "g",
        {},
        line({ stroke: COLOURS.band, "stroke-width": 9, opacity: 0.7 }),
        line({ stroke: COLOURS.cut, "stroke-width": 2, "stroke-dasharray": "9 4" }),
      ),
      "the cut (through the recordings)",
    ],
  ];
  if (timeline.messages.some((m) => m.received === undefined && m.lost === undefined)) {
    items.push([
      line({
        stroke: COLOURS.app,
        "stroke-width": 1.7,
        "stroke-dasharray": "10 3 2 3",
        "marker-end": "url(#head-app)",
      }),
      "still in flight at the end",
    ]);
  }
  if (timeline.messages.some((m) => m.lost !== undefined)) {
    items.push([
      el(
        "g",
        {},
        line({ stroke: COLOURS.app, "stroke-width": 1.7, x2: 28 }),
        textEl("text", { x: 28, y: 5, "text-anchor": "middle", "font-size": 16 }, "✕"),
      ),
      "lost by its channel",
    ]);
  }
  if (evidence.orphans.length > 0 || evidence.channels.length > 0) {
    items.push([
      el(
        "g",
        {},
        line({ stroke: "url(#hatch)", "stroke-width": 16 }),
        line({ stroke: COLOURS.bad, "stroke-width": 3.5, "marker-end": "url(#head-bad)" }),
      ),
      "✗ what makes the cut wrong",
    ]);
  }
  let x = 0;
  let y = 12;
  const placed = items.map(([sample, text]) => {
    const w = 46 + text.length * CHAR_WIDTH * 0.95 + 22;
    if (x > 0 && x + w > width) {
      x = 0;
      y += 24;
    }
    const g = el(
      "g",
      { transform: `translate(${num(x)} ${y})` },
      sample,
      textEl("text", { x: 44, y: 4, "font-size": 11.5 }, text),
    );
    x += w;
    return g;
  });
  return { markup: el("g", { class: "legend" }, ...placed), height: y + 14 };
}
