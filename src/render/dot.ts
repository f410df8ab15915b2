/**
 * Graphviz DOT for any graphology graph: every attribute is written as a DOT attribute (Graphviz
 * keeps unknown ones, and tools reading DOT get the data), plus the drawing attributes a `style`
 * function adds, e.g. a label and a shape. Written by hand: no graphology package writes DOT.
 */
import type { AbstractGraph, Attributes } from "graphology-types";

export interface DotStyle {
  /** Drawing attributes for a node (label, shape, …), added after its own attributes. */
  readonly node?: (key: string, attrs: Attributes) => Readonly<Record<string, string>>;
  /** Drawing attributes for an edge. */
  readonly edge?: (attrs: Attributes) => Readonly<Record<string, string>>;
}

/** A DOT string literal: quotes and backslashes escaped, line breaks as \n. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, "\\n")}"`;
}

/** The DOT document of `graph`, named `name`. */
export function toDot(graph: AbstractGraph, name: string, style: DotStyle = {}): string {
  const directed = graph.type !== "undirected";
  const list = (attrs: Attributes, extra: Readonly<Record<string, string>>) => {
    const all = { ...attrs, ...extra };
    const items = Object.entries(all)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${dotString(k)}=${dotString(typeof v === "object" ? JSON.stringify(v) : String(v))}`);
    return items.length === 0 ? "" : ` [${items.join(", ")}]`;
  };
  const nodes = graph.mapNodes(
    (key, attrs) => `  ${dotString(key)}${list(attrs, style.node?.(key, attrs) ?? {})};`,
  );
  const edges = graph.mapEdges(
    (_, attrs, source, target) =>
      `  ${dotString(source)} ${directed ? "->" : "--"} ${dotString(target)}${list(attrs, style.edge?.(attrs) ?? {})};`,
  );
  return [`${directed ? "digraph" : "graph"} ${dotString(name)} {`, ...nodes, ...edges, "}", ""].join("\n");
}
