/** The README's assumption matrix is what `snapcheck matrix` finds, and every linked counterexample is committed. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { assumptionMatrix, matrixPicture, matrixTable } from "../src/cli/matrix-command.js";
import { matrixSvg } from "../src/render/matrix-svg.js";

it("the README's assumption matrix and its picture match a fresh run, and its links point at the committed files", () => {
  const out = mkdtempSync(join(tmpdir(), "snapcheck-matrix-"));
  const cells = assumptionMatrix(out);
  const table = matrixTable(cells).replaceAll(out, "counterexamples");
  expect(readFileSync("examples/assumption-matrix.svg", "utf8")).toBe(matrixSvg(matrixPicture(cells)));
  const normal = (text: string) => text.replace(/-{3,}/g, "---").replace(/ +/g, " ");
  expect(normal(readFileSync("README.md", "utf8"))).toContain(normal(table));
  for (const [, file] of table.matchAll(/\]\((counterexamples\/[^)]+)\)/g)) {
    const name = (file as string).slice("counterexamples/".length);
    expect(readFileSync(file as string, "utf8"), file).toBe(readFileSync(join(out, name), "utf8"));
  }
});
