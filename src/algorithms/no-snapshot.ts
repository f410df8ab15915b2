/**
 * The application alone: no process ever initiates, so no marker or recording exists. The
 * application-only system of semantics.md ("Reachable cut") is the model with this algorithm.
 */
import type { SnapshotAlgorithm } from "./algorithm.js";

const handlers = {
  name: "none",
  description: "the application only, with no snapshot algorithm",
  canInitiate: () => false,
  initiate: () => {
    throw new RangeError("the application-only system has no snapshot to initiate");
  },
  onMarker: () => {
    throw new RangeError("the application-only system has no markers");
  },
  onAppArrival: () => {},
} satisfies Omit<SnapshotAlgorithm, "symmetric">;

export const noSnapshot: SnapshotAlgorithm = { ...handlers, symmetric: handlers };
