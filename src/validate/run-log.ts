/**
 * A real run as its log describes it (docs/run-log.md): the header's processes, links, channels,
 * workload and initial states, and every event with the line it came from. Events keep the file's
 * order; only each process's own events are in the order they happened.
 */

import type { Topology } from "../model/topology.js";

/** An application state as the log writes it: named integer fields. */
export type LoggedState = Readonly<Record<string, number>>;

interface Base {
  /** 1-based line of the log this event came from. */
  readonly line: number;
  /** The process that did it. */
  readonly process: number;
}

export type LoggedEvent =
  | (Base & { readonly kind: "send"; readonly to: number; readonly id: string; readonly payload: string })
  | (Base & {
      readonly kind: "receive";
      readonly from: number;
      readonly id: string;
      /** When given, it must be the send's payload. */
      readonly payload: string | undefined;
    })
  | (Base & { readonly kind: "record"; readonly snapshot: number; readonly state: LoggedState })
  | (Base & { readonly kind: "marker-send"; readonly to: number; readonly snapshot: number })
  | (Base & { readonly kind: "marker-receive"; readonly from: number; readonly snapshot: number })
  | (Base & {
      readonly kind: "channel-recorded";
      readonly from: number;
      readonly snapshot: number;
      readonly messages: readonly string[];
    });

export type EventKind = LoggedEvent["kind"];

export interface RunLog {
  /** The file it was read from, for messages. */
  readonly file: string;
  /** The line of the run header. */
  readonly headerLine: number;
  readonly processes: number;
  /** The channels the header's links give (every pair by default). */
  readonly topology: Topology;
  /** What the links promise: recorded channel states are compared in order only under fifo. */
  readonly ordered: boolean;
  readonly workload: string | undefined;
  readonly initial: readonly LoggedState[] | undefined;
  /** Every event, in file order. */
  readonly events: readonly LoggedEvent[];
}

/** A run's matched messages: each send's receive (absent while in flight at the end), by message id. */
export interface Messages {
  /** Index in `events` of the send of each message id. */
  readonly sendOf: ReadonlyMap<string, number>;
  /** Index in `events` of the receive of each message id that was received. */
  readonly receiveOf: ReadonlyMap<string, number>;
  /** For each marker-receive (index in `events`), the index of the marker-send it delivers. */
  readonly markerSendOf: ReadonlyMap<number, number>;
}
