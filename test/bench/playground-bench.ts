/**
 * The playground's figures: the bytes of the built page (dist/playground) and the time to the
 * first verdict on one configuration in Chromium (from opening the link to the verdict table)
 * against the command line's `explore` on the same configuration, wall clock for both.
 * With --screenshot FILE it also pictures the page on a small non-FIFO bank (verdicts, the
 * walk-through, the graph) once the exploration is done, which `chromium --screenshot` cannot wait for.
 * `npm run bench` runs it as its playground section (bank 1,1,1 fifo); by hand, with options:
 *   npx tsx test/bench/playground-bench.ts [--balances 1,1,1] [--channels fifo] [--screenshot F.png]
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build } from "vite";
import { hashOf } from "../../src/playground/url-config.js";
import { launchChromium } from "../support/chromium.js";

const OUT = resolve("dist/playground");
const CHROMIUM = "/usr/bin/chromium";

function bytesUnder(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => {
    const path = join(dir, name);
    const stats = statSync(path);
    return sum + (stats.isDirectory() ? bytesUnder(path) : stats.size);
  }, 0);
}

export interface PlaygroundBenchOptions {
  readonly balances: string;
  readonly channels: string;
  readonly screenshot?: string | undefined;
}

/** Builds the page, then times the first verdict in Chromium against the command line's. */
export async function playgroundBench(values: PlaygroundBenchOptions): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`\nPlayground: skipped, ${CHROMIUM} is absent (apt-get install -y chromium)`);
    return;
  }
  console.log(
    `\nPlayground (bank ${values.balances}, ${values.channels}): the page against the command line`,
  );
  await build({ configFile: resolve("src/playground/vite.config.ts"), logLevel: "warn" });
  console.log(`bundle: ${bytesUnder(OUT).toLocaleString("en")} bytes in ${OUT}`);

  const PAGE = pathToFileURL(join(OUT, "index.html")).href;
  const browser = await launchChromium({ width: 1240, height: 1000 });
  if (values.screenshot !== undefined) {
    const shot = await browser.context.newPage();
    await shot.goto(`${PAGE}${hashOf({ balances: "1,1", channels: "nonfifo", maxDepth: "6" })}`);
    await shot.waitForSelector("#graph-canvas canvas");
    await shot.keyboard.press("ArrowLeft");
    await shot.waitForTimeout(500);
    await shot.screenshot({ path: values.screenshot, fullPage: true });
    console.log(`screenshot: ${values.screenshot}`);
  }
  const page = await browser.context.newPage();
  const opened = performance.now();
  await page.goto(`${PAGE}${hashOf({ balances: values.balances, channels: values.channels })}`);
  await page.waitForSelector("#verdicts tbody td", { timeout: 0 });
  const browserSeconds = (performance.now() - opened) / 1000;
  const row = await page.$$eval("#verdicts tbody td", (cells) => cells.map((c) => c.textContent).join(" | "));
  const progress = await page.textContent("#progress");
  await browser.close();
  console.log(`browser: first verdict after ${browserSeconds.toFixed(1)} s: ${row}\n  ${progress}`);

  const flags = ["explore", "--balances", values.balances, "--channels", values.channels];
  const started = performance.now();
  const cli = execFileSync("npx", ["tsx", "src/cli/main.ts", ...flags], { encoding: "utf8" });
  const cliSeconds = (performance.now() - started) / 1000;
  const figures = cli
    .split("\n")
    .filter((l) => /states|verdict/i.test(l))
    .slice(0, 4);
  console.log(
    `cli: npx tsx src/cli/main.ts ${flags.join(" ")} took ${cliSeconds.toFixed(1)} s\n  ${figures.join("\n  ")}`,
  );
}

// Run by hand: the options above.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      balances: { type: "string", default: "1,1,1" },
      channels: { type: "string", default: "fifo" },
      screenshot: { type: "string" },
    },
  });
  await playgroundBench(values);
}
