/**
 * `nonfifo`: a channel is a multiset — any message in it can be delivered next. Contents are kept
 * sorted by message key, so equal multisets are equal arrays and the state key stays canonical;
 * one delivery is offered per distinct message (semantics.md).
 */
import { compareMessages, messageKey } from "../message.js";
import type { ChannelDiscipline } from "./discipline.js";

export const nonfifo: ChannelDiscipline = {
  name: "nonfifo",
  description: "a multiset: any message in a channel can be delivered next, overtaking older ones",
  ordered: false,
  deliverable(contents) {
    const indices: number[] = [];
    for (let i = 0; i < contents.length; i++) {
      const m = contents[i];
      const previous = contents[i - 1];
      if (m !== undefined && (previous === undefined || messageKey(previous) !== messageKey(m))) {
        indices.push(i);
      }
    }
    return indices;
  },
  // Sorted once: the order `append` keeps, without inserting one message at a time.
  holding: (messages) => [...messages].sort(compareMessages),
  append(contents, message) {
    const at = contents.findIndex((m) => compareMessages(message, m) < 0);
    return at < 0 ? [...contents, message] : [...contents.slice(0, at), message, ...contents.slice(at)];
  },
};
