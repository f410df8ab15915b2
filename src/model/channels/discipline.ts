/**
 * A channel discipline decides which message of a channel can be delivered next and how a sent
 * message joins the channel. Adding a discipline is one new module implementing this interface.
 */
import type { Message } from "../types.js";

export interface ChannelDiscipline {
  readonly name: string;
  readonly description: string;
  /** True when deliveries follow sending order (the cut's channel states are then compared as sequences). */
  readonly ordered: boolean;
  /** Indices into `contents` of the messages that can be delivered next: one per distinct delivery. */
  deliverable(contents: readonly Message[]): readonly number[];
  /** The channel's contents after `message` is sent on it. */
  append(contents: readonly Message[], message: Message): readonly Message[];
  /** The contents of a channel on which `messages` were sent, in this order (at once, not one `append` each). */
  holding(messages: readonly Message[]): readonly Message[];
}

/** The contents without the message at `index`. */
export function removeAt(contents: readonly Message[], index: number): readonly Message[] {
  return [...contents.slice(0, index), ...contents.slice(index + 1)];
}
