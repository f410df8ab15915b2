/** Constructors, canonical keys and names of messages. */
import type { AppMessage, MarkerMessage, Message } from "./types.js";

const markers: MarkerMessage[] = [];

/** The marker of snapshot instance `instance` (interned). */
export function marker(instance: number): MarkerMessage {
  markers[instance] ??= Object.freeze({ kind: "marker", instance });
  return markers[instance];
}

const appMessages = new Map<string, AppMessage>();

/** The application message with this payload and tag (interned: equal contents give the same object). */
export function appMessage(payload: string, tag?: string): AppMessage {
  const key = tag === undefined ? payload : `${payload}/${tag}`;
  let m = appMessages.get(key);
  if (m === undefined) {
    m = Object.freeze(tag === undefined ? { kind: "app", payload } : { kind: "app", payload, tag });
    appMessages.set(key, m);
  }
  return m;
}

/**
 * Canonical key: "M" for the marker (of instance 0; "M1", "M2", … for later instances); the payload,
 * then "/" and the tag if any, for an application message.
 */
export function messageKey(m: Message): string {
  if (m.kind === "marker") return m.instance === 0 ? "M" : `M${m.instance}`;
  return m.tag === undefined ? m.payload : `${m.payload}/${m.tag}`;
}

export function compareMessages(a: Message, b: Message): number {
  const ka = messageKey(a);
  const kb = messageKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
