/**
 * GraphML (http://graphml.graphdrawing.org/) for any graphology graph whose attributes are scalars:
 * each attribute becomes a declared `<key>` typed from its values (boolean, int, double, else
 * string), so yEd, Gephi, Cytoscape and networkx read them typed. Written by hand: no graphology
 * package writes GraphML.
 */
import type { AbstractGraph, Attributes } from "graphology-types";
import { el, textEl } from "./xml.js";

type GraphmlType = "boolean" | "int" | "double" | "string";

interface Key {
  readonly id: string;
  readonly name: string;
  readonly type: GraphmlType;
}

/** The GraphML document of `graph`. Nodes keep their keys as ids; edges are numbered e0, e1, … */
export function toGraphml(graph: AbstractGraph): string {
  const nodeAttrs = graph.mapNodes((_, a) => a);
  const edgeAttrs = graph.mapEdges((_, a) => a);
  const nodeKeys = keysOf(nodeAttrs, "n");
  const edgeKeys = keysOf(edgeAttrs, "e");
  const data = (keys: readonly Key[], attrs: Attributes) =>
    keys.flatMap((k) =>
      attrs[k.name] === undefined ? [] : [textEl("data", { key: k.id }, valueText(attrs[k.name]))],
    );
  const declare = (keys: readonly Key[], domain: string) =>
    keys.map((k) => el("key", { id: k.id, for: domain, "attr.name": k.name, "attr.type": k.type }));
  const nodes = graph.mapNodes((node, attrs) => `  ${el("node", { id: node }, ...data(nodeKeys, attrs))}`);
  const edges = graph.mapEdges((_, attrs, source, target, _s, _t, undirected) => ({
    attrs,
    source,
    target,
    undirected,
  }));
  const directed = graph.type !== "undirected";
  const edgeLines = edges.map(
    (e, i) =>
      `  ${el(
        "edge",
        {
          id: `e${i}`,
          source: e.source,
          target: e.target,
          directed: graph.type === "mixed" ? String(!e.undirected) : undefined,
        },
        ...data(edgeKeys, e.attrs),
      )}`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...declare(nodeKeys, "node").map((k) => ` ${k}`),
    ...declare(edgeKeys, "edge").map((k) => ` ${k}`),
    ` <graph id="G" edgedefault="${directed ? "directed" : "undirected"}">`,
    ...nodes,
    ...edgeLines,
    " </graph>",
    "</graphml>",
    "",
  ].join("\n");
}

/** One key per attribute name, in order of first appearance, typed by every value it takes. */
function keysOf(items: readonly Attributes[], prefix: string): Key[] {
  const types = new Map<string, GraphmlType>();
  for (const attrs of items) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined) continue;
      types.set(name, widen(types.get(name), typeOf(value)));
    }
  }
  return [...types].map(([name, type], i) => ({ id: `${prefix}${i}`, name, type }));
}

function typeOf(value: unknown): GraphmlType {
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number")
    return Number.isSafeInteger(value) && Math.abs(value) < 2 ** 31 ? "int" : "double";
  return "string";
}

/** The narrowest type holding both: int and double make double, anything else mixed makes string. */
function widen(a: GraphmlType | undefined, b: GraphmlType): GraphmlType {
  if (a === undefined || a === b) return b;
  if ((a === "int" && b === "double") || (a === "double" && b === "int")) return "double";
  return "string";
}

function valueText(value: unknown): string {
  return typeof value === "string"
    ? value
    : typeof value === "object"
      ? JSON.stringify(value)
      : String(value);
}
