/**
 * Lai–Yang (1987): a snapshot without FIFO channels. Every application message piggybacks its
 * sender's colour — white before the sender recorded, red after. A process records when it
 * initiates, when a control message M arrives, or when a red message arrives (before processing
 * it, so the receipt falls after the cut). A channel's state is the white messages its receiver
 * gets after recording.
 *
 * Its counters — each process announces, in its control message, how many white messages it sent
 * on each channel, and a receiver closes the channel once it has received that many — would put
 * history into the state. The model abstracts them exactly: c(i,j) closes as soon as Pi has
 * recorded, Pi's control message has arrived (none is left in the channel) and no white message
 * remains in it — the moment the counts would match. The abstraction assumes a control message is
 * never lost; under `lossy` a dropped one would close the channel as if it had arrived. Modelled
 * for one snapshot instance (a colour per instance would be needed for more): instance 0 throughout.
 */
import type { StateDraft } from "../model/draft.js";
import type { SnapshotAlgorithm } from "./algorithm.js";
import { closeChannel, recordIfRecording, sendMarkers } from "./chandy-lamport.js";

const WHITE = "w";
const RED = "r";

/** The one instance Lai–Yang is modelled for. */
const K = 0;

/** Pp records (turning red) and sends its control message on every outgoing channel. */
function record(draft: StateDraft, p: number): void {
  draft.recordProcess(p, K);
  sendMarkers(draft, p, K);
}

export const laiYang: SnapshotAlgorithm = {
  name: "lai-yang",
  description: "white/red colours on every message and counted control messages; no FIFO needed",
  oneInstanceOnly: true,
  canInitiate: (state, p) => !state.hasRecorded(p, K),
  initiate: (draft, p) => record(draft, p),
  onMarker(draft, c) {
    const p = draft.topology.channel(c).to;
    if (!draft.hasRecorded(p, K)) record(draft, p);
  },
  onAppArrival(draft, c, payload, tag) {
    const p = draft.topology.channel(c).to;
    if (tag === RED && !draft.hasRecorded(p, K)) record(draft, p);
    else if (tag === WHITE) recordIfRecording(draft, c, K, payload);
  },
  tagOutgoing: (draft, p) => (draft.hasRecorded(p, K) ? RED : WHITE),
  afterStep(draft) {
    draft.topology.channels.forEach(({ from, to }, c) => {
      if (draft.channelRecord(c, K).closed || !draft.hasRecorded(to, K) || !draft.hasRecorded(from, K))
        return;
      const pending = draft.contents(c).some((m) => m.kind === "marker" || m.tag === WHITE);
      if (!pending) closeChannel(draft, c, K);
    });
  },
};
