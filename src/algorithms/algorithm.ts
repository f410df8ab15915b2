/**
 * A snapshot algorithm is a set of handlers over a state draft: when a process may initiate, what
 * initiating does, what a marker does, and what an arriving application message does to the
 * snapshot state. It never touches the application state (the workload does) nor chooses steps
 * (the model does). Adding an algorithm is one new module implementing this interface.
 */
import type { StateDraft, StateReader } from "../model/draft.js";

export interface SnapshotAlgorithm {
  readonly name: string;
  readonly description: string;
  /** Set when the algorithm is modelled for one snapshot instance only (several are refused). */
  readonly oneInstanceOnly?: boolean;
  /** May Pp, one of the initiators of instance `k`, initiate it in this state? */
  canInitiate(state: StateReader, p: number, k: number): boolean;
  /** Pp initiates snapshot instance `k`. */
  initiate(draft: StateDraft, p: number, k: number): void;
  /** A marker of instance `k` arrived on channel `c` (already taken off the channel). */
  onMarker(draft: StateDraft, c: number, k: number): void;
  /**
   * An application message with `payload` arrives on channel `c`, before the receiver processes
   * it (an algorithm that records on receipt records here, so the receipt falls after the cut).
   * Every instance recording the channel records it.
   */
  onAppArrival(draft: StateDraft, c: number, payload: string, tag: string | undefined): void;
  /** The tag Pp piggybacks on an application message it sends now (none when undefined). */
  tagOutgoing?(draft: StateDraft, p: number): string | undefined;
  /** Runs at the end of every step (an algorithm that closes channels on a condition checks it here). */
  afterStep?(draft: StateDraft): void;
  /**
   * Partial-order reduction may treat the algorithm as marker-local (src/engine/stubborn-steps.ts)
   * when it lists here the very handlers it vouches for: each step changes only its process's
   * state and records and the records of the channels into it, and appends only to the channels
   * out of it; a process sends only in the step in which it records an instance; a marker of an
   * instance its receiver has recorded only closes its channel's record; an application message
   * changes only its own channel's records. A variant that replaces a handler (a spread copy with
   * one rule changed) no longer matches, so the reduction leaves it alone.
   */
  readonly markerLocal?: AlgorithmHandlers;
  /**
   * Symmetry reduction may treat processes as interchangeable (src/model/symmetry.ts) when the
   * algorithm lists here the very handlers it vouches for: none treats a process or a channel by
   * its index — only through the topology and the state — and no tag names a process. Compared by
   * identity, as markerLocal is.
   */
  readonly symmetric?: AlgorithmHandlers;
}

/** The handlers a declaration vouches for (compared by identity). */
export type AlgorithmHandlers = Pick<
  SnapshotAlgorithm,
  "canInitiate" | "initiate" | "onMarker" | "onAppArrival" | "tagOutgoing" | "afterStep"
>;

/** The algorithm's marker-local declaration holds for its handlers as they are now. */
export function isMarkerLocal(algorithm: SnapshotAlgorithm): boolean {
  return isDeclaredFor(algorithm.markerLocal, algorithm);
}

/** A declaration vouches for the algorithm's handlers as they are now (a variant that replaced one no longer matches). */
export function isDeclaredFor(
  declared: AlgorithmHandlers | undefined,
  algorithm: SnapshotAlgorithm,
): boolean {
  if (declared === undefined) return false;
  return (
    declared.canInitiate === algorithm.canInitiate &&
    declared.initiate === algorithm.initiate &&
    declared.onMarker === algorithm.onMarker &&
    declared.onAppArrival === algorithm.onAppArrival &&
    declared.tagOutgoing === algorithm.tagOutgoing &&
    declared.afterStep === algorithm.afterStep
  );
}
