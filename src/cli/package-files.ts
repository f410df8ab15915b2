/**
 * The files snapcheck ships with: its package.json (the version) and examples/. They are found from
 * this module's own location, so an installed snapcheck reads its own files whatever the working
 * folder, from the sources (src/cli/) as from the build (dist/src/cli/).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The folder holding snapcheck's package.json: the nearest one above this module named snapcheck. */
export function packageRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && readManifest(manifest).name === "snapcheck") return dir;
    if (dirname(dir) === dir) throw new Error("snapcheck's package.json is missing from its installation");
  }
}

/** The version package.json gives. */
export function packageVersion(): string {
  return String(readManifest(join(packageRoot(), "package.json")).version);
}

/** The examples/ folder shipped with the package. */
export function examplesFolder(): string {
  return join(packageRoot(), "examples");
}

function readManifest(path: string): { name?: unknown; version?: unknown } {
  return JSON.parse(readFileSync(path, "utf8")) as { name?: unknown; version?: unknown };
}
