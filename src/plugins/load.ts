/**
 * Loading the plug-ins a raw configuration names (`algorithm`, `workload`, `properties`), before the
 * configuration is validated and the model built. A path is resolved against the current
 * directory; `.ts`/`.mts` is compiled by tsx's loader API, `.js`/`.mjs` imported as it is. The
 * module's default export is the plug-in; without one, its only exported object is. Every failure
 * (no such file, does not compile, wrong shape) is a ConfigError naming the file, in one line.
 */
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { tsImport } from "tsx/esm/api";
import { properties as catalogue } from "../../properties/index.js";
import { ConfigError } from "../errors.js";
import { looksLikePath, type Plugins } from "./plugins.js";
import { asAlgorithm, asProperty, asWorkload } from "./shape.js";

/** The plug-ins among the raw fields' values; built-in names are left to the configuration's checks. */
export async function loadPlugins(raw: Readonly<Record<string, unknown>>): Promise<Plugins> {
  const paths = (value: unknown): string[] => {
    const items = typeof value === "string" ? value.split(",").map((s) => s.trim()) : value;
    return Array.isArray(items)
      ? items.filter((i): i is string => typeof i === "string" && looksLikePath(i))
      : [];
  };
  const algorithms = new Map(
    await Promise.all(
      paths(raw.algorithm).map(async (p) => [p, asAlgorithm(await pluginOf(p, "algorithm"), p)] as const),
    ),
  );
  const workloads = new Map(
    await Promise.all(
      paths(raw.workload).map(async (p) => [p, asWorkload(await pluginOf(p, "workload"), p)] as const),
    ),
  );
  const properties = new Map(
    await Promise.all(
      paths(raw.properties).map(async (p) => [p, asProperty(await pluginOf(p, "property"), p)] as const),
    ),
  );
  for (const [path, property] of properties)
    if (catalogue.some((p) => p.name === property.name))
      throw new ConfigError(
        path,
        `the property's name ${property.name} is a built-in property's: give it another name`,
      );
  return { algorithms, workloads, properties };
}

/** The export of the module at `path` that is the plug-in. */
async function pluginOf(path: string, what: string): Promise<unknown> {
  const file = resolve(path);
  if (!existsSync(file) || !statSync(file).isFile())
    throw new ConfigError(path, `no such file (${file}): give the path of a TypeScript or JavaScript module`);
  let module = await importModule(file, path);
  // A module compiled as CommonJS (no "type": "module" beside it) arrives wrapped once more.
  const inner = module.default as Record<string, unknown> | undefined;
  if (typeof inner === "object" && inner !== null && "__esModule" in inner) module = inner;
  if (module.default !== undefined) return module.default;
  const objects = Object.entries(module).filter(([, v]) => typeof v === "object" && v !== null);
  if (objects.length === 1) return objects[0]?.[1];
  throw new ConfigError(
    path,
    objects.length === 0
      ? `exports no ${what}: export default the ${what} object`
      : `exports several objects (${objects.map(([k]) => k).join(", ")}) and no default: export default the ${what}`,
  );
}

async function importModule(file: string, path: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  try {
    // tsx loads each call in a namespace of its own, so an edited module is read afresh; a plain
    // import is cached by URL, so the file's modification time is part of it.
    if (/\.m?ts$/.test(file)) return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
    return (await import(`${url}?t=${statSync(file).mtimeMs}`)) as Record<string, unknown>;
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    // esbuild (tsx) says ERROR:, Node a SyntaxError, vite (under vitest) that it failed to parse.
    const compile =
      /ERROR: .*/.exec(text)?.[0] ??
      (e instanceof SyntaxError ? text : /Transform failed.*|Failed to parse source.*/.exec(text)?.[0]);
    const line = (compile ?? text).split("\n")[0] ?? "";
    throw new ConfigError(
      path,
      `${compile === undefined ? "cannot load" : "does not compile"}: ${line.trim()}`,
    );
  }
}
