/**
 * A deliberately naive, independent reference explorer for snapcheck's test suite.
 *
 * It re-implements the model of /work/shared/semantics.md (called "sem" below) from scratch:
 * plain objects for states, JSON.stringify of a canonical form as the state key, a Map of keys,
 * breadth-first search with a queue array. Nothing here is clever on purpose: it exists so that the
 * fast checker can be compared against something that is obviously correct.
 *
 * Layout of this file:
 *   1. configuration and the state representation
 *   2. the application (bank / orders) — shared by the full system and the application-only system
 *   3. the full system: Chandy–Lamport steps (sem "Chandy–Lamport", "Steps and states"), or
 *      Lai–Yang steps (config `algorithm: "lai-yang"`, model below)
 *   4. the application-only system (for the reachable-cut property)
 *   5. the main BFS (statistics) and the termination check (SCCs)
 *   6. the safety properties, each searched in an augmented ("ghost") graph
 *
 * Channel faults (sem "System": lossy, duplicating), on top of fifo / nonfifo. For every message a
 * channel offers (fifo: its head; nonfifo: one per distinct value) the enabled steps are, in this
 * order: `deliver`, then `drop` (if lossy), then `duplicate` (if duplicating).
 *   - drop: that message leaves the channel (fifo: the head; nonfifo: one copy), nothing else.
 *     Markers can be dropped too (the snapshot then never completes).
 *   - duplicate: exactly the effect of delivering it (application effect, marker handling,
 *     channel recording), but the message stays in the channel (fifo: still at the head).
 * Finiteness: with duplicating, value can be created again and again (always infinite once there
 * is money or goods). With lossy, even under fifo: once a marker is lost some process waits
 * forever on a recording channel, and every application message delivered on it is appended to
 * its recorded state. So both are run with maxDepth except for money-less toy cases.
 *
 * Lai–Yang (`algorithm: "lai-yang"`; not in sem, the model given with the task, exactly):
 *   - every application message carries a colour fixed when it is sent: white ("w") if its sender
 *     had not recorded at that moment, red ("r") otherwise. The colour is part of the message's
 *     content (channel contents hold "T/w", "T/r", ...): part of the state, and under nonfifo a
 *     channel offers one delivery per distinct (payload, colour). The marker M has no colour.
 *   - a process that records (by initiate or otherwise) sends M on every outgoing channel.
 *   - initiate(p): as for Chandy–Lamport (p an initiator that has not recorded).
 *   - red message on c(i,j) to an unrecorded Pj: Pj first records (its state before the receipt)
 *     and sends M everywhere, then the normal effect. A red message is never recorded on a channel.
 *   - white message on c(i,j) to a recorded Pj: its payload is appended to c(i,j)'s recorded
 *     messages, plus the normal effect (to an unrecorded Pj: only the normal effect).
 *   - M on c(i,j) to Pj: if Pj has not recorded, it records and sends M everywhere; nothing else.
 *   - closing (abstracts the message counters): after every step, every not yet closed incoming
 *     channel c(i,j) of a recorded Pj is closed iff Pi has recorded and c(i,j) holds no M and no
 *     white message. Closed = its recording is over (the `markerArrived` field); its recorded
 *     messages stay. Complete = every process recorded and every channel closed.
 *   Properties, faults and topologies are the same as for Chandy–Lamport; mutants are refused.
 */

// ---------------------------------------------------------------------------------------------
// 1. Configuration and state
// ---------------------------------------------------------------------------------------------

export type NaiveMutant = "none" | "no-forward" | "empty-record" | "record-after-marker";

export type NaiveAlgorithm = "chandy-lamport" | "lai-yang";

export interface NaiveConfig {
  workload: "bank" | "orders";
  balances: number[]; // per process; N = balances.length (N >= 2). For orders: cash.
  stock?: number[]; // orders only: per-process stock of its own good (default 1 each)
  channels: "fifo" | "nonfifo";
  // The directed channels that exist, each [from, to] with from != to, no duplicates (any order:
  // channels are always ordered by (from, to)). Absent = the complete topology (every ordered pair).
  links?: [number, number][];
  initiators: number[]; // process indices allowed to initiate
  maxDepth?: number; // BFS bound: keep states at shortest distance <= maxDepth
  mutant?: NaiveMutant; // default "none"; Chandy–Lamport only (refused with lai-yang)
  algorithm?: NaiveAlgorithm; // default "chandy-lamport"
  // Channels may drop any offered message, markers included (a `drop` step); default false.
  // A lost marker can leave a channel recording forever: infinite as soon as money circulates.
  lossy?: boolean;
  // Channels may deliver an offered message and keep it (a `duplicate` step); default false.
  // Money (bank) / goods (orders) can then grow without bound: run such configs with maxDepth.
  duplicating?: boolean;
}

export interface NaiveResult {
  distinctStates: number;
  transitions: number;
  maxDepth: number;
  completeSnapshots: number;
  deadlocks: number;
  // length (number of steps) of the shortest run violating each safety property; null if none found.
  // reachable-cut is also null (not computed) when duplicating: see naiveExplore.
  shortest: {
    "consistent-cut": number | null;
    "reachable-cut": number | null;
    conservation: number | null;
  };
  termination: boolean; // true iff the termination property holds
}

/**
 * A message is just its content (sem "Messages have no identity beyond their content").
 * Chandy–Lamport: the payload ("T", "order", ...). Lai–Yang app messages: payload "/" colour
 * ("T/w", "T/r"). The marker is "M" under both.
 */
type Msg = string;
const MARKER: Msg = "M";

/** The payload of a channel message: drops a Lai–Yang colour (identity for everything else). */
function payloadOf(msg: Msg): Msg {
  const k = msg.indexOf("/");
  return k < 0 ? msg : msg.slice(0, k);
}

/** The Lai–Yang colour of an app message; null for a marker or an uncoloured message. */
function colourOf(msg: Msg): "w" | "r" | null {
  const k = msg.indexOf("/");
  if (k < 0) return null;
  const c = msg.slice(k + 1);
  if (c !== "w" && c !== "r") throw new Error(`naive-explorer: bad colour in ${msg}`);
  return c;
}

/**
 * Application state of one process.
 * - bank:   `cash` is the balance b[i]; `stock` is 0 and `goods` is [] (unused).
 * - orders: `cash`, `stock` of its own good, `goods[k]` = items of process k's good received
 *           (goods[i] for the process itself stays 0).
 */
interface Proc {
  cash: number;
  stock: number;
  goods: number[];
}

/**
 * One channel c(from,to). `msgs` is the channel contents (fifo: a sequence, head first; nonfifo:
 * a multiset, kept sorted so equal multisets have equal keys). `recMsgs` and `markerArrived` are
 * the receiver's snapshot state for this incoming channel (recorded messages, in arrival order,
 * and whether its marker has arrived). Whether the channel is *recording* is derived:
 * receiver has recorded && marker not arrived.
 * Lai–Yang: `msgs` holds coloured app messages and markers, `recMsgs` payloads (no colour), and
 * `markerArrived` means "closed" (the closing rule above; the arrival of M itself is not kept).
 */
interface Chan {
  from: number;
  to: number;
  msgs: Msg[];
  recMsgs: Msg[];
  markerArrived: boolean;
}

/**
 * A global state, exactly as in sem "Steps and states": each process's application state, each
 * process's snapshot state (recorded app state or null; the per-channel part lives in `chans`),
 * each channel's contents. No history, no counters.
 */
interface State {
  procs: Proc[];
  recorded: (Proc | null)[];
  chans: Chan[];
}

/** An application-only state: processes and channel contents without markers. */
interface AppState {
  procs: Proc[];
  chans: Msg[][];
}

type Step =
  | { kind: "initiate"; p: number }
  | { kind: "app"; from: number; to: number } // bank: send(from→to); orders: order(from→to)
  // deliver msg on c(from,to); drop it (lossy); deliver it and keep it in the channel (duplicating)
  | { kind: "deliver" | "drop" | "duplicate"; from: number; to: number; msg: Msg };

/** An application message put on a channel by a step (markers are not listed). */
interface Sent {
  from: number;
  to: number;
  msg: Msg;
}

/** The configuration, checked and with defaults filled in. */
interface Model {
  workload: "bank" | "orders";
  n: number;
  fifo: boolean;
  initiators: number[];
  mutant: NaiveMutant;
  laiYang: boolean; // algorithm "lai-yang"
  lossy: boolean;
  duplicating: boolean;
  maxDepth: number; // Infinity when not bounded
  balances: number[];
  stock: number[];
  pairs: Array<[number, number]>; // the existing channels, ordered by (from, to)
  appPairs: Array<[number, number]>; // the application steps from→to that exist, same order
}

/** Give up instead of running forever on an infinite (unbounded) state space. */
const STATE_LIMIT = 3_000_000;

/** Array access that fails loudly instead of returning undefined (noUncheckedIndexedAccess). */
function at<T>(arr: readonly T[], i: number): T {
  const v = arr[i];
  if (v === undefined) throw new Error(`naive-explorer: index ${i} out of range`);
  return v;
}

/** Deep copy of plain data (numbers, strings, booleans, null, arrays, objects). */
function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

function sortedCopy(msgs: readonly Msg[]): Msg[] {
  return [...msgs].sort();
}

function makeModel(config: NaiveConfig): Model {
  const n = config.balances.length;
  if (n < 2) throw new Error("naive-explorer: need at least 2 processes");
  const stock = config.stock ?? config.balances.map(() => 1);
  if (stock.length !== n) throw new Error("naive-explorer: stock must have one entry per process");
  for (const p of config.initiators) {
    if (!Number.isInteger(p) || p < 0 || p >= n) throw new Error(`naive-explorer: bad initiator ${p}`);
  }
  const algorithm = config.algorithm ?? "chandy-lamport";
  if (algorithm !== "chandy-lamport" && algorithm !== "lai-yang") {
    throw new Error(`naive-explorer: unknown algorithm ${String(algorithm)}`);
  }
  if (algorithm === "lai-yang" && (config.mutant ?? "none") !== "none") {
    throw new Error("naive-explorer: mutants apply to chandy-lamport only");
  }
  const pairs: Array<[number, number]> = [];
  if (config.links === undefined) {
    // The complete topology: c(i,j) for every ordered pair i != j.
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i !== j) pairs.push([i, j]);
      }
    }
  } else {
    // Only the listed channels exist.
    const seen = new Set<string>();
    for (const link of config.links) {
      const [from, to] = link;
      const ok = (p: number): boolean => Number.isInteger(p) && p >= 0 && p < n;
      if (link.length !== 2 || !ok(from) || !ok(to) || from === to) {
        throw new Error(`naive-explorer: bad link ${JSON.stringify(link)}`);
      }
      const k = `${from},${to}`;
      if (seen.has(k)) throw new Error(`naive-explorer: duplicate link ${JSON.stringify(link)}`);
      seen.add(k);
      pairs.push([from, to]);
    }
    pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  }
  const exists = (from: number, to: number): boolean => pairs.some(([i, j]) => i === from && j === to);
  // bank: send(i→j) needs c(i,j); orders: order(i→j) also needs c(j,i) for the reply.
  const appPairs = pairs.filter(([i, j]) => config.workload === "bank" || exists(j, i));
  return {
    workload: config.workload,
    n,
    fifo: config.channels === "fifo",
    initiators: [...new Set(config.initiators)].sort((a, b) => a - b),
    mutant: config.mutant ?? "none",
    laiYang: algorithm === "lai-yang",
    lossy: config.lossy ?? false,
    duplicating: config.duplicating ?? false,
    maxDepth: config.maxDepth ?? Number.POSITIVE_INFINITY,
    balances: [...config.balances],
    stock: [...stock],
    pairs,
    appPairs,
  };
}

function chanIndex(model: Model, from: number, to: number): number {
  const c = model.pairs.findIndex(([i, j]) => i === from && j === to);
  if (c < 0) throw new Error(`naive-explorer: no channel c(${from},${to})`);
  return c;
}

/** sem "Initial state: configured balances, empty channels, nothing recorded." (goods all 0) */
function initialState(model: Model): State {
  const procs: Proc[] = model.balances.map((cash, i) =>
    model.workload === "bank"
      ? { cash, stock: 0, goods: [] }
      : { cash, stock: at(model.stock, i), goods: model.balances.map(() => 0) },
  );
  return {
    procs,
    recorded: procs.map(() => null),
    chans: model.pairs.map(([from, to]) => ({
      from,
      to,
      msgs: [],
      recMsgs: [],
      markerArrived: false,
    })),
  };
}

/** Canonical form: under nonfifo a channel is a multiset, so keep it sorted. */
function canonicalize(model: Model, s: State): State {
  if (!model.fifo) {
    for (const c of s.chans) c.msgs.sort();
  }
  return s;
}

function stateKey(s: State): string {
  return JSON.stringify(s);
}

/** The messages that can be delivered next on a channel: fifo the head; nonfifo each distinct value. */
function deliverable(model: Model, msgs: readonly Msg[]): Msg[] {
  if (model.fifo) return msgs.length > 0 ? [at(msgs, 0)] : [];
  return [...new Set(msgs)].sort();
}

/**
 * The channel steps offered for one deliverable message, in order: deliver, drop (lossy),
 * duplicate (duplicating). Shared by the full system and the application-only system.
 */
function channelKinds(model: Model): Array<"deliver" | "drop" | "duplicate"> {
  const kinds: Array<"deliver" | "drop" | "duplicate"> = ["deliver"];
  if (model.lossy) kinds.push("drop");
  if (model.duplicating) kinds.push("duplicate");
  return kinds;
}

/** Remove one copy of `msg` from a channel's contents (fifo: it must be the head). */
function removeOne(model: Model, msgs: Msg[], msg: Msg): void {
  if (model.fifo) {
    if (msgs[0] !== msg) throw new Error("naive-explorer: fifo delivery of a non-head message");
    msgs.shift();
    return;
  }
  const k = msgs.indexOf(msg);
  if (k < 0) throw new Error("naive-explorer: delivery of an absent message");
  msgs.splice(k, 1);
}

// ---------------------------------------------------------------------------------------------
// 2. The application (bank / orders)
// ---------------------------------------------------------------------------------------------

/**
 * The application step from→to, on a copy of `procs`. null if not enabled.
 * bank:   send(i→j) enabled while b[i] >= 1: b[i] -= 1, put T on c(i,j)   (sem "Workloads")
 * orders: order(i→j) enabled while cash_i >= 1: cash_i -= 1, put `order` on c(i,j) (price 1)
 */
function appEnabled(procs: Proc[], from: number): boolean {
  return at(procs, from).cash >= 1;
}

function appSend(
  model: Model,
  procs: Proc[],
  from: number,
  to: number,
): { procs: Proc[]; sent: Sent[] } | null {
  if (!appEnabled(procs, from)) return null;
  const next = clone(procs);
  at(next, from).cash -= 1;
  return {
    procs: next,
    sent: [{ from, to, msg: model.workload === "bank" ? "T" : "order" }],
  };
}

/**
 * The application effect of delivering app message `msg` on c(from,to) to P`to`, on a copy.
 * bank:   T: b[to] += 1.
 * orders: order: if stock_to >= 1 then stock_to -= 1, cash_to += 1, put `item` on c(to,from)
 *                else put `refund` on c(to,from);
 *         item on c(from,to): goods_to[from] += 1;   refund: cash_to += 1.
 */
function appReceive(
  model: Model,
  procs: Proc[],
  from: number,
  to: number,
  msg: Msg,
): { procs: Proc[]; sent: Sent[] } {
  const next = clone(procs);
  const receiver = at(next, to);
  const sent: Sent[] = [];
  if (model.workload === "bank") {
    if (msg !== "T") throw new Error(`naive-explorer: unexpected bank message ${msg}`);
    receiver.cash += 1;
  } else if (msg === "order") {
    if (receiver.stock >= 1) {
      receiver.stock -= 1;
      receiver.cash += 1;
      sent.push({ from: to, to: from, msg: "item" });
    } else {
      sent.push({ from: to, to: from, msg: "refund" });
    }
  } else if (msg === "item") {
    receiver.goods[from] = at(receiver.goods, from) + 1;
  } else if (msg === "refund") {
    receiver.cash += 1;
  } else {
    throw new Error(`naive-explorer: unexpected orders message ${msg}`);
  }
  return { procs: next, sent };
}

// ---------------------------------------------------------------------------------------------
// 3. The full system: application + Chandy–Lamport
// ---------------------------------------------------------------------------------------------

function stepLabel(step: Step): string {
  if (step.kind === "initiate") return `initiate(${step.p})`;
  if (step.kind === "app") return `app(${step.from}→${step.to})`;
  // "deliver c(i,j) m" labels are the ones weak fairness applies to (terminationHolds).
  return `${step.kind} c(${step.from},${step.to}) ${step.msg}`;
}

/** All enabled steps of a state (sem "Steps and states"). */
function enabledSteps(model: Model, s: State): Step[] {
  const steps: Step[] = [];
  // initiate(p): p is an initiator and p has not recorded.
  for (const p of model.initiators) {
    if (at(s.recorded, p) === null) steps.push({ kind: "initiate", p });
  }
  // application steps: one per existing app step (model.appPairs) whose sender can pay.
  for (const [from, to] of model.appPairs) {
    if (appEnabled(s.procs, from)) steps.push({ kind: "app", from, to });
  }
  // channel steps: for each message offered (fifo the head of each channel; nonfifo one per
  // distinct message value): deliver, then drop if lossy, then duplicate if duplicating.
  for (const c of s.chans) {
    for (const msg of deliverable(model, c.msgs)) {
      for (const kind of channelKinds(model)) steps.push({ kind, from: c.from, to: c.to, msg });
    }
  }
  return steps;
}

/**
 * P`p` records its own state and, unless suppressed, sends M on every outgoing channel
 * (`s.chans` holds only the existing channels, so only on those).
 */
function recordProcess(s: State, p: number, sendMarkers: boolean): void {
  s.recorded[p] = clone(at(s.procs, p));
  // Starting to record the incoming channels needs no action: "recording" is derived from
  // recorded && !markerArrived, and recMsgs is still empty (nothing is appended before recording).
  if (sendMarkers) {
    for (const c of s.chans) {
      if (c.from === p) c.msgs.push(MARKER);
    }
  }
}

/** Should an app message arriving on channel c be appended to c's recorded state? */
function recordsArrival(model: Model, s: State, c: Chan): boolean {
  const receiverRecorded = at(s.recorded, c.to) !== null;
  if (model.mutant === "empty-record") return false; // mutant: never append
  if (model.mutant === "record-after-marker") return receiverRecorded; // mutant: even after M
  return receiverRecorded && !c.markerArrived; // sem: "while c(i,j) is recording"
}

/**
 * The effect of a message arriving on channel c (deliver and duplicate alike), on `next` in place.
 * Returns the app messages it sends (not yet put on their channels).
 */
function receive(model: Model, next: State, c: Chan, msg: Msg): Sent[] {
  if (model.laiYang) return receiveLaiYang(model, next, c, msg);
  if (msg === MARKER) {
    if (at(next.recorded, c.to) === null) {
      // sem: first marker P`to` sees: record own state, record c(from,to) as empty (recMsgs is
      // still []), send M on every outgoing channel (not in mutant no-forward), start recording
      // every other incoming channel (derived).
      c.markerArrived = true;
      recordProcess(next, c.to, model.mutant !== "no-forward");
    } else {
      // sem: otherwise c(from,to) stops recording; its recorded messages stay.
      c.markerArrived = true;
    }
    return [];
  }
  // sem: an app message arriving on a recording channel is appended to its recorded state,
  // as well as having its normal application effect.
  if (recordsArrival(model, next, c)) c.recMsgs.push(msg);
  const r = appReceive(model, next.procs, c.from, c.to, msg);
  next.procs = r.procs;
  return r.sent;
}

/**
 * Lai–Yang: the effect of a message arriving on channel c, on `next` in place. Returns the app
 * messages it sends, uncoloured (applyStep colours them).
 */
function receiveLaiYang(model: Model, next: State, c: Chan, msg: Msg): Sent[] {
  const receiverRecorded = at(next.recorded, c.to) !== null;
  if (msg === MARKER) {
    // M: an unrecorded receiver records and sends M on every outgoing channel; nothing else.
    if (!receiverRecorded) recordProcess(next, c.to, true);
    return [];
  }
  const colour = colourOf(msg);
  if (colour === null) throw new Error(`naive-explorer: uncoloured Lai–Yang message ${msg}`);
  // red to an unrecorded receiver: it records first (its state before this receipt), sends M.
  if (colour === "r" && !receiverRecorded) recordProcess(next, c.to, true);
  // white to a recorded receiver: the payload is recorded on c. (Never a red one.)
  if (colour === "w" && receiverRecorded) c.recMsgs.push(payloadOf(msg));
  // then the normal application effect, on the payload.
  const r = appReceive(model, next.procs, c.from, c.to, payloadOf(msg));
  next.procs = r.procs;
  return r.sent;
}

/**
 * Lai–Yang closing rule, on `s` in place (after every step): for every recorded Pj and every
 * incoming c(i,j) not closed, close it iff Pi has recorded and c(i,j) holds no M and no white
 * message. (Once closed a channel stays closed: a recorded Pi sends no white message and no
 * further M on it.)
 */
function closeChannelsLaiYang(s: State): void {
  for (const c of s.chans) {
    if (c.markerArrived || at(s.recorded, c.to) === null) continue;
    if (at(s.recorded, c.from) === null) continue;
    if (c.msgs.some((m) => m === MARKER || colourOf(m) === "w")) continue;
    c.markerArrived = true;
  }
}

/**
 * Apply an enabled step. Returns the (canonical) next state and the app messages it sent (under
 * Lai–Yang with their colour, as they were put on the channels).
 */
function applyStep(model: Model, s: State, step: Step): { next: State; sent: Sent[] } {
  const next = clone(s);
  let sent: Sent[] = [];
  if (step.kind === "initiate") {
    // sem: p records its own state, sends M on every outgoing channel, starts recording every
    // incoming channel. (Even the no-forward mutant's initiator sends markers.)
    recordProcess(next, step.p, true);
  } else if (step.kind === "app") {
    const r = appSend(model, next.procs, step.from, step.to);
    if (r === null) throw new Error("naive-explorer: app step not enabled");
    next.procs = r.procs;
    sent = r.sent;
  } else {
    const c = at(next.chans, chanIndex(model, step.from, step.to));
    // deliver and drop take the message out of the channel; duplicate leaves it where it is
    // (fifo: still at the head).
    if (step.kind !== "duplicate") removeOne(model, c.msgs, step.msg);
    // drop (lossy): the message is gone and nothing else happens, for a marker too. deliver and
    // duplicate: the message arrives.
    if (step.kind !== "drop") sent = receive(model, next, c, step.msg);
  }
  if (model.laiYang) {
    // The colour is fixed at sending: red iff the sender has recorded at that moment. An app step
    // never records; in a receipt any recording comes before the replies are sent. So it is the
    // sender's status in `next`.
    sent = sent.map((m) => ({ ...m, msg: `${m.msg}/${at(next.recorded, m.from) === null ? "w" : "r"}` }));
  }
  for (const m of sent) at(next.chans, chanIndex(model, m.from, m.to)).msgs.push(m.msg);
  if (model.laiYang) closeChannelsLaiYang(next);
  return { next: canonicalize(model, next), sent };
}

/**
 * sem: complete when every process has recorded and every channel's marker has arrived
 * (`s.chans` holds only the existing channels). Lai–Yang: every channel closed (same field).
 */
function isComplete(s: State): boolean {
  return s.recorded.every((r) => r !== null) && s.chans.every((c) => c.markerArrived);
}

/** "active": some process has recorded but the snapshot is not complete. */
function isActive(s: State): boolean {
  return s.recorded.some((r) => r !== null) && !isComplete(s);
}

// ---------------------------------------------------------------------------------------------
// 4. The application-only system (no snapshot algorithm)
// ---------------------------------------------------------------------------------------------

function appKey(a: AppState): string {
  return JSON.stringify(a);
}

/** app(S): drop markers and all snapshot state. */
function appOf(model: Model, s: State): AppState {
  return {
    procs: clone(s.procs),
    // Lai–Yang: the colour is snapshot machinery, not application content: dropped too (and a
    // nonfifo multiset re-sorted by payload).
    chans: s.chans.map((c) => {
      const app = c.msgs.filter((m) => m !== MARKER).map(payloadOf);
      return model.fifo ? app : app.sort();
    }),
  };
}

/** S*: recorded process states; c(i,j) holds its recorded messages (sorted = multiset under nonfifo). */
function recordedAppOf(model: Model, s: State): AppState {
  return {
    procs: s.recorded.map((r) => {
      if (r === null) throw new Error("naive-explorer: S* of a state where not everyone recorded");
      return clone(r);
    }),
    chans: s.chans.map((c) => (model.fifo ? [...c.recMsgs] : sortedCopy(c.recMsgs))),
  };
}

/**
 * Successors in the application-only system: app steps and, for each offered app message, its
 * delivery and the same faults as the full system (drop if lossy, duplicate if duplicating).
 */
function appSuccessors(model: Model, a: AppState): AppState[] {
  const out: AppState[] = [];
  const push = (procs: Proc[], chans: Msg[][], sent: Sent[]): void => {
    for (const m of sent) at(chans, chanIndex(model, m.from, m.to)).push(m.msg);
    if (!model.fifo) for (const ch of chans) ch.sort();
    out.push({ procs, chans });
  };
  for (const [from, to] of model.appPairs) {
    const r = appSend(model, a.procs, from, to);
    if (r !== null) push(r.procs, clone(a.chans), r.sent);
  }
  model.pairs.forEach(([from, to], c) => {
    for (const msg of deliverable(model, at(a.chans, c))) {
      for (const kind of channelKinds(model)) {
        const chans = clone(a.chans);
        if (kind !== "duplicate") removeOne(model, at(chans, c), msg);
        if (kind === "drop") push(clone(a.procs), chans, []);
        else {
          const r = appReceive(model, a.procs, from, to, msg);
          push(r.procs, chans, r.sent);
        }
      }
    }
  });
  return out;
}

/** Keys of all app states reachable from `start` (plain BFS, memoized per start key). */
function appReachable(model: Model, cache: Map<string, Set<string>>, start: AppState): Set<string> {
  const startKey = appKey(start);
  const cached = cache.get(startKey);
  if (cached !== undefined) return cached;
  const seen = new Set<string>([startKey]);
  const queue: AppState[] = [start];
  for (let head = 0; head < queue.length; head++) {
    for (const b of appSuccessors(model, at(queue, head))) {
      const k = appKey(b);
      if (!seen.has(k)) {
        seen.add(k);
        queue.push(b);
        if (seen.size > STATE_LIMIT) throw new Error("naive-explorer: application-only system too large");
      }
    }
  }
  cache.set(startKey, seen);
  return seen;
}

/**
 * Conserved quantities of an app state.
 * bank:   [total money = balances + transfers T in channels].
 * orders: [money = cash + `order` + `refund` messages, then for each good kind k:
 *          stock_k + `item`s on channels from Pk + sum_i goods_i[k]].
 */
function conserved(model: Model, a: AppState): number[] {
  const count = (msg: Msg, fromProc?: number): number => {
    let total = 0;
    model.pairs.forEach(([from], c) => {
      if (fromProc === undefined || from === fromProc)
        total += at(a.chans, c).filter((m) => m === msg).length;
    });
    return total;
  };
  const cash = a.procs.reduce((sum, p) => sum + p.cash, 0);
  if (model.workload === "bank") return [cash + count("T")];
  const out = [cash + count("order") + count("refund")];
  for (let k = 0; k < model.n; k++) {
    const held = a.procs.reduce((sum, p) => sum + (p.goods[k] ?? 0), 0);
    out.push(at(a.procs, k).stock + count("item", k) + held);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 5. Main BFS (statistics) and termination
// ---------------------------------------------------------------------------------------------

interface Edge {
  step: Step;
  label: string;
  to: number;
  sent: Sent[]; // app messages sent by the step (for the safety ghosts)
}

interface Graph {
  states: State[]; // index -> state
  depth: number[]; // shortest distance from the initial state
  enabled: number[]; // number of enabled steps (computed for every discovered state)
  edges: Array<Edge[] | null>; // outgoing edges; null if the state was not expanded (depth bound)
}

function exploreGraph(model: Model): Graph {
  const g: Graph = { states: [], depth: [], enabled: [], edges: [] };
  const index = new Map<string, number>();
  const add = (s: State, d: number): number => {
    const k = stateKey(s);
    const known = index.get(k);
    if (known !== undefined) return known;
    const id = g.states.length;
    index.set(k, id);
    g.states.push(s);
    g.depth.push(d);
    g.enabled.push(0);
    g.edges.push(null);
    if (g.states.length > STATE_LIMIT) {
      throw new Error("naive-explorer: state limit exceeded (infinite state space? set maxDepth)");
    }
    return id;
  };
  add(canonicalize(model, initialState(model)), 0);
  // The states array doubles as the BFS queue: states are appended in discovery order.
  for (let id = 0; id < g.states.length; id++) {
    const s = at(g.states, id);
    const d = at(g.depth, id);
    const steps = enabledSteps(model, s);
    g.enabled[id] = steps.length;
    if (d >= model.maxDepth) continue; // states at depth D are kept but not expanded
    const edges: Edge[] = [];
    for (const step of steps) {
      const { next, sent } = applyStep(model, s, step);
      edges.push({ step, label: stepLabel(step), to: add(next, d + 1), sent });
    }
    g.edges[id] = edges;
  }
  return g;
}

/**
 * Strongly connected components of the subgraph induced by `inSub` (iterative Kosaraju).
 * Returns a component id per node (-1 for nodes outside the subgraph).
 */
function sccs(g: Graph, inSub: boolean[]): number[] {
  const n = g.states.length;
  const succ: number[][] = [];
  const pred: number[][] = [];
  for (let v = 0; v < n; v++) {
    succ.push([]);
    pred.push([]);
  }
  for (let v = 0; v < n; v++) {
    if (!at(inSub, v)) continue;
    for (const e of at(g.edges, v) ?? []) {
      if (!at(inSub, e.to)) continue;
      at(succ, v).push(e.to);
      at(pred, e.to).push(v);
    }
  }
  // Pass 1: DFS on succ, record nodes in order of finishing.
  const visited = new Array<boolean>(n).fill(false);
  const finished: number[] = [];
  for (let root = 0; root < n; root++) {
    if (!at(inSub, root) || at(visited, root)) continue;
    visited[root] = true;
    const stack: Array<[number, number]> = [[root, 0]]; // [node, next successor position]
    while (stack.length > 0) {
      const top = at(stack, stack.length - 1);
      const [v, pos] = top;
      const out = at(succ, v);
      if (pos < out.length) {
        top[1] = pos + 1;
        const w = at(out, pos);
        if (!at(visited, w)) {
          visited[w] = true;
          stack.push([w, 0]);
        }
      } else {
        stack.pop();
        finished.push(v);
      }
    }
  }
  // Pass 2: in reverse finishing order, DFS on pred; each tree is one component.
  const comp = new Array<number>(n).fill(-1);
  let next = 0;
  for (let k = finished.length - 1; k >= 0; k--) {
    const root = at(finished, k);
    if (at(comp, root) !== -1) continue;
    comp[root] = next;
    const stack = [root];
    while (stack.length > 0) {
      const v = stack.pop() as number;
      for (const w of at(pred, v)) {
        if (at(comp, w) === -1) {
          comp[w] = next;
          stack.push(w);
        }
      }
    }
    next++;
  }
  return comp;
}

/**
 * Termination (liveness under weak fairness of deliveries). Violated iff
 * (1) some discovered active state has no enabled step, or
 * (2) some nontrivial SCC of the expanded active states is fair: every delivery label enabled in
 *     all of its states is taken on some edge inside it. (A closed walk through every edge of the
 *     SCC is then a weakly fair cycle; conversely a fair cycle inside an SCC makes the SCC fair.)
 * Fairness applies to `deliver` steps only (labels "deliver c(i,j) m": channel and message value);
 * drop and duplicate steps need none. A dropped marker leaves the snapshot stuck, which shows up
 * here as (1) or (2).
 */
function terminationHolds(g: Graph): boolean {
  const n = g.states.length;
  const active = g.states.map(isActive);
  for (let v = 0; v < n; v++) {
    if (at(active, v) && at(g.enabled, v) === 0) return false; // (1)
  }
  const inSub = active.map((a, v) => a && at(g.edges, v) !== null); // only expanded states
  const comp = sccs(g, inSub);
  const members = new Map<number, number[]>();
  for (let v = 0; v < n; v++) {
    const c = at(comp, v);
    if (c === -1) continue;
    const list = members.get(c) ?? [];
    list.push(v);
    members.set(c, list);
  }
  for (const [c, nodes] of members) {
    const internal: Edge[] = [];
    for (const v of nodes) {
      for (const e of at(g.edges, v) ?? []) if (at(comp, e.to) === c) internal.push(e);
    }
    if (internal.length === 0) continue; // trivial: a single state without a self-loop
    // Delivery labels enabled in every state of the component.
    const enabledHere = nodes.map(
      (v) => new Set((at(g.edges, v) ?? []).map((e) => e.label).filter((l) => l.startsWith("deliver "))),
    );
    const always = [...at(enabledHere, 0)].filter((l) => enabledHere.every((set) => set.has(l)));
    const taken = new Set(internal.map((e) => e.label));
    if (always.every((l) => taken.has(l))) return false; // (2): a fair cycle
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// 6. Safety properties: shortest violating run, by BFS over (state, ghost) pairs
// ---------------------------------------------------------------------------------------------

/**
 * A ghost is extra information about the run (not part of the state, sem "the checker keeps
 * outside the state"). `next` lists the possible ghosts after a step (several when the step is
 * ambiguous — under nonfifo, which in-flight copy of a payload was delivered). `s` is the source
 * state of the step, `t` its target.
 */
interface GhostSpec<G> {
  init: G;
  next: (s: State, step: Step, sent: Sent[], g: G, t: State) => G[];
  violated: (sEnd: State, g: G) => boolean;
}

/**
 * Shortest run whose LAST step completes the snapshot (source incomplete, target complete) in a
 * way the spec calls violated; null if none within maxDepth. BFS over (state id, ghost) pairs,
 * walking the edges of the graph already built by exploreGraph (a run is a path in it).
 * - An augmented node at depth d < maxDepth has a state of real depth <= d < maxDepth, so that
 *   state was expanded and its edges are all there.
 * - Complete states are never expanded: completeness is stable (nothing un-records), so no later
 *   step can complete the snapshot again.
 * - BFS visits nodes in nondecreasing depth, so the first violation found is a shortest one.
 */
function shortestViolation<G>(model: Model, graph: Graph, spec: GhostSpec<G>): number | null {
  if (isComplete(at(graph.states, 0))) return null;
  // seen[id] = keys of the ghosts already met with state id (one Set per state keeps every Set
  // small; a single Set of all pairs would hit the engine's Set size limit on big graphs).
  const seen: Array<Set<string> | undefined> = [];
  seen[0] = new Set([JSON.stringify(spec.init)]);
  let pairs = 1;
  const queue: Array<{ id: number; g: G; d: number }> = [{ id: 0, g: spec.init, d: 0 }];
  for (let head = 0; head < queue.length; head++) {
    const { id, g, d } = at(queue, head);
    if (d >= model.maxDepth) continue;
    const s = at(graph.states, id);
    const edges = at(graph.edges, id);
    if (edges === null) throw new Error("naive-explorer: unexpanded state below the depth bound");
    for (const e of edges) {
      const next = at(graph.states, e.to);
      for (const g2 of spec.next(s, e.step, e.sent, g, next)) {
        if (isComplete(next)) {
          if (spec.violated(next, g2)) return d + 1;
          continue;
        }
        const ghostsHere = seen[e.to] ?? new Set<string>();
        seen[e.to] = ghostsHere;
        const k = JSON.stringify(g2);
        if (!ghostsHere.has(k)) {
          ghostsHere.add(k);
          queue.push({ id: e.to, g: g2, d: d + 1 });
          pairs++;
          if (pairs > STATE_LIMIT) throw new Error("naive-explorer: augmented state limit exceeded");
        }
      }
    }
  }
  return null;
}

/**
 * An in-flight app message (as in the channel: under Lai–Yang with its colour) with its hidden
 * flag: pre = sent before its sender recorded. Under Lai–Yang pre coincides with white (checked),
 * so a delivery of a white copy can only be of a pre copy and of a red copy only of a post copy.
 */
interface Tagged {
  msg: Msg;
  pre: boolean;
}

/**
 * Ghost for consistent-cut, per channel (same order as State.chans):
 * - inflight: the app messages in the channel with their pre/post flag (fifo: in order; nonfifo:
 *   sorted, a multiset);
 * - preRecv: the pre messages received after the receiver recorded (fifo: in order; nonfifo sorted);
 * - orphan: a post message was received by a process that had not recorded (sticky).
 * Faults: a dropped message leaves `inflight` (nonfifo: any copy of that value, pre or post, one
 * branch per flag); a duplicated one is a receive of one in-flight copy that stays in flight with
 * its flag unchanged.
 * Whether the receiver had recorded at a receive is read in the step's target state: app
 * deliveries never record under Chandy–Lamport (same as the source), and under Lai–Yang a red
 * message makes its receiver record *before* the receipt. Likewise a message sent by a step is pre
 * iff its sender has not recorded in the target state (a Lai–Yang reply to a red message is sent
 * after the forced recording). preRecv and the truth hold payloads (recorded messages have no
 * colour).
 */
interface CutGhost {
  inflight: Tagged[][];
  preRecv: Msg[][];
  orphan: boolean;
}

function compareTagged(a: Tagged, b: Tagged): number {
  if (a.msg !== b.msg) return a.msg < b.msg ? -1 : 1;
  return Number(a.pre) - Number(b.pre);
}

function consistentCutSpec(model: Model): GhostSpec<CutGhost> {
  return {
    init: {
      inflight: model.pairs.map(() => []),
      preRecv: model.pairs.map(() => []),
      orphan: false,
    },
    next: (_s, step, sent, g, target) => {
      let outs: CutGhost[] = [g];
      if (step.kind !== "initiate" && step.kind !== "app" && step.msg !== MARKER) {
        // deliver, drop or duplicate of an app message. Which in-flight copy: fifo the first;
        // nonfifo any copy with this payload (one branch per distinct flag).
        const c = chanIndex(model, step.from, step.to);
        const flight = at(g.inflight, c);
        const choices: number[] = [];
        flight.forEach((t, k) => {
          if (t.msg !== step.msg) return;
          if (model.fifo && k !== 0) return;
          if (choices.some((k2) => at(flight, k2).pre === t.pre)) return;
          choices.push(k);
        });
        if (choices.length === 0) throw new Error("naive-explorer: ghost lost track of a message");
        const receiverRecorded = at(target.recorded, step.to) !== null; // at the receipt (see above)
        outs = choices.map((k) => {
          const g2 = clone(g);
          const flight2 = at(g2.inflight, c);
          const t = at(flight2, k);
          // deliver and drop: the copy is no longer in flight. duplicate: it is received and stays
          // in flight with its flag unchanged (so a nonfifo list stays sorted).
          if (step.kind !== "duplicate") flight2.splice(k, 1);
          // drop: not received, nothing more. deliver and duplicate: a receive of this copy.
          if (step.kind !== "drop") {
            if (!t.pre && !receiverRecorded) g2.orphan = true; // (a) an orphan receive
            if (t.pre && receiverRecorded) {
              at(g2.preRecv, c).push(payloadOf(t.msg));
              if (!model.fifo) at(g2.preRecv, c).sort();
            }
          }
          return g2;
        });
      }
      if (sent.length === 0) return outs;
      return outs.map((g0) => {
        const g2 = clone(g0);
        for (const m of sent) {
          // pre iff the sender has not recorded when sending (see above).
          const list = at(g2.inflight, chanIndex(model, m.from, m.to));
          const pre = at(target.recorded, m.from) === null;
          if (model.laiYang && pre !== (colourOf(m.msg) === "w")) {
            throw new Error("naive-explorer: Lai–Yang colour disagrees with pre/post");
          }
          list.push({ msg: m.msg, pre });
          if (!model.fifo) list.sort(compareTagged);
        }
        return g2;
      });
    },
    violated: (sEnd, g) => {
      if (g.orphan) return true; // (a)
      // (b) recorded state of each channel vs. the true one: pre messages received after the
      // receiver recorded, then pre messages still in flight.
      return model.pairs.some((_, c) => {
        const truth = [
          ...at(g.preRecv, c),
          ...at(g.inflight, c)
            .filter((t) => t.pre)
            .map((t) => payloadOf(t.msg)),
        ];
        const rec = at(sEnd.chans, c).recMsgs;
        if (model.fifo) return JSON.stringify(truth) !== JSON.stringify(rec);
        return JSON.stringify(sortedCopy(truth)) !== JSON.stringify(sortedCopy(rec));
      });
    },
  };
}

/**
 * Ghost for reachable-cut: app(S_start), set by the first initiate step. To keep ghost keys short
 * it is stored as a number: the position of app(S_start) in the `starts` table (-1 = not yet).
 * The application-only system has the same faults as the full one (appSuccessors); it is only
 * used without duplicating (see naiveExplore), where it is finite.
 */
function reachableCutSpec(model: Model): GhostSpec<number> {
  const cache = new Map<string, Set<string>>();
  const starts: AppState[] = [];
  const startIds = new Map<string, number>();
  const startId = (a: AppState): number => {
    const k = appKey(a);
    let id = startIds.get(k);
    if (id === undefined) {
      id = starts.length;
      starts.push(a);
      startIds.set(k, id);
    }
    return id;
  };
  return {
    init: -1,
    next: (s, step, _sent, g) => [g === -1 && step.kind === "initiate" ? startId(appOf(model, s)) : g],
    violated: (sEnd, g) => {
      if (g === -1) throw new Error("naive-explorer: snapshot completed without an initiate");
      const start = at(starts, g);
      const star = recordedAppOf(model, sEnd);
      if (!appReachable(model, cache, start).has(appKey(star))) return true;
      return !appReachable(model, cache, star).has(appKey(appOf(model, sEnd)));
    },
  };
}

/**
 * Ghost for conservation: the conserved quantities of app(S_start), set by the first initiate step
 * (null = not yet). At S_end each conserved quantity of S* must lie between its value in
 * app(S_start) and its value in app(S_end), inclusive. Without faults the quantities never change,
 * so this is the old definition (S* conserves the initial totals); a lossy channel can only lower
 * them and a duplicating one only raise them, hence "between" in either order.
 */
function conservationSpec(model: Model): GhostSpec<number[] | null> {
  return {
    init: null,
    next: (s, step, _sent, g) => [
      g === null && step.kind === "initiate" ? conserved(model, appOf(model, s)) : g,
    ],
    violated: (sEnd, g) => {
      if (g === null) throw new Error("naive-explorer: snapshot completed without an initiate");
      const star = conserved(model, recordedAppOf(model, sEnd));
      const end = conserved(model, appOf(model, sEnd));
      return star.some((q, k) => {
        const a = at(g, k);
        const b = at(end, k);
        return q < Math.min(a, b) || q > Math.max(a, b);
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

/** A bank configuration under fifo with initiator P0, changed by `extra`. */
export function naiveBank(balances: number[], extra: Partial<NaiveConfig> = {}): NaiveConfig {
  return { workload: "bank", balances, channels: "fifo", initiators: [0], ...extra };
}

export function naiveExplore(config: NaiveConfig): NaiveResult {
  const model = makeModel(config);
  const g = exploreGraph(model);
  return {
    distinctStates: g.states.length,
    transitions: g.edges.reduce((sum, es) => sum + (es?.length ?? 0), 0),
    maxDepth: g.depth.reduce((m, d) => Math.max(m, d), 0),
    completeSnapshots: g.states.filter(isComplete).length,
    deadlocks: g.enabled.filter((k) => k === 0).length,
    shortest: {
      "consistent-cut": shortestViolation(model, g, consistentCutSpec(model)),
      // With duplicating channels the application-only system is infinite (a duplicated transfer
      // or item creates value, again and again), so "reachable from" cannot be decided by the
      // plain exhaustive search used here: reachable-cut is not computed and reported as null.
      "reachable-cut": model.duplicating ? null : shortestViolation(model, g, reachableCutSpec(model)),
      conservation: shortestViolation(model, g, conservationSpec(model)),
    },
    termination: terminationHolds(g),
  };
}
