/**
 * GEXF (Gephi's format) through graphology-gexf: every attribute a typed GEXF attribute, nodes
 * labelled by their key and edges by a chosen attribute (the step, for the state graph).
 */
import { write } from "graphology-gexf";
import type { AbstractGraph } from "graphology-types";

/** The GEXF 1.3 document of `graph`; `edgeLabel` names the edge attribute shown as its label. */
export function toGexf(graph: AbstractGraph, edgeLabel?: string): string {
  return write(graph, {
    version: "1.3",
    formatNode: (key, attributes) => ({ label: key, attributes }),
    formatEdge: (_, attributes) => ({
      ...(edgeLabel === undefined ? {} : { label: String(attributes[edgeLabel]) }),
      attributes,
    }),
  });
}
