/**
 * Every trace under counterexamples/ has its space-time diagram beside it, and the diagram is
 * what snapcheck draws for that trace today (regenerate with the command in the README). A newly
 * written counterexample gets the diagram of the very run it stores.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { consistentCut } from "../../properties/consistent-cut.js";
import { properties } from "../../properties/index.js";
import { readTraceInput } from "../../src/cli/trace-input.js";
import { buildModel, parseConfig } from "../../src/config.js";
import { check } from "../../src/engine/check.js";
import { spaceTimeSvg } from "../../src/render/space-time.js";
import { writeCounterexample } from "../../src/trace/counterexample-file.js";

const traces = (readdirSync("counterexamples", { recursive: true }) as string[])
  .filter((f) => f.endsWith(".itf.json"))
  .map((f) => join("counterexamples", f))
  .sort();

describe("the diagrams of the corpus", () => {
  it.each(traces)("%s has an up-to-date .svg", (file) => {
    const svg = file.replace(/\.itf\.json$/, ".svg");
    expect(
      existsSync(svg),
      `missing ${svg}: npx tsx src/cli/main.ts export --format svg ${file} --out ${svg}`,
    ).toBe(true);
    const { run, view } = readTraceInput(file);
    expect(readFileSync(svg, "utf8"), `${svg} is stale: delete it and export it again`).toBe(
      spaceTimeSvg(run.model, view),
    );
  });
});

it("a counterexample is written with the diagram its trace draws", () => {
  const config = parseConfig(
    { balances: [1, 1], channels: "nonfifo", properties: ["consistent-cut"] },
    properties.map((p) => p.name),
  );
  const model = buildModel(config);
  const cx = check(model, [consistentCut], { limits: config }).verdicts[0]?.counterexample;
  if (cx === undefined) throw new Error("expected a counterexample under nonfifo");
  const stored = writeCounterexample(model, config, cx, mkdtempSync(join(tmpdir(), "snapcheck-svg-")));
  const { run, view } = readTraceInput(stored.path);
  expect(readFileSync(stored.path.replace(/\.itf\.json$/, ".svg"), "utf8")).toBe(
    spaceTimeSvg(run.model, view),
  );
});
