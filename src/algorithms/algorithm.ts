/**
 * A snapshot algorithm is a set of handlers over a state draft: when a process may initiate, what
 * initiating does, what a marker does, and what an arriving application message does to the
 * snapshot state. It never touches the application state (the workload does) nor chooses steps
 * (the model does). Adding an algorithm is one new module implementing this interface.
 */
import type { StateDraft } from "../model/draft.js";
import type { GlobalState } from "../model/types.js";

export interface SnapshotAlgorithm {
  readonly name: string;
  readonly description: string;
  /** May Pp initiate the snapshot in `state`, given the configured initiators? */
  canInitiate(state: GlobalState, p: number, initiators: ReadonlySet<number>): boolean;
  initiate(draft: StateDraft, p: number): void;
  /** A marker arrived on channel `c` (already taken off the channel). */
  onMarker(draft: StateDraft, c: number): void;
  /**
   * An application message with `payload` arrives on channel `c`, before the receiver processes
   * it (an algorithm that records on receipt records here, so the receipt falls after the cut).
   */
  onAppArrival(draft: StateDraft, c: number, payload: string, tag: string | undefined): void;
  /** The tag Pp piggybacks on an application message it sends now (none when undefined). */
  tagOutgoing?(draft: StateDraft, p: number): string | undefined;
  /** Runs at the end of every step (an algorithm that closes channels on a condition checks it here). */
  afterStep?(draft: StateDraft): void;
}
