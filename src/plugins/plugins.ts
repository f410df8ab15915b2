/**
 * Plug-ins: a user's own algorithm, workload or property, named on the command line or in a config
 * by the path of a module (`--algorithm ./mine.ts`). The path itself is the name the configuration
 * keeps, so a trace written from it loads the same module when it is replayed. This module is the
 * browser-safe part (no file system); `load.ts` reads the modules.
 */
import type { SnapshotAlgorithm } from "../algorithms/algorithm.js";
import type { Property } from "../engine/property.js";
import type { Workload } from "../workloads/workload.js";

/** The modules a configuration names, by the path as written. */
export interface Plugins {
  readonly algorithms: ReadonlyMap<string, SnapshotAlgorithm>;
  readonly workloads: ReadonlyMap<string, Workload>;
  readonly properties: ReadonlyMap<string, Property>;
}

export const NO_PLUGINS: Plugins = { algorithms: new Map(), workloads: new Map(), properties: new Map() };

/** A value that names a module rather than a built-in: starts with . or /, or ends in .ts/.js/.mjs/.mts. */
export function looksLikePath(value: string): boolean {
  return /^[./]/.test(value) || /\.(ts|js|mjs|mts)$/.test(value);
}

/** A plug-in's path as a file-name part: its base name without extension (`./lib/mine.ts` → `mine`). */
export function pluginLabel(name: string): string {
  return looksLikePath(name) ? name.replace(/^.*\//, "").replace(/\.(ts|js|mjs|mts)$/, "") : name;
}

/** The property a configuration names: a built-in by name, else a loaded one by its path or its own name. */
export function propertyNamed(
  name: string,
  builtIn: readonly Property[],
  plugins: Plugins,
): Property | undefined {
  return (
    builtIn.find((p) => p.name === name) ??
    plugins.properties.get(name) ??
    [...plugins.properties.values()].find((p) => p.name === name)
  );
}

/** The path a loaded property was named by, from its own name (a trace of one property names its module). */
export function propertySpec(name: string, plugins: Plugins): string {
  return [...plugins.properties].find(([, p]) => p.name === name)?.[0] ?? name;
}
