/**
 * conservation — in S*, the recorded process states plus the recorded in-channel messages hold the
 * same conserved quantities (for `bank`, the total money) as the system itself. Judged at S_end.
 */
import type { SafetyProperty } from "../src/explorer/property.js";
import type { Model } from "../src/model/model.js";
import { completesSnapshot, recordedGlobalState } from "../src/model/snapshot.js";
import type { GlobalState } from "../src/model/types.js";
import type { InFlight } from "../src/workloads/workload.js";

export const conservation: SafetyProperty = {
  kind: "always",
  name: "conservation",
  description: "S* holds what the system conserves (bank: the total money), in processes and channels",
  monitor(model: Model) {
    const expected = totals(model, model.initial);
    return {
      initial: () => null,
      key: () => "",
      advance(m: null, { from, to }) {
        if (!completesSnapshot(from, to)) return [{ ok: true, monitor: m }];
        const recorded = totals(model, recordedGlobalState(to, model.spec.discipline));
        for (const [quantity, value] of Object.entries(expected)) {
          const got = recorded[quantity] ?? 0;
          if (got !== value) {
            return [
              {
                ok: false,
                reason: `S* holds ${quantity} ${got} (recorded processes and channels), but the system holds ${value}: the snapshot ${got < value ? "lost" : "invented"} ${Math.abs(value - got)}`,
              },
            ];
          }
        }
        return [{ ok: true, monitor: m }];
      },
    };
  },
};

function totals(model: Model, state: GlobalState): Record<string, number> {
  const inFlight: InFlight[] = state.channels.flatMap((contents, c) => {
    const { from, to } = model.topology.channel(c);
    return contents.flatMap((m) => (m.kind === "app" ? [{ from, to, payload: m.payload }] : []));
  });
  return model.spec.workload.conserved(state.procs, inFlight);
}
