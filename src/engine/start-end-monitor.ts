/**
 * The monitor shared by the properties judged once per snapshot instance, at S_end, against what
 * they carried from S_start (conservation: the totals then; reachable-cut: the component of
 * app(S_start); stable-detection: which Φ held). It is idle until the instance is initiated, then
 * carries the property's value, and after S_end is done — one state, so runs are no longer told
 * apart and the search stays small.
 */
import type { GlobalState } from "../model/types.js";
import { carryOn, type Monitor, type MonitorOutcome } from "./property.js";

/** What a start-to-end property computes at S_start and how it judges S_end. */
export interface StartEndJudge<C> {
  /** What the property needs from S_start, the state in which the instance is initiated. */
  atStart(start: GlobalState): C;
  /** The canonical key of a carried value. */
  key(carried: C): string;
  /**
   * Why the snapshot completed in S_end, having recorded S*, breaks the property; undefined when
   * it holds. `end` is app(S_end): the judge reads application states only, so that a search asks
   * once per carried value, application state and S*.
   */
  atEnd(carried: C, end: GlobalState, recorded: GlobalState): string | undefined;
  /**
   * Whether carrying `stronger` breaks the property at S_end wherever carrying `weaker` does,
   * whatever S_end and S* (Monitor.covers); absent: only equal values.
   */
  covers?(stronger: C, weaker: C): boolean;
}

/** A carried value, one object per distinct value, numbered in the order met. */
interface Carrying<C> {
  readonly carried: C;
  readonly index: number;
}

type Phase<C> = "idle" | "done" | Carrying<C>;

// Outcomes are data that never change: the common ones are shared, not made on every step.
const IDLE = [{ ok: true, monitor: "idle" }] as const;
const DONE = [{ ok: true, monitor: "done" }] as const;

/** The monitor of snapshot instance `instance` for `judge`. */
export function startEndMonitor<C>(instance: number, judge: StartEndJudge<C>): Monitor<Phase<C>> {
  const stay = carryOn<Carrying<C>>();
  // One phase object per carried value, and each verdict once per phase, app(S_end) and S* (the
  // observation hands back the same objects for the same states).
  const phases = new Map<string, Carrying<C>>();
  const numbered: Carrying<C>[] = [];
  /** By phase number, then app(S_end), then S*: the verdict. */
  const verdicts: WeakMap<GlobalState, WeakMap<GlobalState, readonly MonitorOutcome<Phase<C>>[]>>[] = [];
  const judged = (phase: Carrying<C>, end: GlobalState, recorded: GlobalState) => {
    let byEnd = verdicts[phase.index];
    if (byEnd === undefined) {
      byEnd = new WeakMap();
      verdicts[phase.index] = byEnd;
    }
    let byRecorded = byEnd.get(end);
    if (byRecorded === undefined) {
      byRecorded = new WeakMap();
      byEnd.set(end, byRecorded);
    }
    let outcome = byRecorded.get(recorded);
    if (outcome === undefined) {
      const reason = judge.atEnd(phase.carried, end, recorded);
      outcome = reason === undefined ? DONE : [{ ok: false, reason }];
      byRecorded.set(recorded, outcome);
    }
    return outcome;
  };
  const started = (start: GlobalState) => {
    const carried = judge.atStart(start);
    const key = judge.key(carried);
    let phase = phases.get(key);
    if (phase === undefined) {
      phase = { carried, index: numbered.length };
      phases.set(key, phase);
      numbered.push(phase);
    }
    return phase;
  };
  return {
    // Between S_start and S_end the carried value stays: only starting and completing steps matter.
    eventDriven: true,
    initial: () => "idle",
    key: (m) => (typeof m === "string" ? m : `@${judge.key(m.carried)}`),
    // "idle" is 0, "done" 1, a carried value 2 + its number.
    numbering: {
      number: (m) => (m === "idle" ? 0 : m === "done" ? 1 : 2 + m.index),
      state: (n) => (n === 0 ? "idle" : n === 1 ? "done" : (numbered[n - 2] as Carrying<C>)),
    },
    // Once done, a monitor judges nothing more: any state covers it.
    covers: (stronger, weaker) =>
      weaker === "done" ||
      (typeof stronger !== "string" &&
        typeof weaker !== "string" &&
        (judge.covers?.(stronger.carried, weaker.carried) ?? false)),
    advance(m, observed) {
      if (m === "done") return DONE;
      const phase: Phase<C> = m === "idle" && observed.initiates(instance) ? started(observed.from) : m;
      if (phase === "idle") return IDLE;
      if (!observed.completes(instance)) return stay(phase);
      return judged(phase, observed.application(), observed.recorded(instance));
    },
  };
}
