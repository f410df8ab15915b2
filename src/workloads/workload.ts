/**
 * The application a snapshot is taken of. A workload defines a process's state (a tuple of
 * integers with named fields), the application steps a process can take, what a process does with
 * an application message, the quantities the system conserves and, optionally, its stable
 * properties (for stable-property detection). Adding a workload is one new module implementing
 * this interface, registered in `index.ts`.
 */
import type { Topology } from "../model/topology.js";
import type { AppState } from "../model/types.js";

/** The workload parameters of a configuration (each workload validates the ones it uses). */
export interface WorkloadParams {
  readonly balances: readonly number[];
  readonly stock?: readonly number[] | undefined;
}

/** What an application step or a receipt does: the process's new state and the payloads it sends. */
export interface AppEffect {
  readonly state: AppState;
  readonly sends: readonly { readonly to: number; readonly payload: string }[];
}

/** An application message in flight or recorded in flight, for conservation and stable properties. */
export interface InFlight {
  readonly from: number;
  readonly to: number;
  readonly payload: string;
}

/**
 * A stable property Φ of the application (semantics.md, "Stable-property detection"): once it holds
 * in a global application state it holds in every state reachable from it — e.g. termination of a
 * diffusing computation, or a deadlock in a wait-for graph.
 */
export interface StableProperty {
  readonly name: string;
  readonly description: string;
  /** Φ of the global application state: each process's state and the application messages in flight. */
  holds(procs: readonly AppState[], inFlight: readonly InFlight[], topology: Topology): boolean;
}

export interface Workload {
  readonly name: string;
  readonly description: string;
  /** Names of the fields of a process's state on `processes` processes, for people and trace files. */
  fields(processes: number): readonly string[];
  /** The names of its application steps (the `action` of `actions`), for coverage: which never ran. */
  readonly actionNames?: readonly string[];
  /**
   * Receiving sends nothing, and any two receipts by one process commute (each adds to its state),
   * so partial-order reduction may reorder them (src/engine/stubborn-steps.ts).
   */
  readonly receiptsCommute?: boolean;
  /**
   * Processes are interchangeable (symmetry reduction, src/model/symmetry.ts): the rules never read
   * a process's index but through the topology, and no state or payload names a process.
   */
  readonly symmetric?: boolean;
  /** Each process's initial state; throws ConfigError naming the field when parameters are wrong. */
  initial(params: WorkloadParams, topology: Topology): AppState[];
  /** The application steps Pp can take in `state`, in a fixed order: an action name and a destination. */
  actions(
    state: AppState,
    p: number,
    topology: Topology,
  ): readonly { readonly action: string; readonly to: number }[];
  /** Take application step `action` of Pp towards `to`. */
  perform(state: AppState, p: number, action: string, to: number): AppEffect;
  /** Pp receives `payload` from `from`. */
  receive(state: AppState, p: number, from: number, payload: string): AppEffect;
  /**
   * The conserved quantities of a global application state (e.g. total money), by name. Payloads
   * never contain ",", " ", "|" or "#" and are never "M" (the marker's key).
   */
  conserved(procs: readonly AppState[], inFlight: readonly InFlight[]): Record<string, number>;
  /** The stable properties a snapshot should detect (none when absent). */
  readonly stable?: readonly StableProperty[];
  /** A process state for people, e.g. "balance 2". */
  describeState(state: AppState): string;
  /** A payload for people, e.g. "transfer of 1". */
  describePayload(payload: string): string;
}
