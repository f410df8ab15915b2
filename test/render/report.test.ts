/** The HTML report: self-contained, every state of the run in its data, nothing from the file executable. */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { readTraceInput } from "../../src/cli/trace-input.js";
import { reportHtml } from "../../src/render/html-report.js";
import { stepViews } from "../../src/render/step-views.js";
import { modelOf } from "../support/models.js";
import { HOSTILE, hostileScenario } from "./hostile.js";
import { OVERTAKING, OVERTAKING_REASON, runOf } from "./runs.js";

const model = modelOf({ balances: [1, 1], channels: "nonfifo" });
const run = runOf(model, OVERTAKING, { reason: OVERTAKING_REASON });
const html = reportHtml(model, run, { source: "x.itf.json" });

/** The text of every <script> element, with its opening tag. */
const scripts = (page: string) =>
  [...page.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({ attrs: m[1], body: m[2] ?? "" }));

describe("the report page", () => {
  it("loads nothing from anywhere: no src, no href, no url() but the page's own fragments", () => {
    expect(html).not.toMatch(/\s(src|href)=/i);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect([...html.matchAll(/url\(([^)]*)\)/g)].every((m) => m[1]?.startsWith("#"))).toBe(true);
    expect(html).toContain("default-src 'none'");
  });

  it("admits exactly its one script, by hash", () => {
    const code = scripts(html).filter((s) => !s.attrs?.includes("application/json"));
    expect(code.length).toBe(1);
    const hash = createHash("sha256")
      .update(code[0]?.body ?? "")
      .digest("base64");
    expect(html).toContain(`script-src 'sha256-${hash}'`);
  });

  it("carries every state of the run, with the snapshot as it is being recorded", () => {
    const data = JSON.parse(scripts(html).find((s) => s.attrs?.includes("run-data"))?.body ?? "{}");
    expect(data.steps).toEqual(stepViews(model, run));
    expect(data.steps.map((s: { label: string }) => s.label)).toEqual(["initial state", ...OVERTAKING]);
    const [, afterInitiate, , end] = data.steps;
    expect(afterInitiate.processes[0]).toEqual({ name: "P0", state: "balance 1", recorded: "balance 1" });
    expect(afterInitiate.channels.find((c: { name: string }) => c.name === "c(1,0)")).toEqual({
      name: "c(1,0)",
      inFlight: [],
      recorded: [],
      recording: "recording",
    });
    expect(end.snapshot).toBe("in progress");
    expect(data.steps[4].snapshot).toBe("complete");
    expect(data.steps[4].channels[1].inFlight).toEqual(["T"]);
  });

  it("escapes everything a crafted trace holds: its text cannot open an element or end the script", () => {
    const { run: replayed, view } = readTraceInput(hostileScenario());
    const page = reportHtml(replayed.model, view, { source: '"><script>alert(3)</script>' });
    expect(scripts(page).length).toBe(2);
    expect(page).not.toMatch(/<img|<script>window|<script>alert|<!-- ]]>/);
    const island = scripts(page).find((s) => s.attrs?.includes("run-data"))?.body ?? "";
    expect(island).not.toMatch(/[<>&\u2028]/);
    expect(
      JSON.parse(island)
        .steps.slice(1)
        .map((s: { note: string }) => s.note),
    ).toEqual(HOSTILE);
  });
});
