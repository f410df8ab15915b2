/** `npm run docs` documents the library's two entries: TypeDoc's config names files that exist, and the package's exports. */
import { existsSync, readFileSync } from "node:fs";
import { expect, it } from "vitest";

it("typedoc.json's entry points are the package's two entries, and its output is git-ignored", () => {
  const config = JSON.parse(readFileSync("typedoc.json", "utf8")) as { entryPoints: string[]; out: string };
  expect(config.entryPoints).toEqual(["src/index.ts", "src/testing.ts"]);
  for (const entry of config.entryPoints) expect(existsSync(entry), entry).toBe(true);
  const manifest = JSON.parse(readFileSync("package.json", "utf8")) as {
    scripts: Record<string, string>;
    exports: Record<string, { default: string }>;
  };
  expect(manifest.scripts.docs).toBe("typedoc");
  expect(Object.values(manifest.exports).map((e) => e.default)).toEqual([
    "./dist/src/index.js",
    "./dist/src/testing.js",
  ]);
  expect(readFileSync(".gitignore", "utf8").split("\n")).toContain(`${config.out}/`);
});
