/**
 * Reading the snapshot out of a global state, whatever algorithm took it: whether it was
 * initiated and is complete, the recorded global state S*, and the application projection app(S).
 */

import type { ChannelDiscipline } from "./channels/discipline.js";
import { appMessage } from "./message.js";
import type { GlobalState, Message } from "./types.js";

/** Some process has recorded: the snapshot has started. */
export function isInitiated(state: GlobalState): boolean {
  return state.recorded.some((r) => r !== null);
}

/** Every process has recorded and every channel's recording is closed. */
export function isComplete(state: GlobalState): boolean {
  return state.recorded.every((r) => r !== null) && state.records.every((r) => r.closed);
}

/** Initiated and not yet complete: the states through which termination must make progress. */
export function isInProgress(state: GlobalState): boolean {
  return isInitiated(state) && !isComplete(state);
}

/** A state with no snapshot state: every process unrecorded, every record open and empty. */
function withoutSnapshot(
  state: GlobalState,
  procs: GlobalState["procs"],
  channels: GlobalState["channels"],
): GlobalState {
  return {
    procs,
    recorded: state.recorded.map(() => null),
    records: state.records.map(() => EMPTY_RECORD),
    channels,
  };
}

const EMPTY_RECORD = Object.freeze({ closed: false, messages: Object.freeze([]) });

/**
 * app(S): drop markers, the tags algorithms piggyback on messages, and all snapshot state; channels
 * are rebuilt through `discipline`, so a multiset stays in canonical order.
 */
export function appProjection(state: GlobalState, discipline: ChannelDiscipline): GlobalState {
  const channels = state.channels.map((c) =>
    c.reduce<readonly Message[]>(
      (rebuilt, m) => (m.kind === "app" ? discipline.append(rebuilt, appMessage(m.payload)) : rebuilt),
      [],
    ),
  );
  return withoutSnapshot(state, state.procs, channels);
}

/**
 * S*: the recorded global state as an application state — each process's recorded state and each
 * channel holding its recorded messages, joined to the channel as `discipline` orders them.
 * Only meaningful once every process has recorded.
 */
export function recordedGlobalState(state: GlobalState, discipline: ChannelDiscipline): GlobalState {
  const procs = state.recorded.map((r, p) => {
    if (r === null) throw new RangeError(`P${p} has not recorded: S* is not complete`);
    return r;
  });
  const channels = state.records.map((r) =>
    r.messages.reduce<readonly Message[]>((c, payload) => discipline.append(c, appMessage(payload)), []),
  );
  return withoutSnapshot(state, procs, channels);
}

/** The step completes the snapshot: S_end is its target state. */
export function completesSnapshot(from: GlobalState, to: GlobalState): boolean {
  return !isComplete(from) && isComplete(to);
}

/** The step initiates the snapshot: S_start is its source state. */
export function initiatesSnapshot(from: GlobalState, to: GlobalState): boolean {
  return !isInitiated(from) && isInitiated(to);
}
