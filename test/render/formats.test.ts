/**
 * Every export format read back by a reader of its own: ShiViz by its regex (and its vector clocks
 * checked against the run), Mermaid line by line, GEXF by graphology-gexf's parser, GraphML by an
 * XML reader, DOT by a DOT reader, and the ITF counterexamples by the ITF schema.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { MultiDirectedGraph } from "graphology";
import { parse } from "graphology-gexf";
import { describe, expect, it } from "vitest";
import { check } from "../../src/engine/check.js";
import { toGraphology } from "../../src/graph/state-graph.js";
import { toDot } from "../../src/render/dot.js";
import { toGexf } from "../../src/render/gexf.js";
import { toGraphml } from "../../src/render/graphml.js";
import { mermaidSequence, mermaidText } from "../../src/render/mermaid.js";
import { SHIVIZ_REGEX, shivizLog } from "../../src/render/shiviz.js";
import { modelOf } from "../support/models.js";
import { parseDot } from "./dot-parser.js";
import { OVERTAKING, OVERTAKING_REASON, runOf } from "./runs.js";
import { descendants, parseXml } from "./xml.js";

const model = modelOf({ balances: [1, 1], channels: "nonfifo" });
const run = runOf(model, OVERTAKING, { reason: OVERTAKING_REASON });

describe("ShiViz", () => {
  const log = shivizLog(model, run);
  const [regexLine, delimiter, ...rest] = log.split("\n");
  const events = [...rest.join("\n").matchAll(new RegExp(regexLine ?? "", "g"))].map((m) => ({
    event: m.groups?.event ?? "",
    host: m.groups?.host ?? "",
    clock: JSON.parse(m.groups?.clock ?? "{}") as Record<string, number>,
  }));

  it("starts with the parsing regex and an empty delimiter line, and every event matches it", () => {
    expect(regexLine).toBe(SHIVIZ_REGEX);
    expect(delimiter).toBe("");
    expect(events.length).toBe(rest.filter((l) => l !== "").length / 2);
    expect(events.map((e) => e.host)).toEqual(["P0", "P0", "P1", "P1", "P1", "P1", "P0"]);
  });

  it("ticks each host's own entry by one per event, starting at 1", () => {
    const seen = new Map<string, number>();
    for (const e of events) {
      const n = (seen.get(e.host) ?? 0) + 1;
      expect(e.clock[e.host]).toBe(n);
      seen.set(e.host, n);
    }
  });

  it("orders a receive after its send: the clocks are the run's happens-before", () => {
    const send = events.find((e) => e.event.startsWith("P1 sends M on c(1,0)"));
    const receive = events.find((e) => e.event.startsWith("P0 receives M on c(1,0)"));
    for (const [host, n] of Object.entries(send?.clock ?? {}))
      expect(receive?.clock[host] ?? 0).toBeGreaterThanOrEqual(n);
    // P1's transfer was never received: nothing on P0 knows of it beyond the marker sent after it.
    const transfer = events.find((e) => e.event.startsWith("P1 sends T on c(1,0)"));
    expect(transfer?.clock).toEqual({ P1: 1 });
    expect(events[1]?.clock).toEqual({ P0: 2 });
  });
});

describe("Mermaid", () => {
  const text = mermaidSequence(model, run);
  const lines = text.trimEnd().split("\n");
  const arrow = /^ {2}(P\d+)(->>|-->>|-\)|--\)|-x|--x)(P\d+): [^;\n]+$/;
  const note = /^ {2}Note over P\d+(,P\d+)?: [^;\n]+$/;

  it("is a sequenceDiagram of participants, arrows, notes and highlighted blocks", () => {
    expect(lines[0]).toBe("sequenceDiagram");
    expect(lines.slice(1, 3)).toEqual(["  participant P0", "  participant P1"]);
    const unknown = lines
      .slice(3)
      .filter((l) => !arrow.test(l) && !note.test(l) && !/^ {2}(rect rgb\(\d+, \d+, \d+\)|end)$/.test(l));
    expect(unknown).toEqual([]);
    expect(lines.filter((l) => l.includes("rect")).length).toBe(lines.filter((l) => l === "  end").length);
  });

  it("has one arrow per message, the one still in flight open-headed and highlighted", () => {
    expect(lines.filter((l) => arrow.test(l)).length).toBe(3);
    const flying = lines.findIndex((l) => l.startsWith("  P1-)P0: T on c(1,0)"));
    expect(lines[flying - 1]).toMatch(/^ {2}rect/);
    expect(lines.filter((l) => l.includes("records")).length).toBe(2);
  });

  it("turns characters Mermaid would read as syntax into entity codes", () => {
    expect(mermaidText('a;b#c<d>"e\nf')).toBe("a#59;b#35;c#60;d#62;#34;e#10;f");
  });
});

describe("the global-state graph", () => {
  const space = check(modelOf({ balances: [1, 1] }), [], { limits: { maxStates: 720 }, graph: true }).space;
  const graph = toGraphology(space);

  it("GEXF reads back with graphology-gexf: every state with its attributes, every step", () => {
    const back = parse(MultiDirectedGraph, toGexf(graph, "step"));
    expect(back.order).toBe(155);
    expect(back.size).toBe(294);
    graph.forEachNode((node, attrs) => expect(back.getNodeAttributes(node)).toMatchObject(attrs));
    const steps = (g: typeof graph) => g.mapEdges((_, a, s, t) => `${s}>${t}:${a.step}`).sort();
    expect(steps(back as typeof graph)).toEqual(steps(graph));
  });

  it("GraphML is XML with typed keys, and every node and edge carries its data", () => {
    const root = parseXml(toGraphml(graph));
    const all = descendants(root);
    const keys = all.filter((e) => e.name === "key");
    expect(keys.map((k) => [k.attrs.for, k.attrs["attr.name"], k.attrs["attr.type"]])).toEqual([
      ["node", "key", "string"],
      ["node", "depth", "int"],
      ["node", "complete", "boolean"],
      ["node", "deadlock", "boolean"],
      ["edge", "step", "string"],
    ]);
    const name = new Map(keys.map((k) => [k.attrs.id, k.attrs["attr.name"]]));
    const data = (e: (typeof all)[number]) =>
      Object.fromEntries(e.children.map((d) => [name.get(d.attrs.key), d.text]));
    const nodes = all.filter((e) => e.name === "node");
    expect(nodes.length).toBe(155);
    for (const n of nodes) {
      const a = graph.getNodeAttributes(n.attrs.id as string);
      expect(data(n)).toEqual({
        key: a.key,
        depth: String(a.depth),
        complete: String(a.complete),
        deadlock: String(a.deadlock),
      });
    }
    const edges = all
      .filter((e) => e.name === "edge")
      .map((e) => `${e.attrs.source}>${e.attrs.target}:${data(e).step}`);
    expect(edges.sort()).toEqual(graph.mapEdges((_, a, s, t) => `${s}>${t}:${a.step}`).sort());
  });

  it("DOT reads back: the same nodes with their attributes and the same labelled edges", () => {
    const dot = parseDot(toDot(graph, 'states "of" \\ bank', { edge: (a) => ({ label: String(a.step) }) }));
    expect(dot.directed).toBe(true);
    expect(dot.name).toBe('states "of" \\ bank');
    expect(dot.nodes.size).toBe(155);
    graph.forEachNode((node, a) =>
      expect(dot.nodes.get(node)).toEqual({
        key: a.key,
        depth: String(a.depth),
        complete: String(a.complete),
        deadlock: String(a.deadlock),
      }),
    );
    const edges = dot.edges.map((e) => `${e.source}>${e.target}:${e.attrs.step}:${e.attrs.label}`);
    expect(edges.sort()).toEqual(graph.mapEdges((_, a, s, t) => `${s}>${t}:${a.step}:${a.step}`).sort());
  });
});

/** ITF values (https://apalache-mc.org/docs/adr/015adr-trace.html): why `v` is not one, or null. */
function itfError(v: unknown, at: string): string | null {
  if (typeof v === "boolean" || typeof v === "string") return null;
  if (typeof v === "number") return Number.isSafeInteger(v) ? null : `${at}: ${v} is not a safe integer`;
  if (Array.isArray(v)) return v.map((x, i) => itfError(x, `${at}[${i}]`)).find((e) => e !== null) ?? null;
  if (typeof v !== "object" || v === null) return `${at}: not an ITF value`;
  const o = v as Record<string, unknown>;
  if ("#bigint" in o)
    return typeof o["#bigint"] === "string" && /^-?\d+$/.test(o["#bigint"]) ? null : `${at}: bad #bigint`;
  for (const tag of ["#tup", "#set"]) if (tag in o) return itfError(o[tag], `${at}.${tag}`);
  if ("#map" in o) {
    const pairs = o["#map"];
    if (!Array.isArray(pairs) || !pairs.every((p) => Array.isArray(p) && p.length === 2))
      return `${at}: #map needs [key, value] pairs`;
    return itfError(pairs.flat(), `${at}.#map`);
  }
  const bad = Object.keys(o).find((k) => k.startsWith("#"));
  if (bad !== undefined) return `${at}: unknown ITF tag ${bad}`;
  return (
    Object.entries(o)
      .map(([k, x]) => itfError(x, `${at}.${k}`))
      .find((e) => e !== null) ?? null
  );
}

describe("the ITF counterexamples", () => {
  const files = (readdirSync("counterexamples", { recursive: true }) as string[]).filter((f) =>
    f.endsWith(".itf.json"),
  );

  it.each(files)("%s follows the ITF schema", (f) => {
    const trace = JSON.parse(readFileSync(join("counterexamples", f), "utf8"));
    expect(trace["#meta"].format).toBe("ITF");
    expect(Array.isArray(trace.vars) && trace.vars.every((v: unknown) => typeof v === "string")).toBe(true);
    expect(Array.isArray(trace.states)).toBe(true);
    trace.states.forEach((s: Record<string, unknown>, i: number) => {
      expect(s["#meta"]).toMatchObject({ index: i });
      expect(
        Object.keys(s)
          .filter((k) => k !== "#meta")
          .sort(),
      ).toEqual([...trace.vars].sort());
      const { "#meta": _, ...values } = s;
      expect(itfError(values, `states[${i}]`)).toBeNull();
    });
    if (trace.loop !== undefined)
      expect(Number.isInteger(trace.loop) && trace.loop < trace.states.length).toBe(true);
  });

  it("the schema check rejects what is not ITF", () => {
    expect(itfError({ x: { "#bigint": "1.5" } }, "s")).toMatch(/bad #bigint/);
    expect(itfError({ x: { "#weird": 1 } }, "s")).toMatch(/unknown ITF tag/);
    expect(itfError({ x: { "#map": [[1]] } }, "s")).toMatch(/pairs/);
    expect(itfError({ x: 0.5 }, "s")).toMatch(/safe integer/);
  });
});
