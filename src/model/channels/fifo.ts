/** `fifo`: the lecture's assumption — only the oldest message of a channel can be delivered. */
import type { ChannelDiscipline } from "./discipline.js";

export const fifo: ChannelDiscipline = {
  name: "fifo",
  description: "first in, first out: only the oldest message of a channel can be delivered",
  ordered: true,
  deliverable: (contents) => (contents.length > 0 ? [0] : []),
  append: (contents, message) => [...contents, message],
  holding: (messages) => [...messages],
};
