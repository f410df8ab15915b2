/**
 * A small explored global-state graph as a picture (like Stateright's Explorer): states in columns
 * by their distance from the initial state, every explored step an edge, the run drawn thick in red
 * through its states (numbered by their place in the run), states with a complete snapshot filled.
 * Path nodes carry `data-run` (their indices in the run) for the report's step slider.
 */
import type { StateSpace } from "../engine/state-space.js";
import { everyInstanceComplete } from "../model/snapshot.js";
import type { GlobalState } from "../model/types.js";
import { el, textEl } from "./xml.js";

const COLUMN = 120;
const ROW = 16;
const TOP = 34;
const LEFT = 30;

/** The graph of `space` with the run through `states` highlighted; states must all be in the space. */
export function stateGraphSvg(space: StateSpace, states: readonly GlobalState[]): string {
  const { model } = space;
  const runIndices = new Map<number, number[]>();
  states.forEach((s, i) => {
    const id = space.idOf(s);
    if (id === undefined) throw new RangeError(`state ${i} of the run is not in the explored graph`);
    runIndices.set(id, [...(runIndices.get(id) ?? []), i]);
  });
  // Columns by depth, each state below the ones found before it (BFS order).
  const layers: number[][] = [];
  const position = new Map<number, readonly [number, number]>();
  for (let id = 0; id < space.size; id++) {
    const depth = space.depth(id);
    const layer = layers[depth] ?? [];
    layers[depth] = layer;
    position.set(id, [LEFT + depth * COLUMN, TOP + layer.length * ROW]);
    layer.push(id);
  }
  const at = (id: number) => position.get(id) ?? [0, 0];
  const runEdges = new Set(
    states.slice(1).map((s, i) => `${space.idOf(states[i] as GlobalState)}>${space.idOf(s)}`),
  );
  const edges: string[] = [];
  const path: string[] = [];
  for (let id = 0; id < space.size; id++) {
    for (const [step, target] of space.edges(id)) {
      const [x1, y1] = at(id);
      const [x2, y2] = at(target);
      const onRun = runEdges.has(`${id}>${target}`);
      const line = el(
        "line",
        {
          x1,
          y1,
          x2,
          y2,
          stroke: onRun ? "#b0001e" : "#9aa",
          "stroke-width": onRun ? 3 : 0.8,
          opacity: onRun ? 1 : 0.5,
        },
        el("title", {}, textEl("tspan", {}, model.label(step))),
      );
      (onRun ? path : edges).push(line);
    }
  }
  const nodes = [...position.keys()].map((id) => {
    const [cx, cy] = at(id);
    const run = runIndices.get(id);
    const complete = everyInstanceComplete(space.state(id));
    return el(
      "g",
      { class: run === undefined ? "state" : "state run", "data-run": run?.join(" ") },
      el(
        "title",
        {},
        textEl(
          "tspan",
          {},
          `state ${id} (depth ${space.depth(id)}${complete ? ", snapshot complete" : ""}): ${model.key(space.state(id))}`,
        ),
      ),
      el("circle", {
        cx,
        cy,
        r: run === undefined ? 4 : 7,
        fill: complete ? "#1f4e9c" : "#fff",
        stroke: run === undefined ? "#567" : "#b0001e",
        "stroke-width": run === undefined ? 1 : 2.5,
      }),
      run === undefined
        ? ""
        : textEl(
            "text",
            { x: cx + 9, y: cy - 6, "font-size": 11, fill: "#b0001e", "font-weight": "bold" },
            run.join(","),
          ),
    );
  });
  const width = LEFT * 2 + (layers.length - 1) * COLUMN + 20;
  const height = TOP + Math.max(...layers.map((l) => l.length)) * ROW + 10;
  const depthLabels = layers.map((_, d) =>
    textEl(
      "text",
      { x: LEFT + d * COLUMN, y: 16, "text-anchor": "middle", fill: "#555", "font-size": 11 },
      `depth ${d}`,
    ),
  );
  return el(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      "font-family": "DejaVu Sans, sans-serif",
    },
    ...depthLabels,
    el("g", { class: "edges" }, ...edges),
    el("g", { class: "path" }, ...path),
    el("g", { class: "nodes" }, ...nodes),
  );
}
