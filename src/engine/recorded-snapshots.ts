/**
 * Every distinct snapshot an algorithm can record in a model, per instance — the question "what
 * snapshots can this algorithm record in my scenario?". One breadth-first search of the model
 * paired with the safety properties' monitors (one per property and instance) finds every state
 * in which an instance is complete, so every recorded S*, each with a shortest run that records it;
 * every violation the search meets (not only the first) flags the snapshot the violating run
 * recorded, with a shortest run that records it and violates the property.
 */
import type { Model } from "../model/model.js";
import { isComplete, viewOf } from "../model/snapshot.js";
import type { AppState, GlobalState, Step } from "../model/types.js";
import type { Limits, ProgressSink, StopReason } from "./limits.js";
import type { SafetyProperty } from "./property.js";
import { type FoundViolation, search, type ViolationSink } from "./search.js";

/** A run: `states[k+1]` is the state after `steps[k]`. */
export interface Run {
  readonly steps: readonly Step[];
  readonly states: readonly GlobalState[];
}

export interface RecordedSnapshot {
  readonly instance: number;
  /** Each process's recorded application state. */
  readonly processes: readonly AppState[];
  /** Each channel's recorded messages (payloads in the order received), by channel index. */
  readonly channels: readonly (readonly string[])[];
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
}

/** Searches `model` and lists what its snapshot instances can record, judged by `properties`. */
export function recordedSnapshots(
  model: Model,
  properties: readonly SafetyProperty[],
  limits: Limits,
  progress?: ProgressSink,
): RecordedSnapshots {
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
  const { space, stop } = search(model, monitors, { limits, progress, onViolation });
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
        instance: k,
        processes: view.recorded.map((r) => r ?? []),
        channels: view.records.map((r) => r.messages),
        witness,
        violations,
      });
    }
  }
  const snapshots = [...found.values()].sort((a, b) => a.instance - b.instance);
  return { snapshots, distinctStates: space.size, stop };
}

/** Identifies what instance `k` recorded in `state`. */
function snapshotKey(state: GlobalState, k: number): string {
  const view = viewOf(state, k);
  return JSON.stringify([k, view.recorded, view.records.map((r) => r.messages)]);
}
