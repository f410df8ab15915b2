/**
 * The space-time diagram of a logged run drawn from the log itself, for runs snapcheck's model
 * cannot take (an implementation that broke the algorithm's rules has no model states to rebuild):
 * one line per process, the events left to right in happens-before order, application messages as
 * solid arrows labelled with their id, markers dashed, each recording a dot and the cut a band
 * through the dots. The event where a judgement fails is ringed in red, and the caption gives its
 * line and reason. Every event carries `data-line`, its line in the log.
 */
import { processName } from "../model/topology.js";
import { COLOURS, FONT } from "../render/space-time.js";
import { CHAR_WIDTH, wrap } from "../render/text.js";
import { el, num, textEl } from "../render/xml.js";
import type { LogContext } from "./judgement.js";
import type { LoggedCut } from "./logged-cut.js";
import type { LoggedEvent } from "./run-log.js";

const COLUMN = 34;
const LANE = 90;
const LEFT = 90;

export interface Failure {
  readonly line: number;
  readonly reason: string;
  readonly name: string;
}

export function logDiagramSvg(
  context: LogContext,
  cut: LoggedCut,
  failure: Failure | undefined,
  title: string,
): string {
  const { log, messages, hb } = context;
  const column = new Int32Array(log.events.length);
  hb.order.forEach((i, k) => {
    column[i] = k;
  });
  const lanesRight = LEFT + hb.order.length * COLUMN;
  const width = Math.max(720, lanesRight + 80);
  const titleLines = wrap(title, width - 40, CHAR_WIDTH * 1.15);
  const top = 40 + titleLines.length * 18;
  const x = (i: number) => LEFT + (column[i] as number) * COLUMN + COLUMN / 2;
  const y = (p: number) => top + p * LANE;
  const bottom = y(log.processes - 1) + 50;
  const caption =
    failure === undefined
      ? []
      : wrap(
          `${failure.name} fails at line ${failure.line}: ${failure.reason}.`,
          width - 40,
          CHAR_WIDTH * 1.15,
        );
  const height = bottom + 20 + caption.length * 17 + 20;
  const arrow = (from: number, to: number | undefined, marker: boolean, label: string) => {
    const a = log.events[from] as LoggedEvent;
    const target = to === undefined ? undefined : (log.events[to] as LoggedEvent);
    const end =
      target === undefined
        ? { x: width - 20, y: y(a.process) + 30 }
        : { x: x(to as number), y: y(target.process) };
    return el(
      "g",
      { "data-line": a.line },
      el("line", {
        x1: x(from),
        y1: y(a.process),
        x2: end.x,
        y2: end.y,
        stroke: marker ? COLOURS.marker : COLOURS.app,
        "stroke-width": marker ? 1.2 : 1.5,
        "stroke-dasharray": marker ? "5 4" : undefined,
        "marker-end": "url(#head)",
      }),
      textEl(
        "text",
        {
          x: (x(from) + end.x) / 2 + 4,
          y: (y(a.process) + end.y) / 2 - 3,
          "font-size": 11,
          fill: marker ? COLOURS.marker : COLOURS.app,
        },
        label,
      ),
    );
  };
  const arrows = log.events.flatMap((e, i) => {
    if (e.kind === "send") return [arrow(i, messages.receiveOf.get(e.id), false, e.id)];
    return [];
  });
  for (const [receive, send] of messages.markerSendOf) arrows.push(arrow(send, receive, true, "M"));
  const recordDots = cut.records.flatMap((i, p) => {
    if (i === undefined) return [];
    const e = log.events[i];
    const state =
      e?.kind === "record"
        ? Object.entries(e.state)
            .map(([k, v]) => `${k} ${v}`)
            .join(", ")
        : "";
    return [
      el("circle", { cx: x(i), cy: y(p), r: 6, fill: COLOURS.cut, "data-line": e?.line }),
      textEl("text", { x: x(i) + 8, y: y(p) + 18, "font-size": 11, fill: COLOURS.cut }, `records ${state}`),
    ];
  });
  const points = cut.records.flatMap((i, p) => (i === undefined ? [] : [`${num(x(i))},${num(y(p))}`]));
  const failing = failure === undefined ? undefined : log.events.findIndex((e) => e.line === failure.line);
  const ring =
    failing === undefined || failing < 0
      ? ""
      : el(
          "g",
          {},
          el("circle", {
            cx: x(failing),
            cy: y(log.events[failing]?.process ?? 0),
            r: 11,
            fill: "none",
            stroke: COLOURS.bad,
            "stroke-width": 3,
          }),
          textEl(
            "text",
            {
              x: x(failing) - 14,
              y: y(log.events[failing]?.process ?? 0) - 16,
              "font-size": 11,
              fill: COLOURS.bad,
              "font-weight": "bold",
            },
            `line ${failure?.line}`,
          ),
        );
  const body = [
    el("rect", { width, height: Math.round(height), fill: "white" }),
    ...titleLines.map((t, i) =>
      textEl("text", { x: 20, y: 26 + i * 18, "font-size": 14, "font-weight": "bold" }, t),
    ),
    ...Array.from({ length: log.processes }, (_, p) =>
      el(
        "g",
        {},
        textEl("text", { x: 20, y: y(p) + 5, "font-size": 15, "font-weight": "bold" }, processName(p)),
        el("line", { x1: LEFT, y1: y(p), x2: width - 20, y2: y(p), stroke: COLOURS.line }),
      ),
    ),
    points.length < 2
      ? ""
      : el("polyline", {
          points: points.join(" "),
          fill: "none",
          stroke: COLOURS.band,
          "stroke-width": 10,
          "stroke-opacity": 0.7,
        }),
    ...arrows,
    ...log.events.map((e, i) =>
      el("circle", { cx: x(i), cy: y(e.process), r: 2.5, fill: COLOURS.line, "data-line": e.line }),
    ),
    ...recordDots,
    ring,
    ...caption.map((t, i) =>
      textEl(
        "text",
        { x: 20, y: bottom + 20 + i * 17, "font-size": 13, fill: COLOURS.bad, "font-weight": "bold" },
        t,
      ),
    ),
  ];
  const defs = el(
    "defs",
    {},
    el(
      "marker",
      {
        id: "head",
        viewBox: "0 0 10 10",
        refX: 9,
        refY: 5,
        markerWidth: 7,
        markerHeight: 7,
        orient: "auto-start-reverse",
      },
      el("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: COLOURS.app }),
    ),
  );
  return `${el(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      width,
      height: Math.round(height),
      viewBox: `0 0 ${width} ${Math.round(height)}`,
      "font-family": FONT,
      role: "img",
      "aria-label": failure === undefined ? title : `${title}: ${failure.reason}`,
    },
    defs,
    ...body,
  )}\n`;
}
