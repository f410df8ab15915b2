/**
 * The playground in a real browser: Vite builds the page once, Debian's Chromium opens it from disk
 * (file://), and the tests drive it as a user would — a non-FIFO bank on 3 processes refuted and its
 * counterexample walked with the keys, the same run again from the link, the same configuration
 * simulated with a seed, a pasted COS 418 scenario explored, FIFO proved with the global-state graph
 * clickable, a long search stopped, bad and crafted input shown as text only.
 * Every figure is compared with the same exploration run here in Node. No request may leave
 * file:// (the worker is a blob: of the page) and no page error may occur. A screenshot is kept in
 * test-artifacts/.
 */
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext, Frame, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelInput } from "../../src/cli/model-input.js";
import { buildModel, parseConfig } from "../../src/config.js";
import { explore } from "../../src/playground/engine.js";
import type { ExploreOutcome, SimulateOutcome } from "../../src/playground/protocol.js";
import { scenarioConfig } from "../../src/playground/scenario.js";
import { simulateRuns } from "../../src/playground/simulation.js";
import { hashOf, rawConfigOf, type Settings, settingsOf } from "../../src/playground/url-config.js";
import { HOSTILE, hostileScenario } from "../render/hostile.js";
import { type Browser, browserSuiteTitle, chromiumPresent, launchChromium } from "../support/chromium.js";

const ARTIFACTS = "test-artifacts";
// Built apart from dist/, which the package test packs meanwhile on the other worker.
const BUILT = mkdtempSync(join(tmpdir(), "snapcheck-playground-"));
const PAGE = pathToFileURL(join(BUILT, "index.html")).href;
const NONFIFO: Settings = {
  processes: "3",
  topology: "complete",
  balances: "1,1,0",
  workload: "bank",
  algorithm: "chandy-lamport",
  channels: "nonfifo",
  initiators: "0",
  maxDepth: "8",
};

/** The verdict row as the page shows it, and as the same exploration in Node says it should be. */
const verdictRow = (page: Page) =>
  page.$$eval("#verdicts tr", (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));

function expectedRow(settings: Settings): string[][] {
  return rowOf(explore(rawConfigOf(settings)));
}

/** The row an outcome computed here should show, its seconds left out. */
function rowOf(outcome: ExploreOutcome | SimulateOutcome): string[][] {
  const [open, figures] =
    "mode" in outcome
      ? ["? undecided", { runs: outcome.runs, steps: outcome.steps }]
      : ["? bound", { states: outcome.states, transitions: outcome.transitions }];
  return [
    ["search", ...outcome.properties.map((p) => p.name), ...Object.keys(figures)],
    [
      outcome.search,
      ...outcome.properties.map((p) => (p.holds ? (p.complete ? "✓" : open) : `✗ ${p.steps} steps`)),
      ...Object.values(figures).map((f) => f.toLocaleString("en")),
    ],
  ];
}

/** The title of a trace's last step in the walk-through. */
function lastStepTitle(trace: string | undefined): string {
  const steps: string[] = JSON.parse(trace ?? "{}")["#meta"].snapcheck.steps;
  return `Step ${steps.length} of ${steps.length}: ${steps.at(-1)}`;
}

const withoutSeconds = (rows: string[][]) => rows.map((r) => r.slice(0, -1));
const cells = (frame: Frame, table: string) =>
  frame.$$eval(`#${table} tr`, (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));

/** The walk-through's frame, once the report's script has filled it. */
async function walkthrough(page: Page): Promise<Frame> {
  const frame = await (await page.waitForSelector("#run")).contentFrame();
  if (frame === null) throw new Error("the walk-through has no frame");
  await frame.waitForSelector("#step-title:not(:empty)");
  return frame;
}

async function verdicts(page: Page): Promise<string[][]> {
  await page.waitForSelector("#verdicts tbody td", { timeout: 90_000 });
  return verdictRow(page);
}

describe.skipIf(!chromiumPresent)(browserSuiteTitle("the playground in Chromium"), () => {
  let browser: Browser;
  let context: BrowserContext;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    await build({
      configFile: resolve("src/playground/vite.config.ts"),
      logLevel: "warn",
      build: { outDir: BUILT },
    });
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium({ width: 1240, height: 1000 });
    context = browser.context;
    context.on("request", (r) => requests.push(r.url()));
    context.on("weberror", (e) => errors.push(e.error().message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    // Nothing left file:// but the worker, a blob: of the page itself.
    expect(requests.filter((r) => !r.startsWith("file://") && !r.startsWith("blob:null/"))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("refutes Chandy–Lamport under non-FIFO on 3 processes, walks the run, and reproduces it from the link", async () => {
    const page = await context.newPage();
    await page.goto(PAGE);
    await page.fill("[name=processes]", "3");
    await page.fill("[name=balances]", "1,1,0");
    await page.selectOption("[name=discipline]", "nonfifo");
    await page.fill("[name=maxDepth]", "8");
    await page.click("#explore");
    const row = await verdicts(page);
    expect(withoutSeconds(row)).toEqual(expectedRow(NONFIFO));
    expect(row[1]?.[1]).toBe("✗ 8 steps");
    expect(new URL(page.url()).hash).toBe(hashOf(NONFIFO));

    const frame = await walkthrough(page);
    expect(await frame.textContent("#step-title")).toBe("Step 8 of 8: deliver(c(2,1): M)");
    // The frame has the focus once opened: the keys walk the run straight away.
    await page.keyboard.press("Home");
    expect(await frame.textContent("#step-title")).toBe("Initial state");
    expect((await cells(frame, "processes"))[0]).toEqual(["P0", "balance 1", "not recorded"]);
    await page.keyboard.press("ArrowRight");
    expect(await frame.textContent("#step-title")).toBe("Step 1 of 8: initiate(P0)");
    expect((await cells(frame, "processes"))[0]).toEqual(["P0", "balance 1", "balance 1"]);
    expect((await cells(frame, "channels"))[0]).toEqual(["c(0,1)", "⟨M⟩", "—", "waiting"]);
    expect(await frame.$$eval("#diagram .record.future", (e) => e.length)).toBe(2);
    await page.keyboard.press("End");
    expect(await frame.textContent("#snapshot")).toBe("Snapshot complete");
    // The cut crosses every process line, and the channel it got wrong is the one the reason names.
    const cut = await frame.locator("#diagram .cut polyline").first().boundingBox();
    expect(cut !== null && cut.width > 100 && cut.height > 150).toBe(true);
    expect(await frame.locator("#diagram .offending").isVisible()).toBe(true);
    const bad = await frame.$$eval("#channels tr.bad td:first-child", (e) => e.map((c) => c.textContent));
    expect(bad).toHaveLength(1);
    expect(await frame.textContent(".reason")).toContain(`${bad[0]} was recorded as`);
    await page.screenshot({ path: join(ARTIFACTS, "playground-nonfifo.png"), fullPage: true });

    await page.reload();
    expect(withoutSeconds(await verdicts(page))).toEqual(withoutSeconds(row));
    expect(await page.inputValue("[name=discipline]")).toBe("nonfifo");
    const again = await walkthrough(page);
    expect(await again.textContent("#step-title")).toBe("Step 8 of 8: deliver(c(2,1): M)");
    await page.close();
  }, 120_000);

  it("proves Chandy–Lamport under FIFO on 2 processes; a click on the graph shows a state, its next steps walk on", async () => {
    const settings: Settings = { balances: "1,1" };
    const page = await context.newPage();
    await page.goto(`${PAGE}${hashOf(settings)}`);
    const row = await verdicts(page);
    expect(withoutSeconds(row)).toEqual(expectedRow(settings));
    expect(row[1]?.slice(1, -3).every((c) => c === "✓")).toBe(true);
    expect(await page.isHidden("#walkthrough")).toBe(true);
    const states = explore(rawConfigOf(settings)).states;
    expect(await page.textContent("#graph-caption")).toContain(`All ${states} states`);
    // The initial state is the graph's top-left corner; sigma fits the drawing into the box's padding.
    const box = await page.locator("#graph-canvas").boundingBox();
    if (box === null) throw new Error("no graph drawn");
    const padding = 30;
    const scale = Math.min(box.width - 2 * padding, ((box.height - 2 * padding) * box.width) / box.height);
    await page.mouse.click(box.x + (box.width - scale) / 2, box.y + padding);
    await page.waitForSelector("#node-state [data-state]");
    expect(await page.textContent("#node-state p")).toBe(
      "State 0, 0 steps from the initial state; snapshot not started",
    );
    expect(await page.$$eval("#node-state tbody tr", (r) => r.map((e) => e.textContent))).toContain(
      "P0balance 1not recorded",
    );
    // Its next steps are the model's enabled steps; choosing one walks on to the state it reaches.
    const model = buildModel(parseConfig(rawConfigOf(settings), []));
    const labels = model.steps(model.initial).map((step) => model.label(step));
    const next = await page.$$eval(".next-steps button", (b) => b.map((e) => e.textContent));
    expect(next.map((text) => text?.replace(/ → state \d+$/, ""))).toEqual(labels);
    await page.getByRole("button", { name: /^initiate\(P0\) → state \d+$/ }).click();
    expect(await page.textContent("#node-state p")).toMatch(
      /^State \d+, 1 step from the initial state; snapshot in progress$/,
    );
    expect(await page.$$eval("#node-state tbody tr", (r) => r.map((e) => e.textContent))).toContain(
      "P0balance 1balance 1",
    );
    await page.close();
  }, 120_000);

  it("stops a long search and stays responsive", async () => {
    const page = await context.newPage();
    await page.goto(`${PAGE}${hashOf({ balances: "1,1,1" })}`);
    await page.locator("#progress", { hasText: /^exploring: [\d,]+ states/ }).waitFor();
    await page.click("#stop");
    expect(await page.textContent("#progress")).toMatch(
      /^stopped: [\d,]+ states · [\d,]+ states\/s · depth \d+/,
    );
    expect(await page.isEnabled("#explore")).toBe(true);
    expect(await page.isHidden("#results")).toBe(true);
    await page.close();
  }, 120_000);

  it("simulates non-FIFO Chandy–Lamport with a seed, walks the shrunk run, and reproduces it from the link", async () => {
    const page = await context.newPage();
    await page.goto(PAGE);
    await page.fill("[name=balances]", "1,1,0");
    await page.selectOption("[name=discipline]", "nonfifo");
    expect(await page.isHidden("#simulation-fields")).toBe(true);
    await page.selectOption("[name=mode]", "simulate");
    await page.fill("[name=seed]", "7");
    await page.click("#explore");
    const row = await verdicts(page);
    const { maxDepth: _, ...config } = NONFIFO;
    const expected = simulateRuns(rawConfigOf(config), { seed: "7" });
    expect(withoutSeconds(row)).toEqual(rowOf(expected));
    // The sampled run broke the cut and was shrunk; a sample never shows a graph.
    const cut = expected.properties.find((p) => p.name === "consistent-cut");
    expect(cut?.holds).toBe(false);
    expect(row[1]?.[1]).toBe(`✗ ${cut?.steps} steps`);
    expect(await page.textContent("#progress")).toMatch(/ · seed 7$/);
    expect(await page.isHidden("#graph")).toBe(true);
    const link = settingsOf(new URL(page.url()).hash);
    expect(link).toMatchObject({ ...config, mode: "simulate", seed: "7", strategy: "uniform" });

    const frame = await walkthrough(page);
    expect(await page.getAttribute("[data-property=consistent-cut]", "aria-pressed")).toBe("true");
    expect(await frame.textContent("#step-title")).toBe(lastStepTitle(cut?.trace));
    expect(await frame.textContent(".reason")).toContain("was recorded as");
    expect(await frame.textContent(".reason")).toContain(
      (JSON.parse(cut?.trace ?? "{}")["#meta"].snapcheck.reason as string).slice(0, 20),
    );

    await page.reload();
    expect(withoutSeconds(await verdicts(page))).toEqual(withoutSeconds(row));
    expect(await page.inputValue("[name=mode]")).toBe("simulate");
    expect(await page.inputValue("[name=seed]")).toBe("7");
    expect(await (await walkthrough(page)).textContent("#step-title")).toBe(lastStepTitle(cut?.trace));

    // Without a seed one is drawn, printed, and put into the link, which then gives the same runs.
    // Only the fragment changes, so the page stays; the drawn seed's arrival in the link marks the new verdicts.
    await page.goto(`${PAGE}${hashOf({ balances: "1,1", mode: "simulate", runs: "40" })}`);
    await page.waitForURL(/[&#]seed=\d/);
    const drawn = await verdicts(page);
    const seed = settingsOf(new URL(page.url()).hash).seed ?? "";
    expect(seed).toMatch(/^\d+$/);
    expect(await page.textContent("#progress")).toMatch(new RegExp(` · seed ${seed}$`));
    expect(withoutSeconds(drawn)).toEqual(rowOf(simulateRuns({ balances: "1,1" }, { runs: "40", seed })));
    await page.close();
  }, 120_000);

  it("explores a pasted COS 418 scenario as the command line does, and names a bad line", async () => {
    const top = "examples/cos418/2nodes.top";
    const events = "examples/cos418/2nodes-concurrent.events";
    const texts = { topology: readFileSync(top, "utf8"), events: readFileSync(events, "utf8") };
    const page = await context.newPage();
    await page.goto(PAGE);
    await page.click("#scenario summary");
    await page.fill("#scenario-top", texts.topology);
    await page.fill("#scenario-events", texts.events);
    await page.click("#explore-scenario");
    const row = await verdicts(page);
    // `snapcheck explore --topology 2nodes.top --events 2nodes-concurrent.events`, through the library.
    const cli = explore(modelInput({ topology: top, events }).raw);
    expect(withoutSeconds(row)).toEqual(rowOf(cli));
    expect(rowOf(explore(scenarioConfig({ algorithm: "chandy-lamport", channels: "fifo" }, texts)))).toEqual(
      rowOf(cli),
    );
    expect(row[1]?.slice(1, -3).every((c) => c === "✓")).toBe(true);
    expect(await page.textContent("#skipped")).toContain("reachable-cut not checked");
    expect(new URL(page.url()).hash).toBe("");

    await page.fill("#scenario-top", texts.topology.replace("N2 1", "N2 x"));
    await page.click("#explore-scenario");
    await page.waitForSelector("#error:not(:empty)");
    const line = texts.topology.split("\n").indexOf("N2 1") + 1;
    expect(await page.textContent("#error")).toBe(
      `topology: pasted.top:${line}: expected "id tokens" (e.g. "N1 10"), got "N2 x"`,
    );
    const hostile = HOSTILE[1] ?? "";
    await page.fill("#scenario-top", texts.topology);
    await page.fill("#scenario-events", `send N1 N2 1\n${hostile}\n`);
    await page.click("#explore-scenario");
    await page.locator("#error", { hasText: "pasted.events:2" }).waitFor();
    expect(await page.textContent("#error")).toContain(hostile);
    expect(await page.$$eval("img", (e) => e.length)).toBe(0);
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    await page.close();
  }, 120_000);

  it("names a bad field in one line and runs no script from a crafted link or trace", async () => {
    const page = await context.newPage();
    let dialogs = 0;
    page.on("dialog", async (d) => {
      dialogs++;
      await d.dismiss();
    });
    await page.goto(`${PAGE}#balances=1,x`);
    await page.waitForSelector("#error:not(:empty)");
    expect(await page.textContent("#error")).toMatch(/^balances: /);
    const hostile = HOSTILE[1] ?? "";
    await page.goto(`${PAGE}${hashOf({ balances: "1,1", workload: hostile })}`);
    await page.waitForSelector("#error:not(:empty)");
    expect(await page.textContent("#error")).toContain(JSON.stringify(hostile));
    expect(await page.$$eval("img", (e) => e.length)).toBe(0);

    await page.setInputFiles("#trace-file", hostileScenario());
    const frame = await walkthrough(page);
    await page.keyboard.press("Home");
    await page.keyboard.press("ArrowRight");
    expect(await frame.textContent("#step-note")).toBe(HOSTILE[0]);
    expect(await frame.$$eval("img", (e) => e.length)).toBe(0);
    expect(await frame.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    expect(dialogs).toBe(0);
    await page.close();
  }, 120_000);
});
