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
}
