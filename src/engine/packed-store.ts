/**
 * The exact store of rows of small integers — model states, or product nodes — kept bit-packed
 * (packing.ts) in an ExactSet (ids in discovery order, one probe per lookup), with each row's parent
 * link and step in columns. A row is its key fields, then payload fields that ride along without
 * telling rows apart (the search keeps there the monitor words of a model state's first product
 * node). Rows go in and come out unpacked; the packing is the store's own business. When a row
 * holds a value its field cannot, the store lays every row out again with the fields widened to the
 * current bounds (read from `bounds`, e.g. the interners' sizes), keeping every id, parent and step
 * — as a hash table grows, and about as rarely: each layout leaves every field room to double, and
 * shares each word's spare bits among its fields.
 */
import type { MemoryBudget } from "./budget.js";
import { IntColumn, ShortColumn } from "./column.js";
import { ExactSet } from "./exact-set.js";
import { hashState } from "./hash.js";
import { FieldWidths, Packing, withSpareBits } from "./packing.js";

export class PackedStore {
  private key: Packing;
  private payload: Packing;
  private set: ExactSet;
  /** One packed row (a packed row never has more words than its fields). */
  private readonly packed: Uint32Array;
  private readonly row: Int32Array;
  /** One row's payload fields. */
  private readonly payloadRow: Int32Array;
  private readonly hash = new Int32Array(2);
  private readonly widths: FieldWidths;

  constructor(
    /** Key fields per row. */
    readonly keyFields: number,
    /** Payload fields per row, after the key. */
    readonly payloadFields: number,
    /** Writes to out[f] a number above every value field f may hold now. */
    bounds: (out: Float64Array) => void,
    private readonly budget: MemoryBudget,
    /** Rows to make room for at once (the index is not rebuilt before it holds about this many). */
    private readonly expected: number,
  ) {
    const fields = keyFields + payloadFields;
    this.packed = new Uint32Array(Math.max(1, fields));
    this.row = new Int32Array(fields);
    this.payloadRow = new Int32Array(payloadFields);
    this.widths = new FieldWidths(fields, bounds);
    [this.key, this.payload] = this.layout();
    this.set = this.emptySet(expected);
  }

  /** Rows stored. */
  get count(): number {
    return this.set.count;
  }

  /** parent.get(id): the id of the row it was first reached from (−1 for the first). */
  readonly parent = new IntColumn(-1);
  /** step.get(id): the index of the step that first reached it, among its parent's steps. */
  readonly step = new ShortColumn();

  /** After an `insert` that met its key: whether the stored row's payload equals the one offered. */
  get samePayload(): boolean {
    return this.set.samePayload;
  }

  /**
   * Stores the row `w` (key, then payload) if its key is new and returns its id; if the key was
   * stored already, returns −1 − its id and sets `samePayload`.
   */
  insert(w: ArrayLike<number>): number {
    this.packRow(w);
    return this.set.insert(this.packed, 0, this.hashOfKey());
  }

  /** The id of the row whose key is `w`'s, or −1 if none is stored. */
  idOf(w: ArrayLike<number>): number {
    while (!this.key.pack(w, this.packed, 0)) this.relayout(w);
    return this.set.idOf(this.packed, 0, this.hashOfKey());
  }

  /** Writes row `id` to `out[0 .. keyFields + payloadFields)`. */
  read(id: number, out: Int32Array): void {
    const chunk = this.set.chunkOf(id);
    const at = this.set.offsetOf(id);
    this.key.unpack(chunk, at, out);
    if (this.payloadFields === 0) return;
    this.payload.unpack(chunk, at + this.key.words, this.payloadRow);
    for (let j = 0; j < this.payloadFields; j++) out[this.keyFields + j] = this.payloadRow[j] as number;
  }

  private packRow(w: ArrayLike<number>): void {
    while (!this.packBoth(w)) this.relayout(w);
  }

  private packBoth(w: ArrayLike<number>): boolean {
    if (!this.key.pack(w, this.packed, 0)) return false;
    if (this.payloadFields === 0) return true;
    for (let j = 0; j < this.payloadFields; j++) this.payloadRow[j] = w[this.keyFields + j] as number;
    return this.payload.pack(this.payloadRow, this.packed, this.key.words);
  }

  private hashOfKey(): number {
    hashState(this.packed, 0, this.key.words, this.hash);
    return this.hash[0] as number;
  }

  private emptySet(expected: number): ExactSet {
    return new ExactSet(
      Math.max(1, this.key.words + this.payload.words),
      this.budget,
      expected,
      this.key.words,
    );
  }

  /**
   * The layouts of key and payload for the current bounds and the row `w` about to go in, each
   * word's spare bits shared out (FieldWidths: every row stored fits the new layout).
   */
  private layout(w?: ArrayLike<number>): [Packing, Packing] {
    const widths = this.widths.next(w);
    return [
      new Packing(withSpareBits(widths.slice(0, this.keyFields))),
      new Packing(withSpareBits(widths.slice(this.keyFields))),
    ];
  }

  /** Lays every row out again in a layout that holds `w`, keeping ids, parents and steps. */
  private relayout(w: ArrayLike<number>): void {
    const old = this.set;
    const oldKey = this.key;
    const oldPayload = this.payload;
    [this.key, this.payload] = this.layout(w);
    // The room the index had, at least, and room to grow fourfold up to the presized room: a
    // relayout must not leave the index to grow again from the rows so far by many rebuilds.
    const set = this.emptySet(Math.max(old.count, old.room, Math.min(this.expected, 4 * old.count)));
    for (let id = 0; id < old.count; id++) {
      const chunk = old.chunkOf(id);
      const at = old.offsetOf(id);
      oldKey.unpack(chunk, at, this.row);
      oldPayload.unpack(chunk, at + oldKey.words, this.payloadRow);
      for (let j = 0; j < this.payloadFields; j++)
        this.row[this.keyFields + j] = this.payloadRow[j] as number;
      if (!this.packBoth(this.row))
        throw new RangeError(`stored row ${id} holds a value above its field's bound`);
      set.insert(this.packed, 0, this.hashOfKey());
    }
    old.release();
    this.set = set;
  }
}
