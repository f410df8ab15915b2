/**
 * The vocabulary of the model (semantics.md, "Steps and states"): processes, messages, channels,
 * the global state, steps and the events a step emits. Everything here is immutable data.
 */

/** A process's application state: a fixed-length tuple of integers whose meaning the workload names. */
export type AppState = readonly number[];

/**
 * An application message: its content is all it is (messages have no identity beyond content).
 * An algorithm may piggyback a tag on it (Lai–Yang's colour); the tag is part of the content.
 */
export interface AppMessage {
  readonly kind: "app";
  readonly payload: string;
  readonly tag?: string | undefined;
}

/** A Chandy–Lamport marker of one snapshot instance (0 unless several snapshots run). */
export interface MarkerMessage {
  readonly kind: "marker";
  readonly instance: number;
}

export type Message = AppMessage | MarkerMessage;

/** What the snapshot algorithm has recorded for one channel c(i,j) (kept by its receiver Pj). */
export interface ChannelRecord {
  /** The channel's recording is over (for Chandy–Lamport: its marker has arrived). */
  readonly closed: boolean;
  /** Payloads recorded as in flight on the channel, in arrival order. */
  readonly messages: readonly string[];
}

/**
 * The snapshot state of one snapshot instance. A channel is "recording" iff its receiver has
 * recorded and its record is not closed (derived, never stored).
 */
export interface SnapshotState {
  /** Each process's recorded application state, or null while it has not recorded. */
  readonly recorded: readonly (AppState | null)[];
  /** Each channel's recorded state, by channel index. */
  readonly records: readonly ChannelRecord[];
}

/**
 * A global state, exactly as semantics.md defines it and nothing more: no history, no counters.
 * Channels are indexed as in the topology. Several snapshot instances (README, "Several
 * snapshots") each have their own snapshot state; a scripted scenario adds the position of its
 * next command, which is part of the application's state.
 */
export interface GlobalState {
  /** Each process's application state. */
  readonly procs: readonly AppState[];
  /** The snapshot state of each instance 0, 1, …: one instance unless configured otherwise. */
  readonly snapshots: readonly SnapshotState[];
  /** Each channel's contents, by channel index: oldest first under fifo, sorted under nonfifo. */
  readonly channels: readonly (readonly Message[])[];
  /** The index of the scripted scenario's next command (always 0 without a script). */
  readonly scriptPosition: number;
}

/**
 * A global state seen through one snapshot instance: the state itself plus that instance's
 * snapshot state under the names semantics.md uses for one snapshot. What properties judge and
 * pictures draw.
 */
export interface SnapshotView extends GlobalState, SnapshotState {
  readonly instance: number;
}

/**
 * One atomic step (semantics.md): steps are data, so a path of steps can be saved and replayed.
 * `drop` (a lossy channel loses the message) and `duplicate` (a duplicating channel delivers it and
 * keeps it) exist only when the channels are faulty.
 */
export type Step =
  | { readonly kind: "initiate"; readonly process: number; readonly instance: number }
  /** The scripted scenario's next command (a send, a snapshot, a tick): `command` is its index. */
  | { readonly kind: "script"; readonly command: number }
  | {
      readonly kind: "app";
      readonly action: string;
      readonly process: number;
      readonly to: number;
    }
  | {
      readonly kind: "deliver" | "drop" | "duplicate";
      readonly channel: number;
      readonly message: Message;
    };

/**
 * What happened inside a step, in order: the happens-before relation of a run is built from these,
 * never from the algorithm's own bookkeeping.
 */
export type ModelEvent =
  | { readonly kind: "record"; readonly process: number; readonly instance: number }
  | { readonly kind: "send"; readonly channel: number; readonly message: Message }
  | {
      readonly kind: "receive";
      readonly channel: number;
      readonly message: Message;
      /** The message stays in the channel (a duplicating channel delivered a copy). */
      readonly kept: boolean;
    }
  | { readonly kind: "lose"; readonly channel: number; readonly message: Message };

/** The result of taking a step: the next state and the events the step emitted. */
export interface Transition {
  readonly state: GlobalState;
  readonly events: readonly ModelEvent[];
}

/** A run: `states[k + 1]` is the state after `steps[k]`, so there is one more state than steps. */
export interface Run<S = GlobalState> {
  readonly steps: readonly Step[];
  readonly states: readonly S[];
}
