/** Stability, checked on an explored state space: once Φ holds, every step keeps it. */
import { check } from "../../src/engine/check.js";
import type { Model } from "../../src/model/model.js";
import type { GlobalState } from "../../src/model/types.js";
import type { StableProperty, Workload } from "../../src/workloads/workload.js";

/** The one stable property of `workload`. */
export function stableOf(workload: Workload): StableProperty {
  const [phi, ...more] = workload.stable ?? [];
  if (phi === undefined || more.length > 0) throw new Error(`${workload.name}: expected one stable property`);
  return phi;
}

/** The explored edges of `model` that lead from a state where `phi` holds to one where it does not. */
export function stabilityViolations(model: Model, phi: StableProperty): number {
  const space = check(model, [], { limits: {}, graph: true }).space;
  const holds = (s: GlobalState) =>
    phi.holds(
      s.procs,
      s.channels.flatMap((c, i) =>
        c.flatMap((m) => (m.kind === "app" ? [{ ...model.topology.channel(i), payload: m.payload }] : [])),
      ),
      model.topology,
    );
  let violations = 0;
  for (let id = 0; id < space.size; id++) {
    if (!holds(space.state(id))) continue;
    for (const [, to] of space.edges(id)) if (!holds(space.state(to))) violations++;
  }
  return violations;
}
