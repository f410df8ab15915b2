/**
 * The assumption matrix as a picture: rows algorithms, columns channel disciplines, each cell
 * holding its verdict as a symbol and words (✓ holds, ✗ and the failing properties, or "not
 * modelled") on a fill that also differs in greyscale (light for holds, dark with white text for
 * fails, hatched for not modelled).
 */
import { el, textEl } from "./xml.js";

export type CellVerdict = "holds" | "fails" | "not modelled";

export interface MatrixPicture {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly {
    readonly name: string;
    readonly cells: readonly { readonly verdict: CellVerdict; readonly lines: readonly string[] }[];
  }[];
  readonly note: string;
}

const HEAD = 150;
const CELL_W = 150;
const LINE = 16;
const FILL: Record<CellVerdict, string> = {
  holds: "#d9f0d3",
  fails: "#762a83",
  "not modelled": "url(#hatch)",
};
const INK: Record<CellVerdict, string> = { holds: "#1b4d1b", fails: "#ffffff", "not modelled": "#333333" };

export function matrixSvg(picture: MatrixPicture): string {
  const rowHeight =
    LINE * (1 + Math.max(1, ...picture.rows.flatMap((r) => r.cells.map((c) => c.lines.length))));
  const width = HEAD + CELL_W * picture.columns.length + 20;
  const top = 60;
  const height = top + rowHeight * picture.rows.length + 50;
  const header = picture.columns.map((c, i) =>
    textEl(
      "text",
      { x: HEAD + CELL_W * i + CELL_W / 2, y: top - 10, "text-anchor": "middle", "font-weight": "bold" },
      c,
    ),
  );
  const rows = picture.rows.flatMap((row, r) => {
    const y = top + rowHeight * r;
    return [
      textEl("text", { x: 10, y: y + rowHeight / 2 + 5, "font-weight": "bold" }, row.name),
      ...row.cells.map((cell, i) => {
        const x = HEAD + CELL_W * i;
        const symbol = cell.verdict === "holds" ? "✓ " : cell.verdict === "fails" ? "✗ " : "";
        const lines = cell.lines.map((line, k) =>
          textEl(
            "text",
            { x: x + 8, y: y + LINE * (k + 1) + 2, fill: INK[cell.verdict] },
            `${k === 0 ? symbol : "  "}${line}`,
          ),
        );
        const box = el("rect", {
          x,
          y,
          width: CELL_W - 4,
          height: rowHeight - 4,
          fill: FILL[cell.verdict],
          stroke: "#555",
        });
        return el("g", {}, box, ...lines);
      }),
    ];
  });
  const hatch = el(
    "pattern",
    { id: "hatch", width: 8, height: 8, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
    el("rect", { width: 8, height: 8, fill: "#eeeeee" }),
    el("line", { x1: 0, y1: 0, x2: 0, y2: 8, stroke: "#bbbbbb", "stroke-width": 3 }),
  );
  return `${el(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      "font-family": "sans-serif",
      "font-size": 12,
    },
    textEl("title", {}, picture.title),
    el("defs", {}, hatch),
    el("rect", { width, height, fill: "#ffffff" }),
    textEl("text", { x: 10, y: 22, "font-size": 15, "font-weight": "bold" }, picture.title),
    ...header,
    ...rows,
    textEl("text", { x: 10, y: height - 15, fill: "#444444" }, picture.note),
  )}\n`;
}
