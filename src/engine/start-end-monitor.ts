/**
 * The monitor shared by the properties judged once per snapshot instance, at S_end, against what
 * they carried from S_start (conservation: the totals then; reachable-cut: the component of
 * app(S_start); stable-detection: which Φ held). It is idle until the instance is initiated, then
 * carries the property's value, and after S_end is done — one state, so runs are no longer told
 * apart and the search stays small.
 */
import type { ChannelDiscipline } from "../model/channels/discipline.js";
import {
  completesSnapshot,
  initiatesSnapshot,
  recordedGlobalState,
  snapshotOf,
  viewOf,
} from "../model/snapshot.js";
import type { GlobalState } from "../model/types.js";
import type { Monitor } from "./property.js";

/** What a start-to-end property computes at S_start and how it judges S_end. */
export interface StartEndJudge<C> {
  /** What the property needs from S_start, the state in which the instance is initiated. */
  atStart(start: GlobalState): C;
  /** The canonical key of a carried value. */
  key(carried: C): string;
  /** Why the snapshot completed in `end`, having recorded S*, breaks the property; undefined when it holds. */
  atEnd(carried: C, end: GlobalState, recorded: GlobalState): string | undefined;
}

type Phase<C> = "idle" | "done" | { readonly carried: C };

/** The monitor of snapshot instance `instance` for `judge`. */
export function startEndMonitor<C>(
  instance: number,
  discipline: ChannelDiscipline,
  judge: StartEndJudge<C>,
): Monitor<Phase<C>> {
  return {
    initial: () => "idle",
    key: (m) => (typeof m === "string" ? m : `@${judge.key(m.carried)}`),
    advance(m, { from, to }) {
      if (m === "done") return [{ ok: true, monitor: m }];
      const before = snapshotOf(from, instance);
      const after = snapshotOf(to, instance);
      const phase: Phase<C> =
        m === "idle" && initiatesSnapshot(before, after) ? { carried: judge.atStart(from) } : m;
      if (phase === "idle" || !completesSnapshot(before, after)) return [{ ok: true, monitor: phase }];
      const reason = judge.atEnd(phase.carried, to, recordedGlobalState(viewOf(to, instance), discipline));
      return reason === undefined ? [{ ok: true, monitor: "done" }] : [{ ok: false, reason }];
    },
  };
}
