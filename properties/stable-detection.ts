/**
 * stable-detection — a snapshot detects the workload's stable properties (semantics.md,
 * "Stable-property detection"): for each stable property Φ (termination's `terminated`,
 * deadlock's `deadlocked`), Φ(S*) ⇒ Φ(S_end) — no false detection: what the snapshot shows has
 * really happened — and Φ(S_start) ⇒ Φ(S*) — no missed detection: what had happened when the
 * snapshot started shows in it. Φ is judged on application states: each process's state and the
 * application messages in flight (S*'s are its recorded ones). The monitor carries which Φ held at
 * S_start; the verdict is given at S_end. A workload without stable properties has nothing to judge.
 */
import type { SafetyProperty } from "../src/engine/property.js";
import { startEndMonitor } from "../src/engine/start-end-monitor.js";
import type { Model } from "../src/model/model.js";
import type { GlobalState } from "../src/model/types.js";
import type { InFlight, StableProperty } from "../src/workloads/workload.js";

export const stableDetection: SafetyProperty = {
  kind: "always",
  name: "stable-detection",
  description:
    "for each stable property Φ of the workload (terminated, deadlocked): Φ(S*) implies Φ(S_end) and Φ(S_start) implies Φ(S*)",
  appliesTo: (model) => stableOf(model).length > 0,
  unsupported: (model) =>
    stableOf(model).length === 0
      ? `the ${model.spec.workload.name} workload has no stable property to detect (termination and deadlock have)`
      : undefined,
  monitor(model: Model, instance: number) {
    const stable = stableOf(model);
    const holds = (state: GlobalState) =>
      stable.map((phi) => phi.holds(state.procs, inFlight(model, state), model.topology));
    // Carried: which Φ held at S_start.
    return startEndMonitor<readonly boolean[]>(instance, {
      atStart: holds,
      key: (atStart) => atStart.map((b) => (b ? "1" : "0")).join(""),
      atEnd(atStart, end, recordedState) {
        const recorded = holds(recordedState);
        const atEnd = holds(end);
        for (const [i, phi] of stable.entries()) {
          if (recorded[i] === true && atEnd[i] === false)
            return `false detection: S* shows ${phi.name}, but the system is not ${phi.name} when the snapshot completes (S_end), so the snapshot reports what never happened`;
          if (atStart[i] === true && recorded[i] === false)
            return `missed detection: the system was already ${phi.name} when the snapshot started (S_start), but S* does not show it`;
        }
        return undefined;
      },
    });
  },
};

function stableOf(model: Model): readonly StableProperty[] {
  return model.spec.workload.stable ?? [];
}

/** The application messages in flight in `state` (markers are the algorithm's, not the application's). */
function inFlight(model: Model, state: GlobalState): InFlight[] {
  return state.channels.flatMap((contents, c) => {
    const { from, to } = model.topology.channel(c);
    return contents.flatMap((m) => (m.kind === "app" ? [{ from, to, payload: m.payload }] : []));
  });
}
