/**
 * One process of the reference implementation, on its own worker thread: a bank account that
 * sends one-unit transfers to random peers, and Chandy–Lamport as the lecture states it. On
 * recording (spontaneously, for the initiator, or on its first marker) it logs its balance and
 * sends a marker on every outgoing link before anything else; it records each incoming channel
 * from then until that channel's marker arrives. Every event goes to the main thread as one line
 * of the run-log format (docs/run-log.md), in the order this process did it.
 */
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import { Link } from "./link.js";
import { seeded } from "./random.js";

export interface NodeSetup {
  readonly id: number;
  readonly processes: number;
  readonly seed: number;
  readonly fifo: boolean;
  readonly balance: number;
  /** Application steps this process takes: each sends a transfer if it has money. */
  readonly steps: number;
  /** The longest delay of a message on a link, in milliseconds. */
  readonly maxDelay: number;
  /** The step at which this process starts the snapshot, if it is the initiator. */
  readonly initiateAt: number | undefined;
}

type Wire = { readonly kind: "app"; readonly id: string } | { readonly kind: "marker" };

const setup = workerData as NodeSetup;
const random = seeded(setup.seed);
const peers = Array.from({ length: setup.processes }, (_, p) => p).filter((p) => p !== setup.id);
const links = new Map<number, Link>();
let balance = setup.balance;
let sent = 0;
let stepsTaken = 0;
let recorded = false;
/** Per incoming peer: the ids recorded on its channel while it is being recorded; gone once closed. */
const recording = new Map<number, string[]>();
const closed = new Set<number>();

function log(event: Record<string, unknown>): void {
  parentPort?.postMessage({ kind: "log", line: JSON.stringify({ ...event, process: setup.id }) });
}

function record(): void {
  recorded = true;
  log({ event: "record", state: { balance } });
  for (const p of peers) {
    log({ event: "marker-send", to: p });
    links.get(p)?.send({ kind: "marker" } satisfies Wire);
    recording.set(p, []);
  }
}

function receive(from: number, message: Wire): void {
  if (message.kind === "app") {
    log({ event: "receive", from, id: message.id });
    balance += 1;
    if (recorded && !closed.has(from)) recording.get(from)?.push(message.id);
  } else {
    log({ event: "marker-receive", from });
    if (!recorded) {
      record();
      recording.set(from, []);
    }
    log({ event: "channel-recorded", from, messages: recording.get(from) ?? [] });
    closed.add(from);
  }
  reportIfDone();
}

function step(): void {
  stepsTaken += 1;
  if (stepsTaken === setup.initiateAt && !recorded) record();
  if (balance >= 1) {
    const to = peers[Math.floor(random() * peers.length)] as number;
    const id = `${setup.id}.${sent++}`;
    balance -= 1;
    log({ event: "send", to, id, payload: "T" });
    links.get(to)?.send({ kind: "app", id } satisfies Wire);
  }
  if (stepsTaken < setup.steps) setTimeout(step, random() * setup.maxDelay);
  else reportIfDone();
}

let reported = false;
function reportIfDone(): void {
  if (reported || stepsTaken < setup.steps || closed.size < peers.length) return;
  reported = true;
  parentPort?.postMessage({ kind: "done" });
}

parentPort?.on("message", (m: { kind: "ports"; ports: Record<number, MessagePort> }) => {
  for (const p of peers) {
    const port = m.ports[p] as MessagePort;
    links.set(p, new Link(port, setup.fifo, () => random() * setup.maxDelay));
    port.on("message", (message: Wire) => receive(p, message));
  }
  setTimeout(step, random() * setup.maxDelay);
});
