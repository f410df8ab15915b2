/**
 * `snapcheck snapshots`: every distinct snapshot the algorithm can record in a scenario, per
 * instance, each with a shortest witness run, flagged with the properties some run recording it
 * violates. The scenario comes from COS 418 files (`--topology X.top --events Y.events`), or from a
 * config and explore's flags (a `script`, or a free application). `--snap DIR` writes each snapshot
 * of a tokens scenario in COS 418's `.snap` format; `--check FILE.snap` says whether the snapshot
 * in that file is one the algorithm can record (exit 0) or not, and which recordable one is
 * closest and what differs (exit 1).
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { properties } from "../../properties/index.js";
import { buildModel, type SnapcheckConfig } from "../config.js";
import type { SafetyProperty } from "../engine/property.js";
import {
  type RecordedSnapshot,
  type RecordedSnapshots,
  recordedSnapshots,
  recordedSnapshotsReduced,
} from "../engine/recorded-snapshots.js";
import { ConfigError, UsageError } from "../errors.js";
import type { Model } from "../model/model.js";
import { processName } from "../model/topology.js";
import type { Run } from "../model/types.js";
import { loadPlugins } from "../plugins/load.js";
import { propertyNamed } from "../plugins/plugins.js";
import { checkSnap, parseSnap } from "../scenarios/snap-check.js";
import { snapText } from "../scenarios/snap-format.js";
import { parseFlags } from "./args.js";
import { MODEL_FLAGS, modelInput } from "./model-input.js";
import { writeNewFile } from "./output-file.js";
import { printJson, printText } from "./print.js";
import { stderrProgress } from "./progress.js";
import { configFrom } from "./run-check.js";

export const SNAPSHOTS_FLAGS = {
  ...MODEL_FLAGS,
  snap: {
    type: "string",
    value: "DIR",
    description: "write each snapshot of a tokens scenario as a COS 418 .snap file",
  },
  check: {
    type: "string",
    value: "F.snap",
    description: "is this snapshot one the algorithm can record? else the closest and what differs",
  },
  reduce: {
    type: "string",
    value: "auto|none|por",
    description:
      "partial-order reduction, instance by instance: auto where it is sound, none for the whole space's exact count",
    default: "auto",
  },
  json: { type: "boolean", description: "print one JSON object on stdout" },
} as const;

/**
 * `--reduce auto` (the default): partial-order reduction where it is sound — the list of
 * snapshots and their verdicts are those of the whole space — else none; `none`: the whole space,
 * its exact count and shortest witnesses; `por`: the reduction, or exit 2 saying why it does not apply.
 */
function searchSnapshots(
  model: Model,
  judged: readonly SafetyProperty[],
  config: SnapcheckConfig,
  value: string | undefined,
): { result: RecordedSnapshots; reduction: string } {
  const choice = value ?? "auto";
  if (!["auto", "none", "por"].includes(choice))
    throw new UsageError(`--reduce: expected auto, none or por, got "${choice}"`);
  const limits = {
    maxDepth: config.maxDepth,
    maxStates: config.maxStates,
    maxMemoryMiB: config.maxMemoryMiB,
  };
  const whole = (reason: string) => ({
    result: recordedSnapshots(model, judged, limits, stderrProgress),
    reduction: `none (${reason})`,
  });
  if (choice === "none") return whole("--reduce none");
  const reduced = recordedSnapshotsReduced(model, judged, limits, stderrProgress);
  if (typeof reduced !== "string")
    return { result: reduced, reduction: "partial-order, instance by instance" };
  if (choice === "por") throw new UsageError(`--reduce por does not apply: ${reduced}; use --reduce none`);
  return whole(reduced);
}

export async function snapshotsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, SNAPSHOTS_FLAGS, "snapshots");
  if (positionals.length > 0)
    throw new UsageError(
      `snapshots: unexpected argument "${positionals[0]}"; give --topology X.top --events Y.events`,
    );
  const { raw, names } = modelInput(values);
  const { config, plugins } = configFrom(raw, await loadPlugins(raw));
  const model = buildModel(config, plugins);
  const judged = config.properties
    .map((name) => propertyNamed(name, properties, plugins))
    .filter((p): p is SafetyProperty => p?.kind === "always" && p.unsupported?.(model) === undefined);
  const { result, reduction } = searchSnapshots(model, judged, config, values.reduce);
  const nameOf = (p: number) => names?.[p] ?? processName(p);
  if (values.snap !== undefined) writeSnapFiles(values.snap, result.snapshots, model, names ?? []);
  const checked =
    values.check === undefined
      ? undefined
      : checkSnapFile(values.check, result.snapshots, model, names ?? []);
  const report = {
    config,
    names: Array.from({ length: model.topology.processes }, (_, p) => nameOf(p)),
    search: result.stop === "exhausted" ? "exhaustive" : `stopped by ${result.stop}`,
    reduction,
    distinctStates: result.distinctStates,
    properties: judged.map((p) => p.name),
    snapshots: result.snapshots.map((s) => snapshotJson(s, model, nameOf)),
    ...(checked === undefined ? {} : { check: checked.json }),
  };
  if (values.json === true) printJson(report);
  else printText(describe(report, config) + (checked?.text ?? ""));
  if (checked !== undefined && result.stop === "exhausted") return checked.json.recordable ? 0 : 1;
  if (result.snapshots.some((s) => s.violations.length > 0)) return 1;
  return result.stop === "exhausted" ? 0 : 3;
}

type SnapshotJson = ReturnType<typeof snapshotJson>;

function snapshotJson(s: RecordedSnapshot, model: Model, nameOf: (p: number) => string) {
  const { workload, topology } = model.spec;
  const fields = workload.fields(topology.processes);
  const stateOf = (state: readonly number[]) =>
    fields.length === 1 ? (state[0] ?? 0) : Object.fromEntries(fields.map((f, i) => [f, state[i] ?? 0]));
  const message = (payload: string) => (workload.name === "tokens" ? Number(payload) : payload);
  const labels = (run: Run) => run.steps.map((step) => s.model.label(step));
  return {
    instance: s.instance,
    processes: Object.fromEntries(s.processes.map((state, p) => [nameOf(p), stateOf(state)])),
    channels: s.channels.flatMap((messages, c) => {
      const { from, to } = topology.channel(c);
      return messages.length === 0
        ? []
        : [{ from: nameOf(from), to: nameOf(to), messages: messages.map(message) }];
    }),
    violated: s.violations.map((v) => v.property),
    witness: labels(s.witness),
    violations: s.violations.map((v) => ({ property: v.property, reason: v.reason, witness: labels(v.run) })),
  };
}

function describe(
  report: {
    names: string[];
    search: string;
    reduction: string;
    distinctStates: number;
    properties: string[];
    snapshots: SnapshotJson[];
  },
  config: SnapcheckConfig,
): string {
  const renamed = report.names.some((n, p) => n !== processName(p));
  const lines = [
    `snapcheck snapshots: ${config.workload}, ${config.algorithm}, ${config.channels} channels, ${config.processes} processes${renamed ? ` (${report.names.map((n, p) => `${n} = P${p}`).join(", ")})` : ""}${config.script === undefined ? "" : `, a script of ${config.script.length} commands${config.ticks === true ? " with ticks" : ""}`}`,
    `Search: ${report.search}, ${report.distinctStates.toLocaleString("en-US")} distinct states${report.reduction.startsWith("none") ? "" : " (partial-order reduced, each instance in the scenario without the other snapshots: witnesses are the shortest these searches met)"}; judged: ${report.properties.join(", ") || "nothing"}`,
  ];
  const instances = [...new Set(report.snapshots.map((s) => s.instance))];
  if (instances.length === 0) lines.push("", "No snapshot completes in this scenario.");
  for (const k of instances) {
    const mine = report.snapshots.filter((s) => s.instance === k);
    const bad = mine.filter((s) => s.violated.length > 0).length;
    lines.push(
      "",
      `Instance ${k}: ${mine.length} distinct snapshot${mine.length === 1 ? "" : "s"}${bad > 0 ? `, ${bad} violating a property` : ""}`,
    );
    mine.forEach((s, i) => {
      const procs = Object.entries(s.processes)
        .map(([name, v]) => `${name} ${typeof v === "number" ? v : JSON.stringify(v)}`)
        .join(", ");
      const channels =
        s.channels.map((c) => `${c.from}→${c.to} ⟨${c.messages.join(", ")}⟩`).join(", ") || "channels empty";
      const verdict = s.violated.length === 0 ? "✓" : `✗ ${s.violated.join(", ")}`;
      lines.push(`  ${String(i + 1).padStart(2)}. ${procs}; ${channels}   ${verdict}`);
      lines.push(`      witness (${s.witness.length} steps): ${s.witness.join(", ")}`);
      for (const v of s.violations)
        lines.push(`      ${v.property}: ${v.reason} (${v.witness.length} steps: ${v.witness.join(", ")})`);
    });
  }
  return `${lines.join("\n")}\n`;
}

/** Writes DIR/instanceK-N.snap for each snapshot (tokens scenarios only); never over a different file. */
function writeSnapFiles(
  dir: string,
  snapshots: readonly RecordedSnapshot[],
  model: Model,
  names: readonly string[],
): void {
  if (model.spec.workload.name !== "tokens")
    throw new ConfigError(
      "--snap",
      "the .snap format holds tokens: use it with a scripted (tokens) scenario",
    );
  mkdirSync(dir, { recursive: true });
  const counters = new Map<number, number>();
  for (const s of snapshots) {
    const n = (counters.get(s.instance) ?? 0) + 1;
    counters.set(s.instance, n);
    writeNewFile(join(dir, `instance${s.instance}-${n}.snap`), snapText(s, model.topology, names), "--snap");
  }
}

/** --check FILE: is the .snap file's snapshot one of those found, and if not, which is closest. */
function checkSnapFile(
  file: string,
  snapshots: readonly RecordedSnapshot[],
  model: Model,
  names: readonly string[],
) {
  if (model.spec.workload.name !== "tokens")
    throw new ConfigError(
      "--check",
      "the .snap format holds tokens: use it with a scripted (tokens) scenario",
    );
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new ConfigError("--check", `cannot read ${file}: give the path of a .snap file`);
  }
  const snap = parseSnap(text, file, model.topology, names);
  const verdict = checkSnap(snap, snapshots, model.topology, names);
  const mine = snapshots.filter((s) => s.instance === snap.instance);
  const index = verdict.nearest === undefined ? undefined : mine.indexOf(verdict.nearest) + 1;
  const witness = verdict.nearest?.witness.steps.map((step) => model.label(step)) ?? [];
  const json = {
    file,
    instance: snap.instance,
    recordable: verdict.recordable,
    nearest: index ?? null,
    differences: verdict.differences,
    witness,
  };
  const headline = verdict.recordable
    ? `${file}: recordable — it is snapshot ${index} of instance ${snap.instance} above (witness: ${witness.join(", ")})`
    : verdict.nearest === undefined
      ? `${file}: not recordable — instance ${snap.instance} records no snapshot in this scenario`
      : `${file}: NOT recordable by ${model.spec.algorithm.name} in this scenario. Closest: snapshot ${index} of instance ${snap.instance}, which differs: ${verdict.differences.join("; ")}`;
  return { json, text: `\n${headline}\n` };
}
