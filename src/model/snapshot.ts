/**
 * Reading the snapshot out of a global state, whatever algorithm took it: one instance's view,
 * whether it was initiated and is complete, the recorded global state S*, and the application
 * projection app(S).
 */

import type { ChannelDiscipline } from "./channels/discipline.js";
import { appMessage } from "./message.js";
import type { GlobalState, SnapshotState, SnapshotView } from "./types.js";

/** The snapshot state of instance `instance` (no copy: what monitors read on every step). */
export function snapshotOf(state: GlobalState, instance: number): SnapshotState {
  const snapshot = state.snapshots[instance];
  if (snapshot === undefined) throw new RangeError(`the state has no snapshot instance ${instance}`);
  return snapshot;
}

/** `state` seen through snapshot instance `instance`. */
export function viewOf(state: GlobalState, instance: number): SnapshotView {
  const snapshot = state.snapshots[instance];
  if (snapshot === undefined) throw new RangeError(`the state has no snapshot instance ${instance}`);
  return { ...state, ...snapshot, instance };
}

/** A run's states seen through snapshot instance `instance`. */
export function viewsOf(states: readonly GlobalState[], instance: number): SnapshotView[] {
  return states.map((s) => viewOf(s, instance));
}

/** The snapshot state of an instance no process has started: nothing recorded, every record open. */
export function emptySnapshot(processes: number, channels: number): SnapshotState {
  return {
    recorded: Array.from({ length: processes }, () => null),
    records: Array.from({ length: channels }, () => EMPTY_RECORD),
  };
}

/** Some process has recorded: the snapshot has started. */
export function isInitiated(snapshot: SnapshotState): boolean {
  return snapshot.recorded.some((r) => r !== null);
}

/** Every process has recorded and every channel's recording is closed. */
export function isComplete(snapshot: SnapshotState): boolean {
  return snapshot.recorded.every((r) => r !== null) && snapshot.records.every((r) => r.closed);
}

/** Initiated and not yet complete: the states through which termination must make progress. */
export function isInProgress(snapshot: SnapshotState): boolean {
  return isInitiated(snapshot) && !isComplete(snapshot);
}

/** Every snapshot instance of the state is complete. */
export function everyInstanceComplete(state: GlobalState): boolean {
  return state.snapshots.every(isComplete);
}

/** Some snapshot instance of the state has started and not completed. */
export function someInstanceInProgress(state: GlobalState): boolean {
  return state.snapshots.some(isInProgress);
}

const EMPTY_RECORD = Object.freeze({ closed: false, messages: Object.freeze([]) });

/** A state with no snapshot state: every process unrecorded, every record open and empty. */
function withoutSnapshot(
  state: GlobalState,
  procs: GlobalState["procs"],
  channels: GlobalState["channels"],
): GlobalState {
  const none = emptySnapshot(procs.length, channels.length);
  return {
    procs,
    snapshots: state.snapshots.map(() => none),
    channels,
    scriptPosition: state.scriptPosition,
  };
}

/**
 * app(S): drop markers, the tags algorithms piggyback on messages, and all snapshot state; channels
 * are rebuilt through `discipline`, so a multiset stays in canonical order.
 */
export function appProjection(state: GlobalState, discipline: ChannelDiscipline): GlobalState {
  const channels = state.channels.map((c) =>
    discipline.holding(c.flatMap((m) => (m.kind === "app" ? [appMessage(m.payload)] : []))),
  );
  return withoutSnapshot(state, state.procs, channels);
}

/**
 * S* of one instance: its recorded global state as an application state — each process's recorded
 * state and each channel holding its recorded messages, joined to the channel as `discipline`
 * orders them. Only meaningful once every process has recorded. (A scripted scenario's position is
 * not recorded by any snapshot: S* keeps that of `view`, and no property reads it.)
 */
export function recordedGlobalState(view: SnapshotView, discipline: ChannelDiscipline): GlobalState {
  const procs = view.recorded.map((r, p) => {
    if (r === null) throw new RangeError(`P${p} has not recorded: S* is not complete`);
    return r;
  });
  const channels = view.records.map((r) =>
    discipline.holding(r.messages.map((payload) => appMessage(payload))),
  );
  return withoutSnapshot(view, procs, channels);
}

/** The step completes the snapshot: S_end is its target state. */
export function completesSnapshot(from: SnapshotState, to: SnapshotState): boolean {
  return !isComplete(from) && isComplete(to);
}

/** The step initiates the snapshot: S_start is its source state. */
export function initiatesSnapshot(from: SnapshotState, to: SnapshotState): boolean {
  return !isInitiated(from) && isInitiated(to);
}

/** How labels name a snapshot instance: instance 0 goes unnamed, so one-snapshot runs read as in the lecture; later ones are `#k`. */
export function instanceSuffix(instance: number): string {
  return instance === 0 ? "" : `, #${instance}`;
}
