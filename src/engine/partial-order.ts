/**
 * Partial-order reduction: in each state, expand only a persistent set of its
 * steps when one exists that leaves some step out. The argument that this keeps every verdict the
 * compact engine gives is in the README ("Partial-order reduction"); in brief:
 *
 * - Actions. initiate(p); send(c) (one transfer on channel c); deliver(c) — under fifo the head of
 *   c, under nonfifo two actions, the marker and a transfer. Each changes one process (the sender,
 *   the receiver) and the channels it writes to or takes from.
 * - Stubborn sets (Valmari). A set T of actions, closed under: (D1) an enabled action of T brings
 *   in every action that may fail to commute with it or disable it; (D2) a disabled action of T
 *   brings in every action that could enable it first. Then every path from the state that avoids
 *   T commutes with each enabled action of T, so expanding the enabled actions of T loses no
 *   reachable deadlock and, with the next two conditions, no reachable bad state.
 * - Visibility. The compact engine's safety property — a complete snapshot with the wrong money —
 *   becomes true only on the step that completes the snapshot: a marker delivery, or initiate(p)
 *   for a p no channel enters. A set holding such an enabled step is not used.
 * - Cycle proviso. In explore.ts: a reduced state whose chosen successors include one stored at or
 *   above its depth is fully expanded, so every cycle of the reduced graph has a fully expanded
 *   state.
 *
 * Which actions do not commute (D1), for an enabled action of process p (the one it changes):
 * - initiate(p), or a marker delivery into an unrecorded p: every action of p (p records).
 * - send(c) from p: every send of p (they share p's balance and may disable each other); and, while
 *   p is unrecorded, initiate(p) and the deliveries into p on channels not yet closed (one of them
 *   may be the marker that records p's balance).
 * - a transfer delivery into p: while p is unrecorded, initiate(p) and the deliveries into p on
 *   other channels not yet closed (a marker there records p's balance); under nonfifo also the
 *   marker of its own channel (closing c decides whether the transfer is recorded).
 * - a marker delivery into a recorded p (it only closes c): under nonfifo the transfers of c.
 * Sends and deliveries on one channel commute (both enabled, the channel is not empty: the sender
 * appends, the receiver takes the head), and deliveries into p add to p's balance, which no order
 * changes. Which actions enable (D2): a delivery on an empty channel — the sender's writes to it:
 * send(c) and, while the sender is unrecorded, the steps that record it (its initiate, the marker
 * deliveries into it); a send of an empty-handed p — the transfer deliveries into p; initiate(p)
 * of a recorded p, or a marker of a closed channel — nothing (one snapshot: never again).
 */
import type { EngineModel } from "./config.js";
import type { Layout } from "./layout.js";

/**
 * Action numbering shared with the kernel: initiate(p) = p; send(c) = N + c; deliver(c) = N + C + c
 * (under nonfifo the marker of c); under nonfifo the transfer delivery of c = N + 2C + c.
 */
export class ActionIds {
  constructor(
    private readonly n: number,
    private readonly c: number,
  ) {}
  initiate(p: number): number {
    return p;
  }
  send(c: number): number {
    return this.n + c;
  }
  deliver(c: number): number {
    return this.n + this.c + c;
  }
  deliverTransfer(c: number): number {
    return this.n + 2 * this.c + c;
  }
}

/** Chooses, per state, the actions to expand; see the module comment. */
export class PersistentSets {
  /** Per action: marked 1 when the last `choose` put it in the set it returned. */
  readonly chosen: Uint8Array;
  private readonly ids: ActionIds;
  private readonly actions: number;
  private readonly n: number;
  private readonly c: number;
  private readonly fifo: boolean;
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private readonly initiator: Uint8Array;
  /** Processes no channel enters: their initiation can complete a snapshot. */
  private readonly unreachable: Uint8Array;
  private readonly outgoing: readonly (readonly number[])[];
  private readonly incoming: readonly (readonly number[])[];
  // The state being chosen for, unpacked.
  private readonly balance: Int32Array;
  private readonly recorded: Uint8Array;
  private readonly closed: Uint8Array;
  /** fifo: the head is the marker; nonfifo: the marker is in the channel. */
  private readonly marker: Uint8Array;
  private readonly enabled: Uint8Array;
  // The closure being built.
  private readonly inSet: Uint8Array;
  private readonly work: Int32Array;
  private top = 0;

  constructor(
    model: EngineModel,
    private readonly layout: Layout,
  ) {
    const { topology } = model;
    this.n = topology.processes;
    this.c = topology.channels.length;
    this.fifo = model.channels === "fifo";
    this.ids = new ActionIds(this.n, this.c);
    this.actions = this.n + (this.fifo ? 2 : 3) * this.c;
    this.from = Int32Array.from(topology.channels, (ch) => ch.from);
    this.to = Int32Array.from(topology.channels, (ch) => ch.to);
    this.initiator = new Uint8Array(this.n);
    for (const p of model.initiators) this.initiator[p] = 1;
    this.outgoing = topology.outgoing;
    this.incoming = Array.from({ length: this.n }, (_, p) =>
      topology.channels.flatMap((ch, c) => (ch.to === p ? [c] : [])),
    );
    this.unreachable = Uint8Array.from(this.incoming, (into) => (into.length === 0 ? 1 : 0));
    this.balance = new Int32Array(this.n);
    this.recorded = new Uint8Array(this.n);
    this.closed = new Uint8Array(this.c);
    this.marker = new Uint8Array(this.c);
    this.enabled = new Uint8Array(this.actions);
    this.chosen = new Uint8Array(this.actions);
    this.inSet = new Uint8Array(this.actions);
    this.work = new Int32Array(this.actions);
  }

  /**
   * Marks in `chosen` the enabled actions of the smallest stubborn set (by enabled actions) of the
   * state at `src[offset..]` that holds no visible enabled action and leaves some enabled action
   * out; returns false, marking nothing, when there is none (the state is fully expanded).
   */
  choose(src: Uint32Array, offset: number): boolean {
    const total = this.load(src, offset);
    let fewest = total;
    this.chosen.fill(0);
    for (let seed = 0; seed < this.actions && fewest > 1; seed++) {
      if (this.enabled[seed] !== 1) continue;
      const size = this.close(seed);
      if (size < 0 || size >= fewest) continue;
      fewest = size;
      for (let a = 0; a < this.actions; a++)
        this.chosen[a] = (this.inSet[a] as number) & (this.enabled[a] as number);
    }
    return fewest < total;
  }

  /** Unpacks the state and marks its enabled actions; returns how many there are. */
  private load(src: Uint32Array, offset: number): number {
    const L = this.layout;
    const ids = this.ids;
    const e = this.enabled;
    e.fill(0);
    for (let p = 0; p < this.n; p++) {
      this.balance[p] = L.get(src, offset, L.balance[p] as number);
      this.recorded[p] = L.get(src, offset, L.recorded[p] as number) === L.notRecorded ? 0 : 1;
      if (this.initiator[p] === 1 && this.recorded[p] === 0) e[ids.initiate(p)] = 1;
    }
    for (let c = 0; c < this.c; c++) {
      this.closed[c] = L.get(src, offset, L.closed[c] as number);
      const q = L.get(src, offset, L.queue[c] as number);
      if ((this.balance[this.from[c] as number] as number) >= 1) e[ids.send(c)] = 1;
      if (this.fifo) {
        // The head is bit 0 under the sentinel (an empty queue is the sentinel alone, q = 1).
        this.marker[c] = q > 1 ? q & 1 : 0;
        if (q > 1) e[ids.deliver(c)] = 1;
      } else {
        this.marker[c] = L.get(src, offset, L.marker[c] as number);
        if (this.marker[c] === 1) e[ids.deliver(c)] = 1;
        if (q > 0) e[ids.deliverTransfer(c)] = 1;
      }
    }
    let total = 0;
    for (let a = 0; a < this.actions; a++) total += e[a] as number;
    return total;
  }

  /**
   * The stubborn set closing {seed}, left in `inSet`: the number of its enabled actions, or −1 if
   * it holds a visible enabled action.
   */
  private close(seed: number): number {
    this.inSet.fill(0);
    this.top = 0;
    this.add(seed);
    while (this.top > 0) {
      const a = this.work[--this.top] as number;
      if (this.enabled[a] === 1) {
        if (this.visible(a)) return -1;
        this.addConflicts(a);
      } else {
        this.addEnablers(a);
      }
    }
    let size = 0;
    for (let a = 0; a < this.actions; a++) size += (this.inSet[a] as number) & (this.enabled[a] as number);
    return size;
  }

  private add(a: number): void {
    if (this.inSet[a] === 1) return;
    this.inSet[a] = 1;
    this.work[this.top++] = a;
  }

  /** Can the enabled action `a` complete the snapshot? */
  protected visible(a: number): boolean {
    const ids = this.ids;
    if (a < this.n) return this.unreachable[a] === 1;
    if (a < ids.deliver(0)) return false;
    if (a >= ids.deliverTransfer(0)) return false;
    const c = a - ids.deliver(0);
    return !this.fifo || this.marker[c] === 1;
  }

  /** D1: the actions that may fail to commute with the enabled action `a`, or disable it. */
  protected addConflicts(a: number): void {
    const ids = this.ids;
    if (a < this.n) {
      this.addEveryActionOf(a);
      return;
    }
    if (a < ids.deliver(0)) {
      const p = this.from[a - this.n] as number;
      for (const c of this.outgoing[p] ?? []) this.add(ids.send(c));
      if (this.recorded[p] === 0) this.addRecordersOf(p, -1);
      return;
    }
    const transfer = a >= ids.deliverTransfer(0);
    const c = transfer ? a - ids.deliverTransfer(0) : a - ids.deliver(0);
    const p = this.to[c] as number;
    const markerStep = transfer ? false : !this.fifo || this.marker[c] === 1;
    if (markerStep) {
      if (this.recorded[p] === 0) this.addEveryActionOf(p);
      else if (!this.fifo) this.add(ids.deliverTransfer(c));
      return;
    }
    if (!this.fifo && this.closed[c] === 0) this.add(ids.deliver(c));
    if (this.recorded[p] === 0) this.addRecordersOf(p, c);
  }

  /** D2: the actions that could enable the disabled action `a` before anything in the set runs. */
  protected addEnablers(a: number): void {
    const ids = this.ids;
    if (a < this.n) return; // an initiator that has recorded never initiates again
    if (a < ids.deliver(0)) {
      const p = this.from[a - this.n] as number;
      for (const c of this.incoming[p] ?? []) this.add(this.fifo ? ids.deliver(c) : ids.deliverTransfer(c));
      return;
    }
    const transfer = a >= ids.deliverTransfer(0);
    const c = transfer ? a - ids.deliverTransfer(0) : a - ids.deliver(0);
    const sender = this.from[c] as number;
    if (this.fifo) {
      // An empty fifo channel: the sender's next transfer, or its marker if it has not recorded.
      this.add(ids.send(c));
      if (this.recorded[sender] === 0) this.addRecordersOf(sender, -1);
    } else if (transfer) {
      this.add(ids.send(c));
    } else if (this.closed[c] === 0) {
      // A marker not sent yet: the sender has not recorded. A closed channel gets no marker again.
      this.addRecordersOf(sender, -1);
    }
  }

  /** Every action of p: its initiation, its sends, the deliveries into it. */
  private addEveryActionOf(p: number): void {
    const ids = this.ids;
    if (this.initiator[p] === 1) this.add(ids.initiate(p));
    for (const c of this.outgoing[p] ?? []) this.add(ids.send(c));
    for (const c of this.incoming[p] ?? []) {
      this.add(ids.deliver(c));
      if (!this.fifo) this.add(ids.deliverTransfer(c));
    }
  }

  /**
   * The actions that may record the unrecorded p: its initiation and the deliveries into it that
   * may bring a marker (on channels not closed, other than `except`).
   */
  private addRecordersOf(p: number, except: number): void {
    const ids = this.ids;
    if (this.initiator[p] === 1) this.add(ids.initiate(p));
    for (const c of this.incoming[p] ?? []) {
      if (c !== except && this.closed[c] === 0) this.add(ids.deliver(c));
    }
  }
}
