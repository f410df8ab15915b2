/** The README shows what the code does: its verdict table is the one `snapcheck examples` prints. */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { verdictTable } from "../src/cli/examples-command.js";
import { readConfigFile } from "../src/cli/model-input.js";
import { configFrom, runCheck, searchDescription } from "../src/cli/run-check.js";

it("the README's verdict table matches the examples", () => {
  const out = mkdtempSync(join(tmpdir(), "snapcheck-readme-"));
  const reports = readdirSync("examples")
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const resolved = configFrom(readConfigFile(join("examples", f)));
      // Bounded far above the largest example's 104,034 states, so a blown-up space fails at once;
      // the table names the example's own search.
      const bounded = { ...resolved, config: { ...resolved.config, maxStates: 500_000 } };
      const report = runCheck(bounded, { outDir: out });
      expect(report.stats.stoppedBy, f).not.toBe("max-states");
      const search = searchDescription(resolved.config, resolved.defaultBound);
      return { example: f.replace(/\.json$/, ""), report: { ...report, search } };
    });
  // The formatter pads table columns: compare with runs of spaces (and dash rules) collapsed.
  const normal = (text: string) => text.replace(/-{3,}/g, "---").replace(/ +/g, " ");
  expect(normal(readFileSync("README.md", "utf8"))).toContain(normal(verdictTable(reports)));
});

it("the README's quick start keeps its two commands", () => {
  const readme = readFileSync("README.md", "utf8");
  expect(readme).toContain("npm ci && npm start");
  expect(readme).toContain("npm ci && npm test");
});
