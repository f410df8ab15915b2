/**
 * Deliberately broken Chandy–Lamport variants. A property check is trusted only once a mutant makes
 * it fail; each mutant breaks exactly one rule of the lecture's algorithm and reuses the rest.
 */
import type { SnapshotAlgorithm } from "../../src/algorithms/algorithm.js";
import { chandyLamport, closeChannel, sendMarkers } from "../../src/algorithms/chandy-lamport.js";

/** On its first marker a process records but does not forward markers (the initiator still sends). */
export const noForward: SnapshotAlgorithm = {
  ...chandyLamport,
  name: "mutant-no-forward",
  onMarker(draft, c, k) {
    const p = draft.topology.channel(c).to;
    if (!draft.hasRecorded(p, k)) draft.recordProcess(p, k);
    closeChannel(draft, c, k);
  },
};

/** Channels are always recorded as empty: messages arriving while recording are not kept. */
export const emptyRecord: SnapshotAlgorithm = {
  ...chandyLamport,
  name: "mutant-empty-record",
  onAppArrival: () => {},
};

/** A channel keeps recording after its marker arrived (it still counts as closed). */
export const recordAfterMarker: SnapshotAlgorithm = {
  ...chandyLamport,
  name: "mutant-record-after-marker",
  onAppArrival(draft, c, payload) {
    for (let k = 0; k < draft.instances; k++) {
      if (draft.hasRecorded(draft.topology.channel(c).to, k)) {
        const record = draft.channelRecord(c, k);
        draft.setChannelRecord(c, k, { ...record, messages: [...record.messages, payload] });
      }
    }
  },
};

/**
 * A channel records from the start of the run, not from its receiver's recording: arrivals before
 * the cut end up in S* as if still in flight (messages that were received long ago).
 */
export const recordFromStart: SnapshotAlgorithm = {
  ...chandyLamport,
  name: "mutant-record-from-start",
  onAppArrival(draft, c, payload) {
    for (let k = 0; k < draft.instances; k++) {
      const record = draft.channelRecord(c, k);
      if (!record.closed)
        draft.setChannelRecord(c, k, { closed: false, messages: [...record.messages, payload] });
    }
  },
};

/** The channel a first marker arrives on is never closed, so the snapshot never completes. */
export const forwardOnly: SnapshotAlgorithm = {
  ...chandyLamport,
  name: "mutant-forward-without-closing",
  onMarker(draft, c, k) {
    const p = draft.topology.channel(c).to;
    if (!draft.hasRecorded(p, k)) {
      draft.recordProcess(p, k);
      sendMarkers(draft, p, k);
    }
    // never closes the channel the marker came on: the snapshot never completes
  },
};

/**
 * The initiator records but sends no marker, and channels record nothing: the snapshot stalls while
 * money keeps circulating — a finite space with a fair cycle of in-progress states (a lasso).
 */
export const silentInitiator: SnapshotAlgorithm = {
  ...emptyRecord,
  name: "mutant-silent-initiator",
  initiate: (draft, p, k) => draft.recordProcess(p, k),
};

export const mutants = {
  noForward,
  emptyRecord,
  recordAfterMarker,
  recordFromStart,
  forwardOnly,
  silentInitiator,
};
