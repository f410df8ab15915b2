/**
 * A check's configuration: what to build (processes, workload and its parameters, channel
 * discipline, algorithm, initiators), what to check, and the search limits. `parseConfig` turns
 * untrusted JSON (a config file, a trace's #meta, flags already split) into a validated config or
 * a ConfigError naming the field and the fix; `buildModel` composes the model it describes.
 */
import { algorithms, findAlgorithm } from "./algorithms/index.js";
import { ConfigError } from "./errors.js";
import type { ChannelDiscipline } from "./model/channels/discipline.js";
import { fifo } from "./model/channels/fifo.js";
import { nonfifo } from "./model/channels/nonfifo.js";
import { type ChannelFaults, Model } from "./model/model.js";
import type { Script, ScriptCommand } from "./model/script.js";
import { Topology } from "./model/topology.js";
import { NO_PLUGINS, type Plugins } from "./plugins/plugins.js";
import { findWorkload, workloads } from "./workloads/index.js";

export const disciplines: readonly ChannelDiscipline[] = [fifo, nonfifo];

/** A named topology, or the directed links [from, to] that exist. */
export type TopologySpec = "complete" | "ring" | "line" | "star" | readonly (readonly [number, number])[];

export interface SnapcheckConfig {
  readonly processes: number;
  readonly topology: TopologySpec;
  readonly balances: readonly number[];
  readonly stock?: readonly number[] | undefined;
  readonly channels: string;
  readonly algorithm: string;
  readonly workload: string;
  readonly initiators: readonly number[];
  /** How many snapshot instances run (README, "Several snapshots"); absent: one. */
  readonly instances?: number | undefined;
  /** A scripted scenario, one command a line (`send 0 1 3`, `snapshot 1`, `tick`): the workload is then `tokens`. */
  readonly script?: readonly string[] | undefined;
  /** With a script: deliveries only at `tick` commands and after the end. */
  readonly ticks?: boolean | undefined;
  readonly properties: readonly string[];
  readonly maxStates?: number | undefined;
  readonly maxDepth?: number | undefined;
  readonly maxMemoryMiB?: number | undefined;
}

/**
 * Without a limit, a search under an unordered discipline never ends (semantics.md), nor under
 * faulty channels (a lost marker leaves a channel recording forever; copies create money): this
 * bound then applies.
 */
export const DEFAULT_DEPTH_BOUND = 12;

/** The smallest memory budget a search can start in. */
const MIN_MEMORY_MIB = 16;

const FAULTS = ["lossy", "duplicating"] as const;

/** A discipline optionally followed by faults, e.g. "nonfifo,lossy", in canonical order. */
function parseChannels(value: unknown): string {
  const names = disciplines.map((d) => d.name);
  const expected = `expected ${names.join(" or ")}, optionally followed by ,lossy and/or ,duplicating (e.g. nonfifo,lossy)`;
  if (typeof value !== "string")
    throw new ConfigError("channels", `${expected}, got ${JSON.stringify(value)}`);
  const [discipline, ...faults] = value.split(",").map((s) => s.trim());
  const unknown = faults.find((f) => !(FAULTS as readonly string[]).includes(f));
  if (discipline === undefined || !names.includes(discipline) || unknown !== undefined) {
    throw new ConfigError("channels", `${expected}, got ${JSON.stringify(value)}`);
  }
  return [discipline, ...FAULTS.filter((f) => faults.includes(f))].join(",");
}

/** The discipline and faults a canonical channels string names. */
export function channelsOf(channels: string): { discipline: ChannelDiscipline; faults: ChannelFaults } {
  const [name, ...faults] = channels.split(",");
  const discipline = disciplines.find((d) => d.name === name);
  if (discipline === undefined) throw new ConfigError("channels", `unknown discipline ${name}`);
  return {
    discipline,
    faults: { lossy: faults.includes("lossy"), duplicating: faults.includes("duplicating") },
  };
}

/** A script bounds every message sent, so only copies (duplicating) make its space infinite. */
function isInfinite(channels: string, scripted: boolean): boolean {
  const { discipline, faults } = channelsOf(channels);
  if (scripted) return faults.duplicating;
  return !discipline.ordered || faults.lossy || faults.duplicating;
}

/** The fields a configuration may have (a config file's keys). */
export const FIELDS = [
  "processes",
  "topology",
  "balances",
  "stock",
  "channels",
  "algorithm",
  "workload",
  "initiators",
  "instances",
  "script",
  "ticks",
  "properties",
  "maxStates",
  "maxDepth",
  "maxMemoryMiB",
] as const;

/**
 * Validates raw configuration fields. `knownProperties` lists the property names that may be asked
 * for; `plugins` the modules loaded for the paths the fields name (src/plugins/).
 */
export function parseConfig(
  raw: unknown,
  knownProperties: readonly string[],
  plugins: Plugins = NO_PLUGINS,
): SnapcheckConfig {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new ConfigError(
      "config",
      "expected a JSON object with fields such as processes, balances, channels",
    );
  }
  const fields = raw as Record<string, unknown>;
  for (const name of Object.keys(fields)) {
    if (!(FIELDS as readonly string[]).includes(name)) {
      // A name that is not a plain word (empty, spaces, punctuation) is quoted to be seen.
      const shown = /^[A-Za-z][\w-]*$/.test(name) ? name : JSON.stringify(name);
      throw new ConfigError(shown, `unknown field; the fields are ${FIELDS.join(", ")}`);
    }
  }
  const balancesGiven = fields.balances !== undefined;
  const processes =
    fields.processes !== undefined
      ? integer("processes", fields.processes, 2, 12)
      : balancesGiven
        ? intList("balances", fields.balances).length
        : 2;
  const balances = balancesGiven
    ? intList("balances", fields.balances)
    : Array.from({ length: processes }, () => 1);
  if (balances.length !== processes) {
    throw new ConfigError(
      "balances",
      `expected ${processes} values (one per process), got ${balances.length}: give ${processes} comma-separated non-negative integers`,
    );
  }
  const topology = parseTopology(fields.topology ?? "complete", processes);
  const stock = fields.stock === undefined ? undefined : intList("stock", fields.stock);
  const channels = parseChannels(fields.channels ?? "fifo");
  const algorithm = oneOf("algorithm", fields.algorithm ?? "chandy-lamport", [
    ...algorithms.map((a) => a.name),
    ...plugins.algorithms.keys(),
  ]);
  const script = fields.script === undefined ? undefined : parseScript(fields.script, processes);
  if (script !== undefined) checkScriptLinks(script, topologyOf(topology, processes));
  const workload = oneOf("workload", fields.workload ?? (script === undefined ? "bank" : "tokens"), [
    ...workloads.map((w) => w.name),
    ...plugins.workloads.keys(),
  ]);
  if ((script === undefined) !== (workload !== "tokens")) {
    throw new ConfigError(
      script === undefined ? "workload" : "script",
      script === undefined
        ? "tokens has no application steps of its own: give a script (or import one with snapcheck snapshots --topology --events)"
        : `a script drives the tokens workload; leave workload out (got ${JSON.stringify(workload)})`,
    );
  }
  const initiators =
    script === undefined ? parseInitiators(fields.initiators ?? [0], processes) : snapshotProcesses(script);
  // A trace's #meta repeats the initiators a script's `snapshot P` lines name: only those are accepted.
  const namedOthers =
    fields.initiators !== undefined &&
    JSON.stringify(parseInitiators(fields.initiators, processes)) !== JSON.stringify(initiators);
  if (script !== undefined && (namedOthers || fields.instances !== undefined)) {
    throw new ConfigError(
      fields.instances !== undefined ? "instances" : "initiators",
      "a script starts its snapshots itself with `snapshot P` lines: leave initiators and instances out",
    );
  }
  const instances = fields.instances === undefined ? undefined : integer("instances", fields.instances, 1, 4);
  const ticks = fields.ticks === undefined ? undefined : flag("ticks", fields.ticks);
  if (ticks !== undefined && script === undefined)
    throw new ConfigError("ticks", "ticks gate the deliveries of a script: give a script too");
  checkMarkersReachEveryone(topologyOf(topology, processes), initiators);
  if (algorithm === "lai-yang" && channelsOf(channels).faults.lossy) {
    throw new ConfigError(
      "channels",
      "lai-yang's model abstracts its message counters and assumes control messages arrive; it is not modelled on lossy channels: choose fifo or nonfifo, optionally duplicating",
    );
  }
  const snapshotCount = script === undefined ? (instances ?? 1) : initiatorLines(script).length;
  if (snapshotCount > 1 && algorithmOf(algorithm, plugins)?.oneInstanceOnly === true) {
    throw new ConfigError(
      script === undefined ? "instances" : "script",
      `${algorithm} is modelled for one snapshot instance; run several with chandy-lamport`,
    );
  }
  const properties =
    fields.properties === undefined
      ? [...knownProperties]
      : nameList("properties", fields.properties, [...knownProperties, ...plugins.properties.keys()]);
  const maxStates = fields.maxStates === undefined ? undefined : integer("maxStates", fields.maxStates, 1);
  let maxDepth = fields.maxDepth === undefined ? undefined : integer("maxDepth", fields.maxDepth, 0);
  const maxMemoryMiB =
    fields.maxMemoryMiB === undefined ? undefined : memoryMiB("maxMemoryMiB", fields.maxMemoryMiB);
  // The default bound stays unless the user replaces it: a state limit alone does not (a deep,
  // narrow search could otherwise run for hours before reaching it).
  if (isInfinite(channels, script !== undefined) && maxDepth === undefined) maxDepth = DEFAULT_DEPTH_BOUND;
  return {
    processes,
    topology,
    balances,
    stock,
    channels,
    algorithm,
    workload,
    initiators,
    ...(instances === undefined ? {} : { instances }),
    ...(script === undefined ? {} : { script }),
    ...(ticks === undefined ? {} : { ticks }),
    properties,
    maxStates,
    maxDepth,
    maxMemoryMiB,
  };
}

/** A built-in algorithm by name, or a loaded one by its path. */
function algorithmOf(name: string, plugins: Plugins) {
  return findAlgorithm(name) ?? plugins.algorithms.get(name);
}

/** The model the configuration describes (complete topology); `plugins` has the modules it names by path. */
export function buildModel(config: SnapcheckConfig, plugins: Plugins = NO_PLUGINS): Model {
  const { discipline, faults } = channelsOf(config.channels);
  const algorithm = algorithmOf(config.algorithm, plugins);
  const workload = findWorkload(config.workload) ?? plugins.workloads.get(config.workload);
  if (algorithm === undefined) throw new ConfigError("algorithm", `unknown algorithm ${config.algorithm}`);
  if (workload === undefined) throw new ConfigError("workload", `unknown workload ${config.workload}`);
  return new Model({
    topology: topologyOf(config.topology, config.processes),
    discipline,
    faults,
    workload,
    params: { balances: config.balances, stock: config.stock },
    algorithm,
    initiators: config.initiators,
    instances: config.instances,
    script: config.script === undefined ? undefined : toScript(config.script, config.ticks ?? false),
  });
}

/** The script a config's command lines describe (validated by parseConfig). */
function toScript(lines: readonly string[], ticks: boolean): Script {
  return { commands: lines.map((line) => parseCommand(line)), ticks };
}

/** One command line: `send SRC DST n`, `snapshot P` or `tick` (with process numbers). */
function parseCommand(line: string): ScriptCommand {
  const [verb, ...args] = line.trim().split(/\s+/);
  const numbers = args.map((a) => (/^\d+$/.test(a) ? Number(a) : Number.NaN));
  if (verb === "send" && numbers.length === 3 && numbers.every(Number.isSafeInteger)) {
    const [from, to, amount] = numbers as [number, number, number];
    return { kind: "send", from, to, amount };
  }
  if (verb === "snapshot" && numbers.length === 1 && Number.isSafeInteger(numbers[0])) {
    return { kind: "snapshot", process: numbers[0] as number };
  }
  if (verb === "tick" && numbers.length <= 1 && numbers.every(Number.isSafeInteger)) return { kind: "tick" };
  throw new ConfigError(
    "script",
    `cannot read ${JSON.stringify(line)}: expected "send SRC DST n", "snapshot P" or "tick" with process numbers`,
  );
}

/** Validates a script: each line a command over existing processes, sends of at least one token. */
function parseScript(value: unknown, processes: number): string[] {
  const lines = typeof value === "string" ? value.split(/\n|;/) : value;
  if (!Array.isArray(lines) || !lines.every((l) => typeof l === "string")) {
    throw new ConfigError("script", 'expected a list of command lines such as ["send 0 1 2", "snapshot 1"]');
  }
  const kept = lines.map((l) => l.trim()).filter((l) => l !== "");
  for (const line of kept) {
    const command = parseCommand(line);
    const named =
      command.kind === "send"
        ? [command.from, command.to]
        : command.kind === "snapshot"
          ? [command.process]
          : [];
    const missing = named.find((p) => p >= processes);
    if (missing !== undefined)
      throw new ConfigError(
        "script",
        `${JSON.stringify(line)} names P${missing}, but processes are P0…P${processes - 1}`,
      );
    if (command.kind === "send" && command.from === command.to)
      throw new ConfigError("script", `${JSON.stringify(line)} sends from a process to itself`);
    if (command.kind === "send" && command.amount < 1)
      throw new ConfigError(
        "script",
        `${JSON.stringify(line)} sends no tokens: give an amount of at least 1`,
      );
  }
  return kept;
}

/** A scripted send travels on a channel: the topology must have it. */
function checkScriptLinks(lines: readonly string[], topology: Topology): void {
  for (const line of lines) {
    const command = parseCommand(line);
    if (command.kind === "send" && topology.channelIndex(command.from, command.to) === undefined) {
      throw new ConfigError(
        "script",
        `${JSON.stringify(line)} sends on c(${command.from},${command.to}), which the topology lacks: add the link ${command.from}-${command.to} or change the send`,
      );
    }
  }
}

/** The `snapshot P` lines of a script, in order. */
function initiatorLines(lines: readonly string[]): ScriptCommand[] {
  return lines.map((l) => parseCommand(l)).filter((c) => c.kind === "snapshot");
}

/** The processes a script's `snapshot P` lines name: they initiate its instances. */
function snapshotProcesses(lines: readonly string[]): number[] {
  const named = initiatorLines(lines).flatMap((c) => (c.kind === "snapshot" ? [c.process] : []));
  return [...new Set(named)].sort((a, b) => a - b);
}

function flag(field: string, value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "false") return value === "true";
  throw new ConfigError(field, `expected true or false, got ${JSON.stringify(value)}`);
}

/** The topology a spec names. */
export function topologyOf(spec: TopologySpec, processes: number): Topology {
  if (typeof spec !== "string")
    return new Topology(
      processes,
      spec.map(([from, to]) => ({ from, to })),
    );
  const named = {
    complete: Topology.complete,
    ring: Topology.ring,
    line: Topology.line,
    star: Topology.star,
  };
  return named[spec](processes);
}

const NAMED_TOPOLOGIES = ["complete", "ring", "line", "star"] as const;

/** A topology name, or links as [[0,1],[1,2]] (JSON) or "0-1,1-2" (a flag). */
function parseTopology(value: unknown, processes: number): TopologySpec {
  if (typeof value === "string" && (NAMED_TOPOLOGIES as readonly string[]).includes(value)) {
    return value as (typeof NAMED_TOPOLOGIES)[number];
  }
  const expected = `expected ${NAMED_TOPOLOGIES.join(", ")} or links such as 0-1,1-2 (JSON: [[0,1],[1,2]])`;
  const items =
    typeof value === "string"
      ? value.split(",").map((link) =>
          link
            .trim()
            .split("-")
            .map((p) => (/^\d+$/.test(p) ? Number(p) : Number.NaN)),
        )
      : value;
  if (!Array.isArray(items) || items.length === 0)
    throw new ConfigError("topology", `${expected}, got ${JSON.stringify(value)}`);
  const links = items.map((link): [number, number] => {
    const [from, to] = Array.isArray(link) && link.length === 2 ? link : [];
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) {
      throw new ConfigError("topology", `${expected}, got ${JSON.stringify(value)}`);
    }
    const [f, t] = [from as number, to as number];
    if (f < 0 || t < 0 || f >= processes || t >= processes || f === t) {
      throw new ConfigError(
        "topology",
        `link ${f}-${t} is not a channel between two of P0…P${processes - 1}`,
      );
    }
    return [f, t];
  });
  const keys = links.map(([f, t]) => `${f}-${t}`);
  const repeated = keys.find((k, i) => keys.indexOf(k) !== i);
  if (repeated !== undefined) throw new ConfigError("topology", `link ${repeated} is given twice`);
  return links.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/**
 * Markers travel only on existing channels: a process that some initiator cannot reach would never
 * record, and its open channels would record forever (an infinite search). Say so up front.
 */
function checkMarkersReachEveryone(topology: Topology, initiators: readonly number[]): void {
  for (const initiator of initiators) {
    const reached = topology.reachableFrom(initiator);
    const missed = Array.from({ length: topology.processes }, (_, p) => p).filter((p) => !reached.has(p));
    if (missed.length > 0) {
      throw new ConfigError(
        "topology",
        `markers from initiator P${initiator} cannot reach ${missed.map((p) => `P${p}`).join(", ")}, so the snapshot could never complete; add channels towards ${missed.length === 1 ? "it" : "them"} or choose other initiators`,
      );
    }
  }
}

function integer(field: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
    throw new ConfigError(field, `expected a whole number ${range}, got ${JSON.stringify(value)}`);
  }
  return n;
}

/**
 * A memory size in MiB: a whole number (MiB), or one with a unit, `512m`/`512M` (MiB) or `2g`/`2G`
 * (GiB), as a user types it after --max-memory.
 */
function memoryMiB(field: string, value: unknown): number {
  const match = typeof value === "string" ? /^\s*(\d+)\s*([mMgG]?)\s*$/.exec(value) : null;
  const mib =
    typeof value === "number"
      ? value
      : match === null
        ? Number.NaN
        : Number(match[1]) * (match[2]?.toLowerCase() === "g" ? 1024 : 1);
  if (!Number.isSafeInteger(mib) || mib < MIN_MEMORY_MIB) {
    throw new ConfigError(
      field,
      `expected a memory size of at least ${MIN_MEMORY_MIB} MiB such as 512, 512m or 2g (MiB unless it ends in g), got ${JSON.stringify(value)}`,
    );
  }
  return mib;
}

function intList(field: string, value: unknown): number[] {
  const items = typeof value === "string" ? value.split(",").map((s) => s.trim()) : value;
  if (!Array.isArray(items) || items.length === 0) {
    throw new ConfigError(
      field,
      `expected non-negative integers separated by commas, got ${JSON.stringify(value)}`,
    );
  }
  return items.map((item) => {
    try {
      return integer(field, item, 0);
    } catch {
      throw new ConfigError(
        field,
        `expected non-negative integers separated by commas, got ${JSON.stringify(value)}`,
      );
    }
  });
}

function oneOf(field: string, value: unknown, names: readonly string[]): string {
  if (typeof value !== "string" || !names.includes(value)) {
    throw new ConfigError(field, `expected one of ${names.join(", ")}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function nameList(field: string, value: unknown, names: readonly string[]): string[] {
  const items = typeof value === "string" ? value.split(",").map((s) => s.trim()) : value;
  if (!Array.isArray(items) || items.length === 0) {
    throw new ConfigError(field, `expected names separated by commas from ${names.join(", ")}`);
  }
  return items.map((item) => oneOf(field, item, names));
}

function parseInitiators(value: unknown, processes: number): number[] {
  if (value === "all") return Array.from({ length: processes }, (_, p) => p);
  const list = intList("initiators", value);
  for (const p of list) {
    if (p >= processes) {
      throw new ConfigError(
        "initiators",
        `P${p} does not exist: processes are numbered 0 to ${processes - 1}, or say "all"`,
      );
    }
  }
  return [...new Set(list)].sort((a, b) => a - b);
}
