/**
 * Every distinct snapshot an algorithm can record in a model, per instance — the question "what
 * snapshots can this algorithm record in my scenario?". One breadth-first search of the model
 * paired with the safety properties' monitors (one per property and instance) finds every state
 * in which an instance is complete, so every recorded S*, each with a shortest run that records it;
 * every violation the search meets (not only the first) flags the snapshot the violating run
 * recorded, with a shortest run that records it and violates the property.
 *
 * Reduced (where stubborn-steps.ts applies), each instance is searched on its own, in the scenario
 * sliced to it — the script without the other instances' `snapshot` commands — with partial-order
 * reduction. A marker-local algorithm's instances never read each other's records or markers, and
 * another instance's marker only ever waits in a channel to be delivered, which it may be at once:
 * so the slice's runs are the scenario's runs with the other instances left out, and an instance
 * records the same snapshots, with the same verdicts, in both.
 */
import { Model } from "../model/model.js";
import { scriptOf } from "../model/script.js";
import { isComplete, viewOf } from "../model/snapshot.js";
import type { AppState, GlobalState, Run } from "../model/types.js";
import type { Limits, ProgressSink, StopReason } from "./limits.js";
import type { SafetyProperty } from "./property.js";
import { search } from "./search.js";
import type { FoundViolation, ViolationSink } from "./search-contract.js";
import { stubbornSteps } from "./stubborn-steps.js";

export interface RecordedSnapshot {
  readonly instance: number;
  /** Each process's recorded application state. */
  readonly processes: readonly AppState[];
  /** Each channel's recorded messages (payloads in the order received), by channel index. */
  readonly channels: readonly (readonly string[])[];
  /** The model the runs are runs of: the scenario, or its slice to this instance when reduced. */
  readonly model: Model;
  /** A shortest run whose last step completes the instance with exactly this snapshot. */
  readonly witness: Run;
  /** The properties some run recording this snapshot violates: a shortest such run, and why. */
  readonly violations: readonly { readonly property: string; readonly reason: string; readonly run: Run }[];
}

export interface RecordedSnapshots {
  /** By instance, then in the order the search first met them (shortest witness first). */
  readonly snapshots: readonly RecordedSnapshot[];
  readonly distinctStates: number;
  readonly stop: StopReason;
  /** Whether the search was reduced: the states are then the reduced searches', and a witness the shortest they met. */
  readonly reduced: boolean;
}

/** Searches `model` and lists what its snapshot instances can record, judged by `properties`. */
export function recordedSnapshots(
  model: Model,
  properties: readonly SafetyProperty[],
  limits: Limits,
  progress?: ProgressSink,
): RecordedSnapshots {
  return searchRecorded(model, properties, limits, progress, false);
}

/**
 * The same list, searched instance by instance with partial-order reduction — or why that is not
 * sound for the model.
 */
export function recordedSnapshotsReduced(
  model: Model,
  properties: readonly SafetyProperty[],
  limits: Limits,
  progress?: ProgressSink,
): RecordedSnapshots | string {
  const reason = stubbornSteps(model);
  if (typeof reason === "string") return reason;
  const parts = Array.from({ length: model.instances }, (_, k) =>
    searchRecorded(sliceToInstance(model, k), properties, limits, progress, true, k),
  );
  const stops = parts.map((part) => part.stop).filter((stop) => stop !== "exhausted");
  return {
    snapshots: parts.flatMap((part) => part.snapshots),
    distinctStates: parts.reduce((sum, part) => sum + part.distinctStates, 0),
    stop: stops[0] ?? "exhausted",
    reduced: true,
  };
}

/** The scenario with only instance k's `snapshot` command: instance 0 of the slice is instance k. */
function sliceToInstance(model: Model, k: number): Model {
  const script = scriptOf(model);
  if (script === undefined) throw new RangeError("only a scripted scenario is sliced to an instance");
  const commands = script.commands.filter(
    (command, i) => command.kind !== "snapshot" || script.startedBy[i] === k,
  );
  return new Model({ ...model.spec, script: { ...script.script, commands } });
}

function searchRecorded(
  model: Model,
  properties: readonly SafetyProperty[],
  limits: Limits,
  progress: ProgressSink | undefined,
  reduce: boolean,
  instanceOffset = 0,
): RecordedSnapshots {
  const reduction = reduce ? stubbornSteps(model) : undefined;
  if (typeof reduction === "string") throw new RangeError(`the slice is not reducible: ${reduction}`);
  const instances = model.instances;
  const monitors = properties.flatMap((p) =>
    Array.from({ length: instances }, (_, k) => p.monitor(model, k)),
  );
  const flagged = new Map<string, Map<string, FoundViolation>>();
  const onViolation: ViolationSink = ({ monitor, state, run }) => {
    const instance = monitor % instances;
    const property = properties[Math.floor(monitor / instances)]?.name ?? "";
    const key = snapshotKey(state, instance);
    const byProperty = flagged.get(key) ?? new Map<string, FoundViolation>();
    // The search meets violations in order of depth: the first one kept is a shortest.
    if (!byProperty.has(property)) byProperty.set(property, run());
    flagged.set(key, byProperty);
  };
  const { space, stop } = search(model, monitors, { limits, progress, onViolation, reduction });
  const found = new Map<string, RecordedSnapshot>();
  for (let id = 0; id < space.size; id++) {
    const state = space.state(id);
    for (let k = 0; k < instances; k++) {
      const view = viewOf(state, k);
      if (!isComplete(view)) continue;
      const key = snapshotKey(state, k);
      if (found.has(key)) continue;
      // States come in order of distance: the first with this snapshot is reached by a shortest run.
      const path = space.pathTo(id);
      const witness = {
        steps: path.slice(1).map((n) => space.stepTo(n)),
        states: path.map((n) => space.state(n)),
      };
      const violations = [...(flagged.get(key) ?? new Map<string, FoundViolation>())]
        .map(([property, v]) => ({ property, reason: v.reason, run: { steps: v.steps, states: v.states } }))
        .sort((a, b) => a.property.localeCompare(b.property));
      found.set(key, {
        instance: k + instanceOffset,
        model,
        processes: view.recorded.map((r) => r ?? []),
        channels: view.records.map((r) => r.messages),
        witness,
        violations,
      });
    }
  }
  const snapshots = [...found.values()].sort((a, b) => a.instance - b.instance);
  return { snapshots, distinctStates: space.size, stop, reduced: reduction !== undefined };
}

/** Identifies what instance `k` recorded in `state`. */
function snapshotKey(state: GlobalState, k: number): string {
  const view = viewOf(state, k);
  return JSON.stringify([k, view.recorded, view.records.map((r) => r.messages)]);
}
