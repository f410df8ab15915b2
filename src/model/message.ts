/** Constructors, canonical keys and names of messages. */
import type { AppMessage, MarkerMessage, Message } from "./types.js";

export const MARKER: MarkerMessage = Object.freeze({ kind: "marker" });

const appMessages = new Map<string, AppMessage>();

/** The application message with this payload (interned: equal payloads give the same object). */
export function appMessage(payload: string): AppMessage {
  let m = appMessages.get(payload);
  if (m === undefined) {
    m = Object.freeze({ kind: "app", payload });
    appMessages.set(payload, m);
  }
  return m;
}

/** Canonical key: "M" for the marker, the payload for an application message (payloads are lower-case or "T"). */
export function messageKey(m: Message): string {
  return m.kind === "marker" ? "M" : m.payload;
}

export function compareMessages(a: Message, b: Message): number {
  const ka = messageKey(a);
  const kb = messageKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
