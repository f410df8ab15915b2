/**
 * Chandy–Lamport, one snapshot, exactly as in the lecture (seed/snapshot-lecture.txt, "Chandy-Lamport
 * Global Snapshot Algorithm" 1–3) and semantics.md. Correct only under FIFO, loss-free,
 * duplicate-free channels. The steps are exported as building blocks so that broken variants
 * (mutants, in test/) can reuse all but the one rule they break.
 */
import type { StateDraft } from "../model/draft.js";
import { MARKER } from "../model/message.js";
import type { SnapshotAlgorithm } from "./algorithm.js";

/** Pp sends a marker on every outgoing channel. */
export function sendMarkers(draft: StateDraft, p: number): void {
  for (const c of draft.topology.outgoing[p] ?? []) draft.send(c, MARKER);
}

/** Channel c stops recording: its recorded state is what arrived on it since recording started. */
export function closeChannel(draft: StateDraft, c: number): void {
  draft.setChannelRecord(c, { ...draft.channelRecord(c), closed: true });
}

/** Appends `payload` to c's recorded state while c is recording (its receiver recorded, no marker yet). */
export function recordIfRecording(draft: StateDraft, c: number, payload: string): void {
  const record = draft.channelRecord(c);
  if (!record.closed && draft.hasRecorded(draft.topology.channel(c).to)) {
    draft.setChannelRecord(c, { closed: false, messages: [...record.messages, payload] });
  }
}

export const chandyLamport: SnapshotAlgorithm = {
  name: "chandy-lamport",
  description: "markers on every channel; a channel's state is what arrives before its marker",
  canInitiate: (state, p, initiators) => initiators.has(p) && state.recorded[p] === null,
  initiate(draft, p) {
    // Recording every incoming channel starts with it: a channel records while its receiver has
    // recorded and its record is open.
    draft.recordProcess(p);
    sendMarkers(draft, p);
  },
  onMarker(draft, c) {
    const p = draft.topology.channel(c).to;
    if (!draft.hasRecorded(p)) {
      // First marker: record, c is recorded as empty, every other incoming channel starts recording.
      draft.recordProcess(p);
      closeChannel(draft, c);
      sendMarkers(draft, p);
    } else {
      closeChannel(draft, c);
    }
  },
  onAppArrival: recordIfRecording,
};
