/** The space-time diagram, read back as XML: what a person must see is there and in the right place. */
import { describe, expect, it } from "vitest";
import { spaceTimeSvg } from "../../src/render/space-time.js";
import { modelOf } from "../support/models.js";
import { OVERTAKING, OVERTAKING_REASON, runOf } from "./runs.js";
import { allText, descendants, parseXml, type XmlElement } from "./xml.js";

const model = modelOf({ balances: [1, 1], channels: "nonfifo" });
const svg = spaceTimeSvg(model, runOf(model, OVERTAKING, { reason: OVERTAKING_REASON }));
const root = parseXml(svg);
const all = descendants(root);
const byClass = (c: string) => all.filter((e) => (e.attrs.class ?? "").split(" ").includes(c));
const num = (e: XmlElement | undefined, a: string) => Number(e?.attrs[a]);
const arrowOf = (g: XmlElement) => g.children.filter((c) => c.name === "line").at(-1) as XmlElement;

describe("the space-time diagram", () => {
  it("is one SVG document with a horizontal line per process", () => {
    expect(root.name).toBe("svg");
    const lanes = byClass("lanes")[0]?.children.map((g) => g.children.find((c) => c.name === "line"));
    expect(lanes?.length).toBe(2);
    for (const l of lanes ?? []) expect(num(l, "y1")).toBe(num(l, "y2"));
  });

  it("draws application messages solid and labelled, markers dashed", () => {
    const app = byClass("app");
    const markers = byClass("marker");
    expect(app.map((g) => allText(g.children.find((c) => c.name === "text") as XmlElement))).toEqual([
      "T (in flight) ✗",
    ]);
    expect(markers.length).toBe(2);
    for (const g of markers) expect(arrowOf(g).attrs["stroke-dasharray"]).toBe("6 4");
  });

  it("runs the message still in flight to the right edge, past every event", () => {
    const [flying] = byClass("in-flight");
    const end = num(arrowOf(flying as XmlElement), "x2");
    const lastReceive = Math.max(...byClass("marker").map((g) => num(arrowOf(g), "x2")));
    expect(end).toBeGreaterThan(lastReceive + 40);
    expect(allText(flying?.children[0] as XmlElement)).toContain("still in flight at the end");
  });

  it("draws the marker that overtook the transfer: sent after it, received while it is still on its way", () => {
    const [t] = byClass("app");
    const overtaking = byClass("marker").find((g) => allText(g).includes("overtakes T"));
    expect(overtaking).toBeDefined();
    expect(num(arrowOf(overtaking as XmlElement), "x1")).toBeGreaterThan(num(arrowOf(t as XmlElement), "x1"));
  });

  it("puts a dot at each recording and draws the cut through the dots", () => {
    const dots = byClass("record").map((g) => g.children.find((c) => c.name === "circle") as XmlElement);
    expect(dots.length).toBe(2);
    const cut = byClass("cut")[0]?.children.find((c) => c.name === "polyline");
    const points = cut?.attrs.points?.split(" ") ?? [];
    for (const d of dots) expect(points).toContain(`${d.attrs.cx},${d.attrs.cy}`);
  });

  it("highlights the offending message thicker and striped, so it reads in greyscale", () => {
    const [bad] = byClass("offending");
    const lines = bad?.children.filter((c) => c.name === "line") ?? [];
    expect(lines[0]?.attrs.stroke).toBe("url(#hatch)");
    const widths = byClass("message").map((g) => num(arrowOf(g), "stroke-width"));
    expect(num(arrowOf(bad as XmlElement), "stroke-width")).toBe(Math.max(...widths));
    expect(all.some((e) => e.name === "pattern" && e.attrs.id === "hatch")).toBe(true);
  });

  it("states the reason in a caption", () => {
    const text = all
      .filter((e) => e.name === "text")
      .map(allText)
      .join(" ");
    expect(text).toContain(`Why it fails: ${OVERTAKING_REASON}.`);
    expect(text).toContain("c(1,0) was recorded as ⟨⟩, but ⟨T⟩ crossed the cut on it");
  });

  it("is the same text for the same run", () => {
    expect(spaceTimeSvg(model, runOf(model, OVERTAKING, { reason: OVERTAKING_REASON }))).toBe(svg);
  });

  it("keeps text from a file as text: no element or attribute can be injected", () => {
    const hostile = '<script>alert(1)</script><g onload="alert(2)">&amp;';
    const doc = parseXml(
      spaceTimeSvg(model, runOf(model, OVERTAKING, { title: hostile, reason: hostile, notes: [hostile] })),
    );
    const elements = descendants(doc);
    expect(elements.some((e) => e.name === "script" || "onload" in e.attrs)).toBe(false);
    expect(allText(doc)).toContain(hostile);
  });

  it("marks where a lasso's loop starts", () => {
    const doc = parseXml(spaceTimeSvg(model, runOf(model, OVERTAKING, { loop: 2 })));
    const loop = descendants(doc).find((e) => e.attrs.class === "loop");
    const boundary = descendants(doc)
      .filter((e) => e.attrs.class === "step")[2]
      ?.children.find((c) => c.name === "line");
    expect(Number(loop?.children[0]?.attrs.x1)).toBeCloseTo(Number(boundary?.attrs.x1) + 2, 5);
    expect(allText(loop as XmlElement)).toContain("the run returns here");
  });

  it("draws a run in which nobody recorded without a cut", () => {
    const fifo = modelOf({ balances: [1, 0] });
    const doc = parseXml(spaceTimeSvg(fifo, runOf(fifo, ["send(P0→P1)"])));
    expect(descendants(doc).filter((e) => e.attrs.class === "cut")).toEqual([]);
    expect(allText(doc)).toContain("not recorded");
  });
});
