/**
 * The model flags `explore` and `snapshots` share, and the raw configuration they give: a
 * `--config` file first, then a COS 418 scenario (`--topology X.top --events Y.events`), then each
 * flag over the field it names.
 */
import { readFileSync } from "node:fs";
import { ConfigError } from "../errors.js";
import type { FlagValues } from "./args.js";
import { scenarioInput } from "./scenario-input.js";

/** The model flags, each over the config field of its name (help and parser both read this table). */
export const MODEL_FLAGS = {
  config: { type: "string", value: "FILE", description: "a JSON config file; each flag overrides its field" },
  processes: {
    type: "string",
    value: "N",
    description: "number of processes",
    default: "one per balance, else 2",
  },
  topology: {
    type: "string",
    value: "NAME",
    description:
      "complete | ring | line | star | links such as 0-1,1-2,2-0 (with --events: a COS 418 .top file)",
    default: "complete",
  },
  balances: {
    type: "string",
    value: "2,1,1",
    description: "each process's balance (bank), cash (orders) or budget (diffusing, deadlock)",
    default: "1 each",
  },
  stock: {
    type: "string",
    value: "1,1",
    description: "orders only: each process's stock of its own good",
    default: "1 each",
  },
  workload: {
    type: "string",
    value: "NAME",
    description:
      "bank | orders | diffusing | deadlock, or the path of your own workload module (./my-bank.ts)",
    default: "bank",
  },
  algorithm: {
    type: "string",
    value: "NAME",
    description: "chandy-lamport | lai-yang, or the path of your own algorithm module (./mine.ts)",
    default: "chandy-lamport",
  },
  channels: {
    type: "string",
    value: "NAME",
    description: "fifo | nonfifo, optionally followed by ,lossy and/or ,duplicating",
    default: "fifo",
  },
  initiators: { type: "string", value: "LIST", description: "0 | 0,2 | all", default: "0" },
  instances: {
    type: "string",
    value: "K",
    description: "snapshot instances, each started by an initiator once the previous one started",
    default: "1",
  },
  events: {
    type: "string",
    value: "FILE",
    description: "a COS 418 events file (with --topology FILE.top): a scripted scenario",
  },
  ticks: {
    type: "boolean",
    description: "scripted scenarios: deliveries only at tick lines and after the end",
  },
  properties: {
    type: "string",
    value: "LIST",
    description: "names from 'snapcheck list', or paths of your own property modules",
    default: "all",
  },
  "max-states": { type: "string", value: "N", description: "stop after N distinct states" },
  "max-depth": {
    type: "string",
    value: "N",
    description: "keep states at most N steps from the initial one",
    default: "12 under nonfifo or faulty channels",
  },
  "max-memory": {
    type: "string",
    value: "SIZE",
    description: "stop cleanly, with partial statistics, at this heap size: 512 or 512m (MiB), 2g (GiB)",
    default: "85% of the heap limit",
  },
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
