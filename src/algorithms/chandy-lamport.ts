/**
 * Chandy–Lamport exactly as in the lecture (seed/snapshot-lecture.txt, "Chandy-Lamport Global
 * Snapshot Algorithm" 1–3) and semantics.md. Correct only under FIFO, loss-free, duplicate-free
 * channels. Several snapshot instances run side by side, each with markers of its own (the marker
 * carries the instance id); an application message is recorded by every instance recording its
 * channel. The steps are exported as building blocks so that broken variants (mutants, in test/)
 * can reuse all but the one rule they break.
 */
import type { StateDraft } from "../model/draft.js";
import { marker } from "../model/message.js";
import type { SnapshotAlgorithm } from "./algorithm.js";

/** Pp sends a marker of instance k on every outgoing channel. */
export function sendMarkers(draft: StateDraft, p: number, k: number): void {
  for (const c of draft.topology.outgoing[p] ?? []) draft.send(c, marker(k));
}

/** Channel c stops recording for instance k: its recorded state is what arrived since recording started. */
export function closeChannel(draft: StateDraft, c: number, k: number): void {
  draft.closeRecord(c, k);
}

/** Appends `payload` to c's recorded state in instance k while c is recording there (receiver recorded, no marker yet). */
export function recordIfRecording(draft: StateDraft, c: number, k: number, payload: string): void {
  if (!draft.channelRecord(c, k).closed && draft.hasRecorded(draft.topology.channel(c).to, k)) {
    draft.recordMessage(c, k, payload);
  }
}

/** Every instance recording channel c records `payload`. */
export function recordOnEveryInstance(draft: StateDraft, c: number, payload: string): void {
  for (let k = 0; k < draft.instances; k++) recordIfRecording(draft, c, k, payload);
}

const handlers = {
  name: "chandy-lamport",
  description: "markers on every channel; a channel's state is what arrives before its marker",
  canInitiate: (state, p, k) => !state.hasRecorded(p, k),
  initiate(draft, p, k) {
    // Recording every incoming channel starts with it: a channel records while its receiver has
    // recorded and its record is open.
    draft.recordProcess(p, k);
    sendMarkers(draft, p, k);
  },
  onMarker(draft, c, k) {
    const p = draft.topology.channel(c).to;
    if (!draft.hasRecorded(p, k)) {
      // First marker: record, c is recorded as empty, every other incoming channel starts recording.
      draft.recordProcess(p, k);
      closeChannel(draft, c, k);
      sendMarkers(draft, p, k);
    } else {
      closeChannel(draft, c, k);
    }
  },
  onAppArrival: (draft, c, payload) => recordOnEveryInstance(draft, c, payload),
} satisfies Omit<SnapshotAlgorithm, "markerLocal" | "symmetric">;

export const chandyLamport: SnapshotAlgorithm = {
  ...handlers,
  // Every rule above is local to its process and records only on markers and initiation.
  markerLocal: handlers,
  // And none reads a process's index but through the topology.
  symmetric: handlers,
};
