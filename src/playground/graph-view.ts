/**
 * The explored global-state graph drawn with sigma.js (graphology's WebGL renderer): states in
 * columns by their distance from the initial state, the counterexample's path in red, states with
 * a complete snapshot in blue; clicking a state shows what it holds.
 */
import Graph from "graphology";
import Sigma from "sigma";
import { h, table } from "./dom.js";
import type { GraphData } from "./protocol.js";

const seq = (items: readonly string[]) => `⟨${items.join(", ")}⟩`;

/** Draws `data` into `container` with `path` (state ids) highlighted; returns a function that removes it. */
export function drawGraph(
  container: HTMLElement,
  data: GraphData,
  path: readonly number[],
  onSelect: (id: number) => void,
): () => void {
  const onPath = new Set(path);
  const pathEdges = new Set(path.slice(1).map((to, i) => `${path[i]}>${to}`));
  const graph = new Graph({ type: "directed", multi: true, allowSelfLoops: true });
  const rowOf = rowsByDepth(data);
  // Columns one unit apart; rows stretched so the tallest column fills the box's height.
  const columns = Math.max(1, ...data.nodes.map((n) => n.depth));
  const tallest = Math.max(1, ...rowOf.map(([, count]) => count - 1));
  const rowHeight = (columns * container.clientHeight) / Math.max(1, container.clientWidth) / tallest;
  data.nodes.forEach((node, id) => {
    const [row] = rowOf[id] ?? [0];
    const runIndex = path.indexOf(id);
    graph.addNode(String(id), {
      x: node.depth,
      y: -row * rowHeight,
      size: onPath.has(id) ? 7 : 4,
      color: onPath.has(id) ? "#c0152f" : node.complete ? "#1f4e9c" : "#8c8c8c",
      label: runIndex >= 0 ? String(runIndex) : "",
    });
  });
  for (const { from, to, label } of data.edges) {
    const highlighted = pathEdges.has(`${from}>${to}`);
    graph.addEdge(String(from), String(to), {
      size: highlighted ? 3 : 0.5,
      color: highlighted ? "#c0152f" : "#d0d0d0",
      label,
    });
  }
  const renderer = new Sigma(graph, container, {
    settings: { renderEdgeLabels: false, itemSizesReference: "screen" },
  });
  renderer.on("clickNode", ({ node }) => onSelect(Number(node)));
  return () => renderer.kill();
}

/** Per state: its row in its column (states in id order, that is as found) and its column's size. */
function rowsByDepth(data: GraphData): (readonly [number, number])[] {
  const counts: number[] = [];
  const rows = data.nodes.map((n) => {
    const row = counts[n.depth] ?? 0;
    counts[n.depth] = row + 1;
    return row;
  });
  return rows.map((row, id) => [row, counts[data.nodes[id]?.depth ?? 0] ?? 1] as const);
}

/**
 * State `id` as the report's panels show it, with a button per step it enables (like Stateright's
 * Explorer), so a user can walk the state space from any state by choosing the next action.
 */
export function stateTables(data: GraphData, id: number, onSelect: (id: number) => void): HTMLElement {
  const node = data.nodes[id];
  if (node === undefined) throw new RangeError(`no state ${id} in the graph`);
  const { view, depth } = node;
  const next = data.edges.filter((e) => e.from === id);
  const choose = ({ to, label }: GraphData["edges"][number]) => {
    const button = h("button", { type: "button", "data-to": String(to) }, `${label} → state ${to}`);
    button.addEventListener("click", () => onSelect(to));
    return button;
  };
  return h(
    "div",
    { "data-state": String(id) },
    h(
      "p",
      {},
      `State ${id}, ${depth} step${depth === 1 ? "" : "s"} from the initial state; snapshot ${view.snapshot}`,
    ),
    h(
      "p",
      { class: "next-steps" },
      next.length === 0 ? "No step is enabled here (or it lies at the depth bound)." : "Next: ",
      ...next.map(choose),
    ),
    table(
      ["process", "state", "recorded"],
      view.processes.map((p) => [p.name, p.state, p.recorded ?? "not recorded"]),
    ),
    table(
      ["channel", "in flight", "recorded", "recording"],
      view.channels.map((c) => [
        c.name,
        seq(c.inFlight),
        c.recording === "waiting" ? "—" : seq(c.recorded),
        c.recording,
      ]),
    ),
  );
}
