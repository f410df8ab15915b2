/**
 * The forced-fair continuation of a run (the simulation's reading of termination under weak
 * fairness of deliveries): after the schedule's last step no application step is taken any more;
 * the snapshot is initiated if nobody has initiated it, and deliveries are served round-robin over
 * the channels, so a message that stays deliverable is delivered within one round. Starving
 * application steps is fair: they need no fairness. Where a channel offers a choice (nonfifo), its
 * marker goes first: overtaking the messages still in flight is the order that exposes a non-FIFO
 * bug the schedule set up, soonest and in the fewest steps.
 */
import { isInitiated } from "../model/snapshot.js";
import type { Chooser } from "./schedule.js";

/** A fresh chooser for one continuation; it answers `undefined` when nothing is left to deliver. */
export function fairCompletion(): Chooser {
  let nextChannel = 0;
  return (enabled, state) => {
    if (!state.snapshots.every(isInitiated)) {
      const initiate = enabled.findIndex((s) => s.kind === "initiate");
      if (initiate >= 0) return initiate;
    }
    // Each channel's delivery, its marker first; then the first channel at or after nextChannel.
    const byChannel = new Map<number, number>();
    enabled.forEach((step, i) => {
      if (step.kind !== "deliver") return;
      if (!byChannel.has(step.channel) || step.message.kind === "marker") byChannel.set(step.channel, i);
    });
    const channels = [...byChannel.keys()];
    const channel = channels.find((c) => c >= nextChannel) ?? channels[0];
    if (channel === undefined) return undefined;
    nextChannel = channel + 1;
    return byChannel.get(channel);
  };
}
