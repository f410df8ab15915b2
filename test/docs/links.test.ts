/** The README and docs/ link to files and headings that exist (sections moved between them keep their links working). */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { expect, it } from "vitest";

const DOCS = [
  "README.md",
  ...readdirSync("docs")
    .filter((f) => f.endsWith(".md"))
    .map((f) => join("docs", f)),
];

/** GitHub's anchor of a heading. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\w\- ]/g, "")
    .replaceAll(" ", "-");

function anchorsOf(file: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    const heading = /^#{1,6} (.*)/.exec(line);
    if (heading !== null && !fenced) anchors.add(slug(heading[1] as string));
  }
  return anchors;
}

it("every relative link of the README and docs/ reaches an existing file and heading", () => {
  const broken: string[] = [];
  for (const doc of DOCS) {
    for (const [, url] of readFileSync(doc, "utf8").matchAll(/\]\(([^)\s]+)\)/g)) {
      if (url === undefined || /^[a-z]+:/.test(url)) continue;
      const [path = "", anchor] = url.split("#");
      const target = path === "" ? doc : normalize(join(dirname(doc), path));
      if (!existsSync(target)) broken.push(`${doc}: ${url} (no such file)`);
      else if (anchor !== undefined && target.endsWith(".md") && !anchorsOf(target).has(anchor))
        broken.push(`${doc}: ${url} (no such heading)`);
    }
  }
  expect(broken).toEqual([]);
});
