/**
 * conservation — the quantities the workload conserves (bank: money) hold in S* — recorded process
 * states plus recorded in-channel messages — as in the system. Judged at S_end. On reliable channels
 * the system's totals never change, so S* must hold exactly them. Faulty channels change them (a
 * lost transfer destroys money, a duplicated one creates it), so in general S* must hold, for each
 * quantity, a value between those of app(S_start) and app(S_end): what a state the system passed
 * through between the two could hold. The monitor carries the totals of S_start.
 */
import type { SafetyProperty } from "../src/engine/property.js";
import { startEndMonitor } from "../src/engine/start-end-monitor.js";
import type { Model } from "../src/model/model.js";
import type { GlobalState } from "../src/model/types.js";
import type { InFlight } from "../src/workloads/workload.js";

type Totals = Readonly<Record<string, number>>;

export const conservation: SafetyProperty = {
  kind: "always",
  name: "conservation",
  // Totals name no process.
  symmetric: true,
  description:
    "S* holds what the system conserves (bank: the total money), between its amounts at S_start and S_end",
  monitor: (model: Model, instance: number) => {
    // A search hands over one object per application state and S*: their totals are read once.
    const known = new WeakMap<GlobalState, Totals>();
    const totalsOf = (state: GlobalState) => {
      let counted = known.get(state);
      if (counted === undefined) {
        counted = totals(model, state);
        known.set(state, counted);
      }
      return counted;
    };
    return startEndMonitor<Totals>(instance, {
      atStart: (start) => totals(model, start),
      key: (start) => JSON.stringify(start),
      atEnd(start, endState, recordedState) {
        const end = totalsOf(endState);
        const recorded = totalsOf(recordedState);
        for (const [quantity, atStart] of Object.entries(start)) {
          const got = recorded[quantity] ?? 0;
          const atEnd = end[quantity] ?? 0;
          if (got >= Math.min(atStart, atEnd) && got <= Math.max(atStart, atEnd)) continue;
          const held =
            atStart === atEnd
              ? `the system holds ${atStart}`
              : `the system held ${atStart} when the snapshot started and ${atEnd} when it completed`;
          const lost = got < Math.min(atStart, atEnd);
          const amount = lost ? Math.min(atStart, atEnd) - got : got - Math.max(atStart, atEnd);
          return `S* holds ${quantity} ${got} (recorded processes and channels), but ${held}: the snapshot ${lost ? "lost" : "invented"} ${amount}`;
        }
        return undefined;
      },
    });
  },
};

function totals(model: Model, state: GlobalState): Record<string, number> {
  const inFlight: InFlight[] = state.channels.flatMap((contents, c) => {
    const { from, to } = model.topology.channel(c);
    return contents.flatMap((m) => (m.kind === "app" ? [{ from, to, payload: m.payload }] : []));
  });
  return model.spec.workload.conserved(state.procs, inFlight);
}
