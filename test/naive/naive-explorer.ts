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
 *   7. scripts: the distinct recorded snapshots
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
 *
 * Several instances (config `instances` = K, default 1; Chandy–Lamport only, K > 1 refused with
 * lai-yang or a mutant). Not in sem; the model given with the task:
 *   - the state holds, per instance k = 0..K-1, a full copy of the snapshot state (`snaps[k]`:
 *     each process's recorded app state or null, each channel's recorded messages and whether its
 *     marker of instance k arrived). The marker of instance k is the message M_k (written "M" for
 *     k = 0, "M1", "M2", ... after): markers of different instances are different messages.
 *   - initiate(p, k): p an initiator of instance k (`instanceInitiators[k]`, else `initiators`),
 *     p not recorded in k, and k = 0 or some process has recorded in k-1. Effect: the
 *     Chandy–Lamport initiation of instance k only.
 *   - M_k on c(i,j): the marker rule on snaps[k] only. An app message on c(i,j) is appended to
 *     c(i,j)'s record in EVERY instance k where Pj has recorded and M_k has not arrived on c(i,j).
 *   - completeSnapshots counts the states where every instance is complete. Safety properties
 *     are judged per instance at the step completing it; termination: no reachable deadlock and
 *     no fair cycle while some initiated instance is incomplete.
 *   With K = 1 this is exactly the one-snapshot model above.
 *
 * Scripts (config `script`): a token system driven by a list of commands. Not in sem; the model
 * given with the task:
 *   - processes hold token counts (the `cash` field); an app message is an amount n, written as
 *     the decimal string "n" (two in-flight messages of the same amount are identical). The state
 *     also holds the script position pc (0..L). Without `ticks` the tick commands are removed
 *     first; with `ticks` each is kept.
 *   - at most one script step, the command at pc: `send from to n` (enabled iff tokens[from] >= n:
 *     tokens[from] -= n, n put on c(from,to)), `snapshot p` (the m-th snapshot command initiates
 *     instance m by p), `tick` (nothing); each then pc += 1. No free app steps, no free initiates.
 *   - channel steps as always, but with `ticks` only when pc = L, the command at pc is a tick, or
 *     it is a send whose sender lacks the tokens (the script waits; refined after the first brief).
 *   - receiving n: tokens[to] += n (recorded as "n" on recording channels, as above).
 *   - K = the number of snapshot commands (K = 0: every state is vacuously "complete").
 *   - conservation counts tokens; reachable-cut is not defined (null). The result also lists the
 *     distinct recorded snapshots (`snapshots`), each with the properties some run completing that
 *     instance with exactly that record violates (a full, non-stopping ghost search).
 *   Lai–Yang is refused with a script, a mutant when it has more than one snapshot command.
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
  initiators: number[]; // process indices allowed to initiate (each instance, see instanceInitiators)
  maxDepth?: number; // BFS bound: keep states at shortest distance <= maxDepth
  mutant?: NaiveMutant; // default "none"; Chandy–Lamport only (refused with lai-yang)
  algorithm?: NaiveAlgorithm; // default "chandy-lamport"
  // Channels may drop any offered message, markers included (a `drop` step); default false.
  // A lost marker can leave a channel recording forever: infinite as soon as money circulates.
  lossy?: boolean;
  // Channels may deliver an offered message and keep it (a `duplicate` step); default false.
  // Money (bank) / goods (orders) can then grow without bound: run such configs with maxDepth.
  duplicating?: boolean;
  // Several Chandy–Lamport snapshot instances in one run (see "Several instances" above);
  // default 1. Chandy–Lamport only: refused with lai-yang or a mutant when > 1.
  instances?: number;
  // One initiator list per instance (overrides `initiators`); its length must equal `instances`
  // (when `instances` is absent, K = its length).
  instanceInitiators?: number[][];
  // A scripted token system (see "Scripts" above). When given, `workload`, `balances`,
  // `initiators`, `instanceInitiators`, `instances`, `links` and `stock` are ignored.
  script?: NaiveScript;
}

export type NaiveCommand =
  | { kind: "send"; from: number; to: number; amount: number }
  | { kind: "snapshot"; process: number }
  | { kind: "tick" };

export interface NaiveScript {
  tokens: number[]; // initial tokens per process; N = tokens.length
  links: [number, number][]; // the directed channels (the topology)
  commands: NaiveCommand[];
  ticks?: boolean; // default false: tick commands are removed first
}

/** One distinct recorded snapshot of one instance (scripts only). */
export interface NaiveSnapshot {
  instance: number;
  processes: number[]; // recorded tokens per process
  channels: { from: number; to: number; messages: number[] }[]; // non-empty records, by (from,to)
  violated: string[]; // sorted, among "consistent-cut" and "conservation"
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
  // scripts only (absent otherwise): every distinct recorded snapshot, per instance, over the
  // explored states in which that instance is complete; sorted by instance, then by the JSON of
  // { processes, channels } (plain string order).
  snapshots?: NaiveSnapshot[];
}

/**
 * A message is just its content (sem "Messages have no identity beyond their content").
 * Chandy–Lamport: the payload ("T", "order", ...). Lai–Yang app messages: payload "/" colour
 * ("T/w", "T/r"). The marker is "M" under both.
 */
type Msg = string;
const MARKER: Msg = "M"; // the marker of instance 0 (and the only one of Lai–Yang)

/** The marker M_k of snapshot instance k. */
function markerOf(k: number): Msg {
  return k === 0 ? MARKER : `M${k}`;
}

/** The instance of a marker; null for an application message. */
function markerInstance(msg: Msg): number | null {
  if (msg === MARKER) return 0;
  if (/^M[1-9][0-9]*$/.test(msg)) return Number(msg.slice(1));
  return null;
}

function isMarker(msg: Msg): boolean {
  return markerInstance(msg) !== null;
}

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
 * a multiset, kept sorted so equal multisets have equal keys).
 */
interface Chan {
  from: number;
  to: number;
  msgs: Msg[];
}

/**
 * The receiver's snapshot state for one incoming channel, in one instance: recorded messages (in
 * arrival order) and whether its marker has arrived. Whether the channel is *recording* is
 * derived: receiver has recorded && marker not arrived.
 * Lai–Yang: `recMsgs` holds payloads (no colour), and `markerArrived` means "closed" (the closing
 * rule above; the arrival of M itself is not kept).
 */
interface ChanRec {
  recMsgs: Msg[];
  markerArrived: boolean;
}

/** The snapshot state of one instance: per process its recorded app state or null; per channel. */
interface Snap {
  recorded: (Proc | null)[];
  chans: ChanRec[]; // same order as State.chans
}

/**
 * A global state, exactly as in sem "Steps and states": each process's application state, each
 * process's snapshot state per instance (`snaps`), each channel's contents, and for scripts the
 * script position `pc` (always 0 otherwise). No history, no counters.
 */
interface State {
  procs: Proc[];
  chans: Chan[];
  snaps: Snap[];
  pc: number;
}

/** An application-only state: processes and channel contents without markers. */
interface AppState {
  procs: Proc[];
  chans: Msg[][];
}

type Step =
  | { kind: "initiate"; p: number; k: number } // instance k (scripts: the snapshot command at pc)
  | { kind: "app"; from: number; to: number } // bank: send(from→to); orders: order(from→to);
  // scripts: the send command at pc
  | { kind: "tick" } // scripts with ticks: the tick command at pc
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
  workload: "bank" | "orders" | "script";
  n: number;
  fifo: boolean;
  initiators: number[][]; // per instance, sorted, no duplicates (scripts: [] each)
  k: number; // number of snapshot instances
  commands: NaiveCommand[]; // scripts: the commands kept (ticks removed unless `ticks`); else []
  ticks: boolean; // scripts: channel steps only at pc = L or at a tick
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

function checkedLinks(n: number, links: readonly [number, number][] | undefined): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  if (links === undefined) {
    // The complete topology: c(i,j) for every ordered pair i != j.
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i !== j) pairs.push([i, j]);
      }
    }
    return pairs;
  }
  // Only the listed channels exist.
  const seen = new Set<string>();
  for (const link of links) {
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
  return pairs;
}

function makeModel(config: NaiveConfig): Model {
  const algorithm = config.algorithm ?? "chandy-lamport";
  if (algorithm !== "chandy-lamport" && algorithm !== "lai-yang") {
    throw new Error(`naive-explorer: unknown algorithm ${String(algorithm)}`);
  }
  const mutant = config.mutant ?? "none";
  if (algorithm === "lai-yang" && mutant !== "none") {
    throw new Error("naive-explorer: mutants apply to chandy-lamport only");
  }
  const common = {
    fifo: config.channels === "fifo",
    mutant,
    laiYang: algorithm === "lai-yang",
    lossy: config.lossy ?? false,
    duplicating: config.duplicating ?? false,
    maxDepth: config.maxDepth ?? Number.POSITIVE_INFINITY,
  };
  if (config.script !== undefined) return makeScriptModel(config.script, common);
  const n = config.balances.length;
  if (n < 2) throw new Error("naive-explorer: need at least 2 processes");
  const stock = config.stock ?? config.balances.map(() => 1);
  if (stock.length !== n) throw new Error("naive-explorer: stock must have one entry per process");
  const k = config.instances ?? config.instanceInitiators?.length ?? 1;
  if (!Number.isInteger(k) || k < 1) throw new Error(`naive-explorer: bad number of instances ${k}`);
  if (k > 1 && (common.laiYang || mutant !== "none")) {
    throw new Error("naive-explorer: several instances are chandy-lamport only (no lai-yang, no mutant)");
  }
  const lists = config.instanceInitiators ?? Array.from({ length: k }, () => config.initiators);
  if (lists.length !== k) throw new Error("naive-explorer: instanceInitiators needs one list per instance");
  for (const list of lists) {
    for (const p of list) {
      if (!Number.isInteger(p) || p < 0 || p >= n) throw new Error(`naive-explorer: bad initiator ${p}`);
    }
  }
  const pairs = checkedLinks(n, config.links);
  const exists = (from: number, to: number): boolean => pairs.some(([i, j]) => i === from && j === to);
  // bank: send(i→j) needs c(i,j); orders: order(i→j) also needs c(j,i) for the reply.
  const appPairs = pairs.filter(([i, j]) => config.workload === "bank" || exists(j, i));
  return {
    ...common,
    workload: config.workload,
    n,
    initiators: lists.map((list) => [...new Set(list)].sort((a, b) => a - b)),
    k,
    commands: [],
    ticks: false,
    balances: [...config.balances],
    stock: [...stock],
    pairs,
    appPairs,
  };
}

function makeScriptModel(
  script: NaiveScript,
  common: Pick<Model, "fifo" | "mutant" | "laiYang" | "lossy" | "duplicating" | "maxDepth">,
): Model {
  const n = script.tokens.length;
  if (n < 1) throw new Error("naive-explorer: a script needs at least 1 process");
  for (const t of script.tokens) {
    if (!Number.isInteger(t) || t < 0) throw new Error(`naive-explorer: bad token count ${t}`);
  }
  if (common.laiYang) throw new Error("naive-explorer: scripts are chandy-lamport only");
  const pairs = checkedLinks(n, script.links);
  const ticks = script.ticks ?? false;
  const commands = script.commands.filter((c) => ticks || c.kind !== "tick");
  const ok = (p: number): boolean => Number.isInteger(p) && p >= 0 && p < n;
  for (const c of commands) {
    if (c.kind === "send") {
      if (!pairs.some(([i, j]) => i === c.from && j === c.to)) {
        throw new Error(`naive-explorer: send on a missing channel ${JSON.stringify(c)}`);
      }
      if (!Number.isInteger(c.amount) || c.amount < 0) {
        throw new Error(`naive-explorer: bad amount ${JSON.stringify(c)}`);
      }
    } else if (c.kind === "snapshot") {
      if (!ok(c.process)) throw new Error(`naive-explorer: bad snapshot ${JSON.stringify(c)}`);
    } else if (c.kind !== "tick") {
      throw new Error(`naive-explorer: unknown command ${JSON.stringify(c)}`);
    }
  }
  const k = commands.filter((c) => c.kind === "snapshot").length;
  if (k > 1 && common.mutant !== "none") {
    throw new Error("naive-explorer: several instances are chandy-lamport only (no mutant)");
  }
  return {
    ...common,
    workload: "script",
    n,
    initiators: Array.from({ length: k }, () => []),
    k,
    commands,
    ticks,
    balances: [...script.tokens],
    stock: script.tokens.map(() => 0),
    pairs,
    appPairs: [], // no free application steps
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
    model.workload === "orders"
      ? { cash, stock: at(model.stock, i), goods: model.balances.map(() => 0) }
      : { cash, stock: 0, goods: [] },
  );
  return {
    procs,
    chans: model.pairs.map(([from, to]) => ({ from, to, msgs: [] })),
    snaps: Array.from({ length: model.k }, () => ({
      recorded: procs.map(() => null),
      chans: model.pairs.map(() => ({ recMsgs: [], markerArrived: false })),
    })),
    pc: 0,
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
function appEnabled(procs: Proc[], from: number, amount = 1): boolean {
  return at(procs, from).cash >= amount;
}

/** script: send n enabled iff tokens[from] >= n: tokens[from] -= n, put "n" on c(from,to). */
function appSend(
  model: Model,
  procs: Proc[],
  from: number,
  to: number,
  amount = 1,
): { procs: Proc[]; sent: Sent[] } | null {
  if (!appEnabled(procs, from, amount)) return null;
  const next = clone(procs);
  at(next, from).cash -= amount;
  const msg = model.workload === "script" ? String(amount) : model.workload === "bank" ? "T" : "order";
  return { procs: next, sent: [{ from, to, msg }] };
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
  if (model.workload === "script") {
    // script: receiving n adds n tokens.
    if (!/^[0-9]+$/.test(msg)) throw new Error(`naive-explorer: unexpected script message ${msg}`);
    receiver.cash += Number(msg);
  } else if (model.workload === "bank") {
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
  if (step.kind === "initiate") return step.k === 0 ? `initiate(${step.p})` : `initiate(${step.p},${step.k})`;
  if (step.kind === "app") return `app(${step.from}→${step.to})`;
  if (step.kind === "tick") return "tick";
  // "deliver c(i,j) m" labels are the ones weak fairness applies to (terminationHolds).
  return `${step.kind} c(${step.from},${step.to}) ${step.msg}`;
}

/** Has some process recorded in instance k? */
function initiated(s: State, k: number): boolean {
  return at(s.snaps, k).recorded.some((r) => r !== null);
}

/** The script step at pc (scripts only): at most one, null if none is enabled. */
function scriptStep(model: Model, s: State): Step | null {
  if (s.pc >= model.commands.length) return null;
  const cmd = at(model.commands, s.pc);
  if (cmd.kind === "tick") return { kind: "tick" };
  if (cmd.kind === "snapshot") {
    // the m-th snapshot command starts instance m
    const m = model.commands.slice(0, s.pc).filter((c) => c.kind === "snapshot").length;
    return { kind: "initiate", p: cmd.process, k: m };
  }
  return appEnabled(s.procs, cmd.from, cmd.amount) ? { kind: "app", from: cmd.from, to: cmd.to } : null;
}

/**
 * Scripts with ticks: channel steps only at the end of the script, at a tick command, or while
 * the script waits at a send whose sender lacks the tokens (time passes while it waits).
 */
function channelsEnabled(model: Model, s: State): boolean {
  if (model.workload !== "script" || !model.ticks) return true;
  return (
    s.pc >= model.commands.length || at(model.commands, s.pc).kind === "tick" || scriptStep(model, s) === null
  );
}

/** All enabled steps of a state (sem "Steps and states"). */
function enabledSteps(model: Model, s: State): Step[] {
  const steps: Step[] = [];
  if (model.workload === "script") {
    const step = scriptStep(model, s);
    if (step !== null) steps.push(step);
  }
  // initiate(p, k): p is an initiator of instance k, p has not recorded in k, and k = 0 or some
  // process has recorded in k-1 (instance ids are handed out in the order instances start).
  // (Scripts have no initiators: their initiations are script steps.)
  for (let k = 0; k < model.k; k++) {
    if (k > 0 && !initiated(s, k - 1)) continue;
    for (const p of at(model.initiators, k)) {
      if (at(at(s.snaps, k).recorded, p) === null) steps.push({ kind: "initiate", p, k });
    }
  }
  // application steps: one per existing app step (model.appPairs) whose sender can pay.
  for (const [from, to] of model.appPairs) {
    if (appEnabled(s.procs, from)) steps.push({ kind: "app", from, to });
  }
  // channel steps: for each message offered (fifo the head of each channel; nonfifo one per
  // distinct message value): deliver, then drop if lossy, then duplicate if duplicating.
  if (!channelsEnabled(model, s)) return steps;
  for (const c of s.chans) {
    for (const msg of deliverable(model, c.msgs)) {
      for (const kind of channelKinds(model)) steps.push({ kind, from: c.from, to: c.to, msg });
    }
  }
  return steps;
}

/**
 * P`p` records its own state in instance k and, unless suppressed, sends M_k on every outgoing
 * channel (`s.chans` holds only the existing channels, so only on those).
 */
function recordProcess(s: State, p: number, k: number, sendMarkers: boolean): void {
  at(s.snaps, k).recorded[p] = clone(at(s.procs, p));
  // Starting to record the incoming channels needs no action: "recording" is derived from
  // recorded && !markerArrived, and recMsgs is still empty (nothing is appended before recording).
  if (sendMarkers) {
    for (const c of s.chans) {
      if (c.from === p) c.msgs.push(markerOf(k));
    }
  }
}

/** Should an app message arriving on channel c (index ci) be appended to c's record in instance k? */
function recordsArrival(model: Model, s: State, ci: number, k: number): boolean {
  const snap = at(s.snaps, k);
  const receiverRecorded = at(snap.recorded, at(s.chans, ci).to) !== null;
  if (model.mutant === "empty-record") return false; // mutant: never append
  if (model.mutant === "record-after-marker") return receiverRecorded; // mutant: even after M
  return receiverRecorded && !at(snap.chans, ci).markerArrived; // sem: "while c(i,j) is recording"
}

/**
 * The effect of a message arriving on channel c (index ci; deliver and duplicate alike), on
 * `next` in place. Returns the app messages it sends (not yet put on their channels).
 */
function receive(model: Model, next: State, ci: number, msg: Msg): Sent[] {
  if (model.laiYang) return receiveLaiYang(model, next, ci, msg);
  const c = at(next.chans, ci);
  const k = markerInstance(msg);
  if (k !== null) {
    // The marker rule on instance k's snapshot state only.
    const rec = at(at(next.snaps, k).chans, ci);
    if (at(at(next.snaps, k).recorded, c.to) === null) {
      // sem: first marker P`to` sees: record own state, record c(from,to) as empty (recMsgs is
      // still []), send M on every outgoing channel (not in mutant no-forward), start recording
      // every other incoming channel (derived).
      rec.markerArrived = true;
      recordProcess(next, c.to, k, model.mutant !== "no-forward");
    } else {
      // sem: otherwise c(from,to) stops recording; its recorded messages stay.
      rec.markerArrived = true;
    }
    return [];
  }
  // sem: an app message arriving on a recording channel is appended to its recorded state (in
  // every instance where it is recording), as well as having its normal application effect.
  for (let i = 0; i < model.k; i++) {
    if (recordsArrival(model, next, ci, i)) at(at(next.snaps, i).chans, ci).recMsgs.push(msg);
  }
  const r = appReceive(model, next.procs, c.from, c.to, msg);
  next.procs = r.procs;
  return r.sent;
}

/**
 * Lai–Yang: the effect of a message arriving on channel c (index ci), on `next` in place (one
 * instance: snaps[0]). Returns the app messages it sends, uncoloured (applyStep colours them).
 */
function receiveLaiYang(model: Model, next: State, ci: number, msg: Msg): Sent[] {
  const c = at(next.chans, ci);
  const snap = at(next.snaps, 0);
  const receiverRecorded = at(snap.recorded, c.to) !== null;
  if (msg === MARKER) {
    // M: an unrecorded receiver records and sends M on every outgoing channel; nothing else.
    if (!receiverRecorded) recordProcess(next, c.to, 0, true);
    return [];
  }
  const colour = colourOf(msg);
  if (colour === null) throw new Error(`naive-explorer: uncoloured Lai–Yang message ${msg}`);
  // red to an unrecorded receiver: it records first (its state before this receipt), sends M.
  if (colour === "r" && !receiverRecorded) recordProcess(next, c.to, 0, true);
  // white to a recorded receiver: the payload is recorded on c. (Never a red one.)
  if (colour === "w" && receiverRecorded) at(snap.chans, ci).recMsgs.push(payloadOf(msg));
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
  const snap = at(s.snaps, 0);
  s.chans.forEach((c, ci) => {
    const rec = at(snap.chans, ci);
    if (rec.markerArrived || at(snap.recorded, c.to) === null) return;
    if (at(snap.recorded, c.from) === null) return;
    if (c.msgs.some((m) => m === MARKER || colourOf(m) === "w")) return;
    rec.markerArrived = true;
  });
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
    // incoming channel — for instance k only. (Even the no-forward mutant's initiator sends
    // markers.)
    recordProcess(next, step.p, step.k, true);
  } else if (step.kind === "app") {
    const cmd = model.workload === "script" ? at(model.commands, s.pc) : null;
    const amount = cmd !== null && cmd.kind === "send" ? cmd.amount : 1;
    const r = appSend(model, next.procs, step.from, step.to, amount);
    if (r === null) throw new Error("naive-explorer: app step not enabled");
    next.procs = r.procs;
    sent = r.sent;
  } else if (step.kind !== "tick") {
    const ci = chanIndex(model, step.from, step.to);
    const c = at(next.chans, ci);
    // deliver and drop take the message out of the channel; duplicate leaves it where it is
    // (fifo: still at the head).
    if (step.kind !== "duplicate") removeOne(model, c.msgs, step.msg);
    // drop (lossy): the message is gone and nothing else happens, for a marker too. deliver and
    // duplicate: the message arrives.
    if (step.kind !== "drop") sent = receive(model, next, ci, step.msg);
  }
  // scripts: initiate, app and tick steps are the command at pc.
  if (
    model.workload === "script" &&
    (step.kind === "initiate" || step.kind === "app" || step.kind === "tick")
  ) {
    next.pc += 1;
  }
  if (model.laiYang) {
    // The colour is fixed at sending: red iff the sender has recorded at that moment. An app step
    // never records; in a receipt any recording comes before the replies are sent. So it is the
    // sender's status in `next`.
    const rec = at(next.snaps, 0).recorded;
    sent = sent.map((m) => ({ ...m, msg: `${m.msg}/${at(rec, m.from) === null ? "w" : "r"}` }));
  }
  for (const m of sent) at(next.chans, chanIndex(model, m.from, m.to)).msgs.push(m.msg);
  if (model.laiYang) closeChannelsLaiYang(next);
  return { next: canonicalize(model, next), sent };
}

/**
 * sem: instance k is complete when every process has recorded in it and every channel's marker
 * M_k has arrived (`s.chans` holds only the existing channels). Lai–Yang: every channel closed.
 */
function instanceComplete(s: State, k: number): boolean {
  const snap = at(s.snaps, k);
  return snap.recorded.every((r) => r !== null) && snap.chans.every((c) => c.markerArrived);
}

/** Every instance is complete (vacuously true for a script without snapshot commands). */
function isComplete(s: State): boolean {
  return s.snaps.every((_, k) => instanceComplete(s, k));
}

/** "active": some instance has been initiated (someone recorded in it) and is not complete. */
function isActive(s: State): boolean {
  return s.snaps.some((_, k) => initiated(s, k) && !instanceComplete(s, k));
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
      const app = c.msgs.filter((m) => !isMarker(m)).map(payloadOf);
      return model.fifo ? app : app.sort();
    }),
  };
}

/**
 * S* of instance k: recorded process states; c(i,j) holds its recorded messages (sorted =
 * multiset under nonfifo).
 */
function recordedAppOf(model: Model, s: State, k: number): AppState {
  const snap = at(s.snaps, k);
  return {
    procs: snap.recorded.map((r) => {
      if (r === null) throw new Error("naive-explorer: S* of a state where not everyone recorded");
      return clone(r);
    }),
    chans: snap.chans.map((c) => (model.fifo ? [...c.recMsgs] : sortedCopy(c.recMsgs))),
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
 * script: [total tokens = token counts + amounts in channels].
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
  if (model.workload === "script") {
    // [total tokens = token counts + amounts in channels]
    let inFlight = 0;
    for (const ch of a.chans) for (const m of ch) inFlight += Number(m);
    return [cash + inFlight];
  }
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
 * state of the step, `t` its target. `violated` judges instance k at the step completing it;
 * `forget` then drops instance k's part of the ghost (k is never judged again: completeness is
 * stable), which only makes equal ghosts meet earlier.
 */
interface GhostSpec<G> {
  init: G;
  next: (s: State, step: Step, sent: Sent[], g: G, t: State) => G[];
  violated: (sEnd: State, k: number, g: G) => boolean;
  forget: (g: G, k: number) => G;
}

/**
 * BFS over (state id, ghost) pairs, walking the edges of the graph already built by exploreGraph
 * (a run is a path in it). For every step that completes an instance k (k incomplete in the
 * source, complete in the target) whose spec says "violated", calls found(length, k, target);
 * stops as soon as found returns true.
 * - An augmented node at depth d < maxDepth has a state of real depth <= d < maxDepth, so that
 *   state was expanded and its edges are all there.
 * - States where every instance is complete are never expanded: completeness is stable (nothing
 *   un-records), so no later step can complete an instance again.
 * - BFS visits nodes in nondecreasing depth, so the first violation found is a shortest one.
 */
function searchViolations<G>(
  model: Model,
  graph: Graph,
  spec: GhostSpec<G>,
  found: (length: number, k: number, t: State) => boolean,
): void {
  if (isComplete(at(graph.states, 0))) return;
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
      const completing: number[] = [];
      for (let k = 0; k < model.k; k++) {
        if (!instanceComplete(s, k) && instanceComplete(next, k)) completing.push(k);
      }
      for (const g2 of spec.next(s, e.step, e.sent, g, next)) {
        let g3 = g2;
        for (const k of completing) {
          if (spec.violated(next, k, g2) && found(d + 1, k, next)) return;
          g3 = spec.forget(g3, k);
        }
        if (isComplete(next)) continue;
        const ghostsHere = seen[e.to] ?? new Set<string>();
        seen[e.to] = ghostsHere;
        const key = JSON.stringify(g3);
        if (!ghostsHere.has(key)) {
          ghostsHere.add(key);
          queue.push({ id: e.to, g: g3, d: d + 1 });
          pairs++;
          if (pairs > STATE_LIMIT) throw new Error("naive-explorer: augmented state limit exceeded");
        }
      }
    }
  }
}

/**
 * Shortest run whose LAST step completes some instance k in a way the spec calls violated; null
 * if none within maxDepth.
 */
function shortestViolation<G>(model: Model, graph: Graph, spec: GhostSpec<G>): number | null {
  let shortest: number | null = null;
  searchViolations(model, graph, spec, (length) => {
    shortest = length;
    return true;
  });
  return shortest;
}

/**
 * An in-flight app message (as in the channel: under Lai–Yang with its colour) with its hidden
 * flags: pre[k] = sent before its sender recorded in instance k. Under Lai–Yang (one instance)
 * pre coincides with white (checked), so a delivery of a white copy can only be of a pre copy and
 * of a red copy only of a post copy.
 */
interface Tagged {
  msg: Msg;
  pre: boolean[];
}

/**
 * Ghost for consistent-cut. Per channel (same order as State.chans):
 * - inflight: the app messages in the channel with their pre flags (fifo: in order; nonfifo:
 *   sorted, a multiset);
 * and per instance k:
 * - preRecv[k][c]: the pre-k messages received on c after its receiver recorded in k (fifo: in
 *   order; nonfifo sorted);
 * - orphan[k]: a post-k message was received by a process not recorded in k (sticky).
 * Faults: a dropped message leaves `inflight` (nonfifo: any copy of that value, one branch per
 * distinct flag vector); a duplicated one is a receive of one in-flight copy that stays in flight
 * with its flags unchanged.
 * Whether the receiver had recorded at a receive is read in the step's target state: app
 * deliveries never record under Chandy–Lamport (same as the source), and under Lai–Yang a red
 * message makes its receiver record *before* the receipt. Likewise a message sent by a step is
 * pre-k iff its sender has not recorded in k in the target state (a Lai–Yang reply to a red
 * message is sent after the forced recording). preRecv and the truth hold payloads (recorded
 * messages have no colour).
 * forget(k): every pre[k] false, preRecv[k] empty, orphan[k] false — the values that messages
 * sent and received after k completed get anyway.
 */
interface CutGhost {
  inflight: Tagged[][];
  preRecv: Msg[][][];
  orphan: boolean[];
}

function compareTagged(a: Tagged, b: Tagged): number {
  if (a.msg !== b.msg) return a.msg < b.msg ? -1 : 1;
  for (let k = 0; k < a.pre.length; k++) {
    const d = Number(at(a.pre, k)) - Number(at(b.pre, k));
    if (d !== 0) return d;
  }
  return 0;
}

function consistentCutSpec(model: Model): GhostSpec<CutGhost> {
  const sortFlight = (list: Tagged[]): void => {
    if (!model.fifo) list.sort(compareTagged);
  };
  return {
    init: {
      inflight: model.pairs.map(() => []),
      preRecv: Array.from({ length: model.k }, () => model.pairs.map(() => [])),
      orphan: Array.from({ length: model.k }, () => false),
    },
    next: (_s, step, sent, g, target) => {
      let outs: CutGhost[] = [g];
      if (step.kind !== "initiate" && step.kind !== "app" && step.kind !== "tick" && !isMarker(step.msg)) {
        // deliver, drop or duplicate of an app message. Which in-flight copy: fifo the first;
        // nonfifo any copy with this payload (one branch per distinct flag vector).
        const c = chanIndex(model, step.from, step.to);
        const flight = at(g.inflight, c);
        const choices: number[] = [];
        flight.forEach((t, i) => {
          if (t.msg !== step.msg) return;
          if (model.fifo && i !== 0) return;
          if (choices.some((i2) => compareTagged(at(flight, i2), t) === 0)) return;
          choices.push(i);
        });
        if (choices.length === 0) throw new Error("naive-explorer: ghost lost track of a message");
        outs = choices.map((i) => {
          const g2 = clone(g);
          const flight2 = at(g2.inflight, c);
          const t = at(flight2, i);
          // deliver and drop: the copy is no longer in flight. duplicate: it is received and stays
          // in flight with its flags unchanged (so a nonfifo list stays sorted).
          if (step.kind !== "duplicate") flight2.splice(i, 1);
          // drop: not received, nothing more. deliver and duplicate: a receive of this copy.
          if (step.kind !== "drop") {
            for (let k = 0; k < model.k; k++) {
              // at the receipt (see above)
              const receiverRecorded = at(at(target.snaps, k).recorded, step.to) !== null;
              const pre = at(t.pre, k);
              if (!pre && !receiverRecorded) g2.orphan[k] = true; // (a) an orphan receive
              if (pre && receiverRecorded) {
                const list = at(at(g2.preRecv, k), c);
                list.push(payloadOf(t.msg));
                if (!model.fifo) list.sort();
              }
            }
          }
          return g2;
        });
      }
      if (sent.length === 0) return outs;
      return outs.map((g0) => {
        const g2 = clone(g0);
        for (const m of sent) {
          // pre-k iff the sender has not recorded in k when sending (see above).
          const list = at(g2.inflight, chanIndex(model, m.from, m.to));
          const pre = target.snaps.map((snap) => at(snap.recorded, m.from) === null);
          if (model.laiYang && at(pre, 0) !== (colourOf(m.msg) === "w")) {
            throw new Error("naive-explorer: Lai–Yang colour disagrees with pre/post");
          }
          list.push({ msg: m.msg, pre });
          sortFlight(list);
        }
        return g2;
      });
    },
    violated: (sEnd, k, g) => {
      if (at(g.orphan, k)) return true; // (a)
      // (b) recorded state of each channel in instance k vs. the true one: pre-k messages
      // received after the receiver recorded, then pre-k messages still in flight.
      return model.pairs.some((_, c) => {
        const truth = [
          ...at(at(g.preRecv, k), c),
          ...at(g.inflight, c)
            .filter((t) => at(t.pre, k))
            .map((t) => payloadOf(t.msg)),
        ];
        const rec = at(at(sEnd.snaps, k).chans, c).recMsgs;
        if (model.fifo) return JSON.stringify(truth) !== JSON.stringify(rec);
        return JSON.stringify(sortedCopy(truth)) !== JSON.stringify(sortedCopy(rec));
      });
    },
    forget: (g, k) => {
      const g2 = clone(g);
      for (const list of g2.inflight) {
        for (const t of list) t.pre[k] = false;
        sortFlight(list);
      }
      g2.preRecv[k] = model.pairs.map(() => []);
      g2.orphan[k] = false;
      return g2;
    },
  };
}

/**
 * Ghost for reachable-cut, per instance k: app(S_start(k)), set by the first initiate of k. To
 * keep ghost keys short each is stored as a number: the position of app(S_start(k)) in the
 * `starts` table (-1 = not yet, or forgotten). The application-only system has the same faults as
 * the full one (appSuccessors); it is only used without duplicating and without a script (see
 * naiveExplore), where it is finite.
 */
function reachableCutSpec(model: Model): GhostSpec<number[]> {
  const cache = new Map<string, Set<string>>();
  const starts: AppState[] = [];
  const startIds = new Map<string, number>();
  const startId = (a: AppState): number => {
    const key = appKey(a);
    let id = startIds.get(key);
    if (id === undefined) {
      id = starts.length;
      starts.push(a);
      startIds.set(key, id);
    }
    return id;
  };
  return {
    init: Array.from({ length: model.k }, () => -1),
    next: (s, step, _sent, g) => {
      if (step.kind !== "initiate" || at(g, step.k) !== -1) return [g];
      const g2 = [...g];
      g2[step.k] = startId(appOf(model, s));
      return [g2];
    },
    violated: (sEnd, k, g) => {
      const id = at(g, k);
      if (id === -1) throw new Error("naive-explorer: snapshot completed without an initiate");
      const start = at(starts, id);
      const star = recordedAppOf(model, sEnd, k);
      if (!appReachable(model, cache, start).has(appKey(star))) return true;
      return !appReachable(model, cache, star).has(appKey(appOf(model, sEnd)));
    },
    forget: (g, k) => g.map((id, i) => (i === k ? -1 : id)),
  };
}

/**
 * Ghost for conservation, per instance k: the conserved quantities of app(S_start(k)), set by the
 * first initiate of k (null = not yet, or forgotten). At S_end(k) each conserved quantity of S*(k)
 * must lie between its value in app(S_start(k)) and its value in app(S_end(k)), inclusive.
 * Without faults the quantities never change, so this is the old definition (S* conserves the
 * initial totals); a lossy channel can only lower them and a duplicating one only raise them,
 * hence "between" in either order.
 */
function conservationSpec(model: Model): GhostSpec<(number[] | null)[]> {
  return {
    init: Array.from({ length: model.k }, () => null),
    next: (s, step, _sent, g) => {
      if (step.kind !== "initiate" || at(g, step.k) !== null) return [g];
      const g2 = [...g];
      g2[step.k] = conserved(model, appOf(model, s));
      return [g2];
    },
    violated: (sEnd, k, g) => {
      const startQ = at(g, k);
      if (startQ === null) throw new Error("naive-explorer: snapshot completed without an initiate");
      const star = conserved(model, recordedAppOf(model, sEnd, k));
      const end = conserved(model, appOf(model, sEnd));
      return star.some((q, i) => {
        const a = at(startQ, i);
        const b = at(end, i);
        return q < Math.min(a, b) || q > Math.max(a, b);
      });
    },
    forget: (g, k) => g.map((q, i) => (i === k ? null : q)),
  };
}

// ---------------------------------------------------------------------------------------------
// 7. Scripts: the distinct recorded snapshots
// ---------------------------------------------------------------------------------------------

/** The recorded snapshot of instance k in s (complete there), without `violated`. */
function snapshotOf(s: State, k: number): Omit<NaiveSnapshot, "violated"> {
  const snap = at(s.snaps, k);
  return {
    instance: k,
    processes: snap.recorded.map((r) => {
      if (r === null) throw new Error("naive-explorer: snapshot of an incomplete instance");
      return r.cash;
    }),
    channels: s.chans
      .map((c, ci) => ({ from: c.from, to: c.to, messages: at(snap.chans, ci).recMsgs.map(Number) }))
      .filter((c) => c.messages.length > 0),
  };
}

/**
 * Every distinct (instance, recorded snapshot) over the explored states where that instance is
 * complete; `violated` from a full (non-stopping) ghost search per property: the snapshot is
 * flagged when some run whose last step completes the instance with exactly this record violates
 * the property for that instance.
 */
function scriptSnapshots(model: Model, graph: Graph): NaiveSnapshot[] {
  const keyOf = (k: number, t: State): string => JSON.stringify(snapshotOf(t, k));
  const flagged = new Map<string, string[]>();
  const specs: Array<[string, (found: (length: number, k: number, t: State) => boolean) => void]> = [
    ["conservation", (found) => searchViolations(model, graph, conservationSpec(model), found)],
    ["consistent-cut", (found) => searchViolations(model, graph, consistentCutSpec(model), found)],
  ];
  for (const [name, search] of specs) {
    search((_length, k, t) => {
      const key = keyOf(k, t);
      const names = flagged.get(key) ?? [];
      if (!names.includes(name)) names.push(name);
      flagged.set(key, names);
      return false; // keep searching
    });
  }
  const byKey = new Map<string, NaiveSnapshot>();
  for (const s of graph.states) {
    for (let k = 0; k < model.k; k++) {
      if (!instanceComplete(s, k)) continue;
      const key = keyOf(k, s);
      if (byKey.has(key)) continue;
      byKey.set(key, { ...snapshotOf(s, k), violated: [...(flagged.get(key) ?? [])].sort() });
    }
  }
  const sortKey = (x: NaiveSnapshot): string =>
    JSON.stringify({ processes: x.processes, channels: x.channels });
  return [...byKey.values()].sort((a, b) => {
    if (a.instance !== b.instance) return a.instance - b.instance;
    const ka = sortKey(a);
    const kb = sortKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

/** A bank configuration under fifo with initiator P0, changed by `extra`. */
export function naiveBank(balances: number[], extra: Partial<NaiveConfig> = {}): NaiveConfig {
  return { workload: "bank", balances, channels: "fifo", initiators: [0], ...extra };
}

/**
 * A script configuration (fifo unless `extra` says otherwise). `workload`, `balances` and
 * `initiators` are filled with placeholders: they are ignored when a script is given.
 */
export function naiveScript(script: NaiveScript, extra: Partial<NaiveConfig> = {}): NaiveConfig {
  return { workload: "bank", balances: script.tokens, channels: "fifo", initiators: [], ...extra, script };
}

export function naiveExplore(config: NaiveConfig): NaiveResult {
  const model = makeModel(config);
  const g = exploreGraph(model);
  const result: NaiveResult = {
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
      // For scripts it is not defined (null).
      "reachable-cut":
        model.duplicating || model.workload === "script"
          ? null
          : shortestViolation(model, g, reachableCutSpec(model)),
      conservation: shortestViolation(model, g, conservationSpec(model)),
    },
    termination: terminationHolds(g),
  };
  if (model.workload === "script") result.snapshots = scriptSnapshots(model, g);
  return result;
}
