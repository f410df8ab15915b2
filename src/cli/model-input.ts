/**
 * The model flags `explore` and `snapshots` share, and the raw configuration they give: a
 * `--config` file first, then a COS 418 scenario (`--topology X.top --events Y.events`), then each
 * flag over the field it names.
 */
import { readFileSync } from "node:fs";
import { ConfigError } from "../errors.js";
import type { FlagValues } from "./args.js";
import { scenarioInput } from "./scenario-input.js";

export const MODEL_FLAGS = {
  config: { type: "string" },
  processes: { type: "string" },
  topology: { type: "string" },
  balances: { type: "string" },
  stock: { type: "string" },
  workload: { type: "string" },
  algorithm: { type: "string" },
  channels: { type: "string" },
  initiators: { type: "string" },
  instances: { type: "string" },
  events: { type: "string" },
  ticks: { type: "boolean" },
  properties: { type: "string" },
  "max-states": { type: "string" },
  "max-depth": { type: "string" },
  "max-memory": { type: "string" },
} as const;

/** Flag name → config field. */
const FIELD_OF: Record<string, string> = {
  processes: "processes",
  topology: "topology",
  balances: "balances",
  stock: "stock",
  workload: "workload",
  algorithm: "algorithm",
  channels: "channels",
  initiators: "initiators",
  instances: "instances",
  ticks: "ticks",
  properties: "properties",
  "max-states": "maxStates",
  "max-depth": "maxDepth",
  "max-memory": "maxMemoryMiB",
};

/** The raw config the model flags describe, and the scenario's process names when one was imported. */
export function modelInput(values: FlagValues<typeof MODEL_FLAGS>): {
  raw: Record<string, unknown>;
  names: readonly string[] | undefined;
} {
  const raw: Record<string, unknown> = values.config === undefined ? {} : readConfigFile(values.config);
  const scenario = scenarioInput(values.topology, values.events);
  if (scenario !== undefined) Object.assign(raw, scenario.config);
  for (const [flag, field] of Object.entries(FIELD_OF)) {
    const value = values[flag as keyof typeof values];
    // With --events, --topology named the scenario's topology file, read above.
    if (value !== undefined && !(scenario !== undefined && flag === "topology")) raw[field] = value;
  }
  return { raw, names: scenario?.names };
}

/** Reads a JSON config file, or a ConfigError naming the file and what is wrong with it. */
export function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new ConfigError("--config", `cannot read ${path}: give the path of a JSON config file`);
  }
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json !== "object" || json === null || Array.isArray(json)) throw new Error("not an object");
    return json as Record<string, unknown>;
  } catch (e) {
    throw new ConfigError("--config", `${path} is not a JSON object (${(e as Error).message})`);
  }
}
