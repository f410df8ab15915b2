/**
 * One measured check in a process of its own, for the exhaustive bench: a fresh heap and freshly
 * compiled code, as `snapcheck explore` has, so a row does not pay for the searches before it.
 * Takes one JSON argument — the config file's fields, the properties by name, and the check's
 * store and symmetry — and prints one JSON line: the figures, the seconds of the search, the memory
 * it kept (the heap and array buffers retained after a forced collection, less those before; a
 * hashed store's peak, which is gone once the search ends) and the process's peak resident size.
 */
import { readFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { properties } from "../../properties/index.js";
import { buildModel, parseConfig } from "../../src/config.js";
import { check } from "../../src/engine/check.js";
import type { Property } from "../../src/engine/property.js";

export interface OneCheck {
  readonly raw: Record<string, unknown>;
  readonly properties: readonly string[];
  readonly store?: "fingerprint";
  readonly symmetry?: boolean;
}

export interface OneCheckResult {
  readonly distinctStates: number;
  /** States stored: the distinct states, or under symmetry one per orbit. */
  readonly stored: number;
  /** Each property checked, and whether it holds. */
  readonly verdicts: readonly { readonly property: string; readonly holds: boolean }[];
  readonly transitions: number;
  readonly maxDepth: number;
  readonly stop: string;
  /** Steps of the first property's counterexample, if it is violated. */
  readonly violatedIn?: number | undefined;
  readonly searchSeconds: number;
  readonly memoryMiB: number;
  readonly peakResidentMiB: number;
}

const MIB = 2 ** 20;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const retained = () => {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};

const peakResidentMiB = () => {
  const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
  return kib === undefined ? 0 : Number(kib) / 1024;
};

const asked = JSON.parse(process.argv[2] ?? "{}") as OneCheck;
const config = parseConfig(
  asked.raw,
  properties.map((p) => p.name),
);
const checked = asked.properties.map((name) => properties.find((p) => p.name === name) as Property);
const model = buildModel(config);
gc();
const before = retained();
const started = performance.now();
const result = check(model, checked, { limits: config, store: asked.store, symmetry: asked.symmetry });
const searchSeconds = (performance.now() - started) / 1000;
gc();
const { stats, verdicts } = result;
const measured: OneCheckResult = {
  distinctStates: stats.distinctStates,
  stored: result.symmetry?.orbits ?? stats.distinctStates,
  verdicts: verdicts.map((v) => ({ property: v.property.name, holds: v.holds })),
  transitions: stats.transitions,
  maxDepth: stats.maxDepth,
  stop: stats.stop,
  violatedIn: verdicts[0]?.counterexample?.steps.length,
  searchSeconds,
  memoryMiB: (result.store?.peakBytes ?? retained() - before) / MIB,
  peakResidentMiB: peakResidentMiB(),
};
console.log(JSON.stringify(measured));
