/**
 * From packed states back to the generic vocabulary (src/model/types.ts): a packed state as a
 * `GlobalState` and an engine step as a `Step`, so that counterexamples of the engine are traces of
 * the generic `Model` — replayable, renderable and keyed by `Model.key` like any other. Runs only
 * off the hot loop (once per state of a reported path).
 */
import { appMessage, marker } from "../model/message.js";
import type { GlobalState, Message, Step } from "../model/types.js";
import { DELIVER_MARKER, DELIVER_TRANSFER, INITIATE, SEND, type Transitions } from "./successors.js";

const TRANSFER = appMessage("T");
/** The engine checks one snapshot: instance 0. */
const MARKER = marker(0);

/** The generic global state of the packed state at `words[offset..]`. */
export function decodeState(t: Transitions, words: Uint32Array, offset: number): GlobalState {
  const L = t.layout;
  const { topology } = t.model;
  const fifo = t.model.channels === "fifo";
  const get = (f: number | undefined) => L.get(words, offset, f ?? 0);
  const procs = Array.from({ length: topology.processes }, (_, p) => [get(L.balance[p])]);
  const recorded = Array.from({ length: topology.processes }, (_, p) => {
    const r = get(L.recorded[p]);
    return r === L.notRecorded ? null : [r];
  });
  const records = topology.channels.map((_, c) => ({
    closed: get(L.closed[c]) === 1,
    messages: Array.from({ length: get(L.count[c]) }, () => "T"),
  }));
  const channels = topology.channels.map((_, c): Message[] => {
    const q = get(L.queue[c]);
    if (!fifo) {
      const transfers = Array.from({ length: q }, () => TRANSFER);
      return get(L.marker[c]) === 1 ? [MARKER, ...transfers] : transfers;
    }
    const contents: Message[] = [];
    for (let rest = q; rest > 1; rest >>>= 1) contents.push((rest & 1) === 1 ? MARKER : TRANSFER);
    return contents;
  });
  return { procs, snapshots: [{ recorded, records }], channels, scriptPosition: 0 };
}

/** The generic step of the state loaded into `t` with step index `k`. */
export function decodeStep(t: Transitions, k: number): Step {
  return decodeStepOf(t, t.stepKind[k] ?? -1, t.stepArg[k] ?? 0);
}

/** The generic step of kind `kind` (successors.ts) on process or channel `arg`. */
export function decodeStepOf(t: Transitions, kind: number, arg: number): Step {
  if (kind === INITIATE) return { kind: "initiate", process: arg, instance: 0 };
  const channel = t.model.topology.channel(arg);
  if (kind === SEND) return { kind: "app", action: "send", process: channel.from, to: channel.to };
  const message = kind === DELIVER_TRANSFER ? TRANSFER : kind === DELIVER_MARKER ? MARKER : undefined;
  if (message === undefined) throw new RangeError(`unknown step kind ${kind}`);
  return { kind: "deliver", channel: arg, message };
}
