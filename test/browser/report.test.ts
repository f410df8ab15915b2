/**
 * The report in a real browser: Debian's Chromium driven by playwright-core loads the page from
 * disk, walks the non-FIFO counterexample with the keys, the buttons and the slider, and checks the
 * state panel and the cut; a crafted trace must run no script. A screenshot is kept in
 * test-artifacts/. Skipped, saying so, only where /usr/bin/chromium is absent (test/support/chromium.ts).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTraceInput } from "../../src/cli/trace-input.js";
import { reportHtml } from "../../src/render/html-report.js";
import { runGraph } from "../../src/render/run-graph.js";
import { HOSTILE, hostileScenario } from "../render/hostile.js";
import { type Browser, browserSuiteTitle, chromiumPresent, launchChromium } from "../support/chromium.js";

const ARTIFACTS = "test-artifacts";
const NONFIFO = "counterexamples/consistent-cut_bank_chandy-lamport_nonfifo_b1-1-0.itf.json";
const SMALL = "counterexamples/consistent-cut_orders_chandy-lamport_nonfifo_b1-1.itf.json";

/** Writes the report of `trace` to test-artifacts/NAME.html and returns its file:// URL. */
function report(trace: string, name: string): string {
  const { run, view } = readTraceInput(trace);
  const graph = runGraph(run.model, run.states);
  const html = reportHtml(run.model, view, {
    source: trace,
    ...(graph.kind === "drawn" ? { graph } : { graphNote: graph.note }),
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = resolve(ARTIFACTS, `${name}.html`);
  writeFileSync(file, html);
  return `file://${file}`;
}

const cells = (page: Page, table: string) =>
  page.$$eval(`#${table} tr`, (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
const titleOf = (page: Page) => page.textContent("#step-title");

describe.skipIf(!chromiumPresent)(browserSuiteTitle("the report in Chromium"), () => {
  let browser: Browser;
  let context: BrowserContext;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    context = browser.context;
    context.on("request", (r) => requests.push(r.url()));
    context.on("weberror", (e) => errors.push(e.error().message));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("walks the non-FIFO counterexample step by step and shows the cut", async () => {
    const url = report(NONFIFO, "report-nonfifo");
    const page = await context.newPage();
    await page.goto(url);
    expect(await titleOf(page)).toBe("Step 8 of 8: deliver(c(2,1): M)");

    await page.keyboard.press("Home");
    expect(await titleOf(page)).toBe("Initial state");
    expect((await cells(page, "processes"))[0]).toEqual(["P0", "balance 1", "not recorded"]);
    expect(await page.$$eval("#diagram .record.future", (e) => e.length)).toBe(3);

    await page.keyboard.press("ArrowRight");
    expect(await titleOf(page)).toBe("Step 1 of 8: initiate(P0)");
    expect((await cells(page, "processes"))[0]).toEqual(["P0", "balance 1", "balance 1"]);
    expect((await cells(page, "channels"))[0]).toEqual(["c(0,1)", "⟨M⟩", "—", "waiting"]);
    expect(await page.$$eval("#diagram .record.future", (e) => e.length)).toBe(2);

    await page.click("#next");
    await page.click("#next");
    expect(await titleOf(page)).toBe("Step 3 of 8: deliver(c(0,1): M)");
    expect((await cells(page, "processes"))[1]).toEqual(["P1", "balance 0", "balance 0"]);
    expect((await cells(page, "channels")).find((r) => r[0] === "c(1,0)")).toEqual([
      "c(1,0)",
      "⟨M, T⟩",
      "⟨⟩",
      "recording",
    ]);

    await page.$eval("#step", (slider) => {
      (slider as unknown as { value: string }).value = "5";
      slider.dispatchEvent(new Event("input"));
    });
    expect(await titleOf(page)).toBe("Step 5 of 8: deliver(c(1,0): M)");
    expect((await cells(page, "channels")).find((r) => r[0] === "c(1,0)")).toEqual([
      "c(1,0)",
      "⟨T⟩",
      "⟨⟩",
      "closed",
    ]);
    // The channel the cut got wrong is marked in the panel.
    expect(await page.$$eval("#channels tr.bad td:first-child", (e) => e.map((c) => c.textContent))).toEqual([
      "c(1,0)",
    ]);

    await page.keyboard.press("End");
    expect(await page.textContent("#snapshot")).toBe("Snapshot complete");
    const cut = await page.locator("#diagram .cut polyline").first().boundingBox();
    expect(cut !== null && cut.width > 100 && cut.height > 150).toBe(true);
    expect(await page.locator("#diagram .offending").isVisible()).toBe(true);
    expect(await page.$$eval("#diagram .future", (e) => e.length)).toBe(0);

    await page.screenshot({ path: join(ARTIFACTS, "report-nonfifo.png"), fullPage: true });
    expect(requests.every((r) => r === url)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it("marks the current state in the global-state graph of a small run", async () => {
    const page = await context.newPage();
    await page.goto(report(SMALL, "report-small"));
    await page.keyboard.press("Home");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    expect(await page.$$eval("#graph .current", (e) => e.map((n) => n.getAttribute("data-run")))).toEqual([
      "2",
    ]);
    expect(await page.$$eval("#graph .run", (e) => e.length)).toBe(5);
    await page.close();
  }, 60_000);

  it("runs no script from a crafted trace and shows its text as text", async () => {
    const page = await context.newPage();
    let dialogs = 0;
    page.on("dialog", async (d) => {
      dialogs++;
      await d.dismiss();
    });
    await page.goto(report(hostileScenario(), "report-hostile"));
    await page.keyboard.press("Home");
    await page.keyboard.press("ArrowRight");
    expect(await page.textContent("#step-note")).toBe(HOSTILE[0]);
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.$$eval("img, body > script", (e) => e.length)).toBe(2);
    expect(dialogs).toBe(0);
    await page.close();
  }, 60_000);
});
