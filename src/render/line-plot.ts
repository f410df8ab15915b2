/**
 * A line plot as SVG, for numbers a person would rather see than read: a linear x axis of whole
 * numbers, a logarithmic y axis (state spaces grow exponentially), one line per series with its
 * own marker shape and dash pattern (readable in greyscale), labelled at its end rather than in a
 * legend, and every point labelled with its value. A point that is only a lower bound is hollow.
 */
import { el, textEl } from "./xml.js";

export interface PlotPoint {
  readonly x: number;
  readonly y: number;
  /** The true value is at least `y` (a limit stopped the count). */
  readonly atLeast: boolean;
}

export interface PlotSeries {
  readonly name: string;
  readonly points: readonly PlotPoint[];
}

export interface LinePlot {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly PlotSeries[];
  /** A line under the plot, e.g. how the numbers were measured. */
  readonly note: string;
  /** Names for the x values xMin, xMin+1, … when they stand for categories (e.g. configurations). */
  readonly xTickLabels?: readonly string[] | undefined;
}

const WIDTH = 760;
const HEIGHT = 460;
const PLOT = { left: 90, right: WIDTH - 150, top: 60, bottom: HEIGHT - 90 } as const;
const STYLES = [
  { colour: "#1f4e9c", dash: undefined, shape: "circle" },
  { colour: "#b0001e", dash: "7 4", shape: "square" },
  { colour: "#2e7d32", dash: "2 3", shape: "diamond" },
  { colour: "#6a3d9a", dash: "10 3 2 3", shape: "triangle" },
] as const;

/** Thousands separated by commas, as the README's tables write them. */
export function grouped(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** The plot as a standalone SVG document. */
export function linePlotSvg(plot: LinePlot): string {
  const points = plot.series.flatMap((s) => s.points);
  const xs = points.map((p) => p.x);
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs, Math.min(...xs) + 1)];
  const top = Math.ceil(Math.log10(Math.max(10, ...points.map((p) => p.y))));
  // Half a unit of room on either side, so no point sits on an axis.
  const x = (v: number) => PLOT.left + ((v - xMin + 0.5) / (xMax - xMin + 1)) * (PLOT.right - PLOT.left);
  const y = (v: number) => PLOT.bottom - (Math.log10(Math.max(1, v)) / top) * (PLOT.bottom - PLOT.top);
  const grid = [
    ...Array.from({ length: top + 1 }, (_, k) =>
      el(
        "g",
        {},
        el("line", { x1: PLOT.left, x2: PLOT.right, y1: y(10 ** k), y2: y(10 ** k), stroke: "#e3e3e3" }),
        textEl(
          "text",
          { x: PLOT.left - 8, y: y(10 ** k) + 4, "text-anchor": "end", fill: "#444" },
          grouped(10 ** k),
        ),
      ),
    ),
    ...Array.from({ length: xMax - xMin + 1 }, (_, k) =>
      textEl(
        "text",
        { x: x(xMin + k), y: PLOT.bottom + 18, "text-anchor": "middle", fill: "#444" },
        plot.xTickLabels?.[k] ?? String(xMin + k),
      ),
    ),
  ];
  const nameY = spread(
    plot.series.map((s) => y(s.points[s.points.length - 1]?.y ?? 1) + 4),
    16,
  );
  const lines = plot.series.map((s, i) => {
    const style = STYLES[i % STYLES.length] ?? STYLES[0];
    const path = s.points.map((p) => `${x(p.x)},${y(p.y)}`).join(" ");
    const last = s.points[s.points.length - 1];
    return el(
      "g",
      { class: "series" },
      el("polyline", {
        points: path,
        fill: "none",
        stroke: style.colour,
        "stroke-width": 2.2,
        "stroke-dasharray": style.dash,
      }),
      ...s.points.map((p) =>
        el(
          "g",
          {},
          marker(style.shape, x(p.x), y(p.y), style.colour, p.atLeast),
          textEl(
            "text",
            { x: x(p.x), y: y(p.y) - 10, "text-anchor": "middle", "font-size": 10.5, fill: style.colour },
            `${p.atLeast ? "≥ " : ""}${grouped(p.y)}`,
          ),
        ),
      ),
      last === undefined
        ? ""
        : textEl(
            "text",
            { x: x(last.x) + 12, y: nameY[i] ?? 0, fill: style.colour, "font-weight": "bold" },
            s.name,
          ),
    );
  });
  return `${el(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      width: WIDTH,
      height: HEIGHT,
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      "font-family": "DejaVu Sans, Helvetica, Arial, sans-serif",
      "font-size": 12,
      role: "img",
      "aria-label": plot.title,
    },
    el("rect", { width: WIDTH, height: HEIGHT, fill: "white" }),
    textEl("text", { x: 20, y: 28, "font-size": 15, "font-weight": "bold" }, plot.title),
    ...grid,
    el("line", { x1: PLOT.left, x2: PLOT.left, y1: PLOT.top - 10, y2: PLOT.bottom, stroke: "#333" }),
    el("line", { x1: PLOT.left, x2: PLOT.right, y1: PLOT.bottom, y2: PLOT.bottom, stroke: "#333" }),
    textEl(
      "text",
      { x: (PLOT.left + PLOT.right) / 2, y: PLOT.bottom + 40, "text-anchor": "middle" },
      plot.xLabel,
    ),
    textEl(
      "text",
      {
        x: 22,
        y: (PLOT.top + PLOT.bottom) / 2,
        transform: `rotate(-90 22 ${(PLOT.top + PLOT.bottom) / 2})`,
        "text-anchor": "middle",
      },
      plot.yLabel,
    ),
    ...lines,
    textEl("text", { x: 20, y: HEIGHT - 20, "font-size": 11, fill: "#555" }, plot.note),
  )}\n`;
}

/** The positions `ys`, moved apart (lowest first) until neighbours are at least `gap` apart. */
function spread(ys: readonly number[], gap: number): number[] {
  const order = ys.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out: number[] = [...ys];
  let previous = Number.NEGATIVE_INFINITY;
  for (const [v, i] of order) {
    previous = Math.max(v, previous + gap);
    out[i] = previous;
  }
  return out;
}

/** A point marker: filled, or hollow for a lower bound. */
function marker(shape: string, cx: number, cy: number, colour: string, hollow: boolean): string {
  const paint = { fill: hollow ? "white" : colour, stroke: colour, "stroke-width": 2 };
  if (shape === "circle") return el("circle", { cx, cy, r: 5, ...paint });
  const d =
    shape === "square"
      ? `M${cx - 4.5},${cy - 4.5}h9v9h-9z`
      : shape === "diamond"
        ? `M${cx},${cy - 6}l6,6l-6,6l-6,-6z`
        : `M${cx},${cy - 6}l6,10h-12z`;
  return el("path", { d, ...paint });
}
