/**
 * A reader for the DOT subset snapcheck writes — `digraph "name" { "n" [k="v", …]; "a" -> "b" [ … ]; }`
 * — strict enough to fail on a quote or backslash that was not escaped.
 */

export interface DotGraph {
  readonly directed: boolean;
  readonly name: string;
  readonly nodes: Map<string, Record<string, string>>;
  readonly edges: { source: string; target: string; attrs: Record<string, string> }[];
}

const TOKEN = /\s*(?:"((?:[^"\\]|\\.)*)"|([A-Za-z_][\w]*)|(->|--|[{}[\]=,;]))/y;

function tokens(text: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.trimEnd().length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (m === null) throw new Error(`unexpected text at ${at}: ${text.slice(at, at + 40)}`);
    // A quoted string is marked with a leading quote, so it can never be taken for punctuation.
    out.push(
      m[1] !== undefined
        ? `"${m[1].replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c))}`
        : (m[2] ?? m[3] ?? ""),
    );
  }
  return out;
}

export function parseDot(text: string): DotGraph {
  const t = tokens(text);
  let i = 0;
  const take = (expected?: string) => {
    const tok = t[i++];
    if (tok === undefined || (expected !== undefined && tok !== expected))
      throw new Error(`expected ${expected ?? "a token"}, got ${tok}`);
    return tok;
  };
  const id = () => {
    const tok = take();
    if (!tok.startsWith('"')) throw new Error(`expected a quoted id, got ${tok}`);
    return tok.slice(1);
  };
  const attrs = () => {
    const out: Record<string, string> = {};
    if (t[i] !== "[") return out;
    take("[");
    while (t[i] !== "]") {
      const k = id();
      take("=");
      out[k] = id();
      if (t[i] === ",") take(",");
    }
    take("]");
    return out;
  };
  const kind = take();
  if (kind !== "digraph" && kind !== "graph") throw new Error(`expected digraph, got ${kind}`);
  const graph: DotGraph = { directed: kind === "digraph", name: id(), nodes: new Map(), edges: [] };
  take("{");
  while (t[i] !== "}") {
    const source = id();
    if (t[i] === "->" || t[i] === "--") {
      take();
      const target = id();
      graph.edges.push({ source, target, attrs: attrs() });
    } else graph.nodes.set(source, attrs());
    take(";");
  }
  take("}");
  if (i !== t.length) throw new Error("text after the graph");
  return graph;
}
