/**
 * The BFS frontier of the fingerprint and bitstate modes, which keep no state store: a queue of
 * bit-packed rows (packing.ts) — the level being expanded, then the next level behind it, so a
 * node's depth is its level — in chunks of CHUNK_ROWS rows. The level is read in order, and each
 * chunk read to its end goes to a spare list that the next level's rows fill before any chunk is
 * allocated, as a queue that frees what it dequeues: the frontier holds the rows not yet expanded
 * and those queued, about one wide level's worth rather than two. A row holding a value its field
 * cannot hold lays every row still queued out again, wider, keeping their order.
 */
import { allocateOrStop, type MemoryBudget } from "./budget.js";
import { FieldWidths, Packing, withSpareBits } from "./packing.js";

/** Rows per chunk: 2^12. */
const CHUNK_BITS = 12;
const CHUNK_ROWS = 1 << CHUNK_BITS;
const IN_CHUNK = CHUNK_ROWS - 1;

export class Frontier {
  /** Rows in the level being expanded. */
  length = 0;
  private packing: Packing;
  /**
   * The queue's chunks by number: row g (counted from the first row ever queued) is row g & IN_CHUNK
   * of chunk g >> CHUNK_BITS. Chunks read to their end are undefined here (moved to `spares`).
   */
  private chunks: (Uint32Array | undefined)[] = [];
  private spares: Uint32Array[] = [];
  /** The first row of the level being expanded, and one past the last row queued. */
  private start = 0;
  private end = 0;
  /** The last row read (−1: none yet): rows are read in order, each chunk left behind is spare. */
  private lastRead = -1;
  private readonly row: Int32Array;
  private readonly widths: FieldWidths;

  constructor(
    /** Fields per row. */
    readonly fields: number,
    /** Writes to out[f] a number above every value field f may hold now. */
    bounds: (out: Float64Array) => void,
    private readonly budget: MemoryBudget,
  ) {
    this.row = new Int32Array(fields);
    this.widths = new FieldWidths(fields, bounds);
    this.packing = this.layout();
  }

  /** Rows queued for the next level. */
  get queued(): number {
    return this.end - this.start - this.length;
  }

  /** Writes row i of the level being expanded to `out`; rows are read in order (i never decreases). */
  read(i: number, out: Int32Array): void {
    const g = this.start + i;
    if (g < this.lastRead || i >= this.length) throw new RangeError(`frontier row ${i} is not next to read`);
    // Every chunk before this row's has been read to its end.
    for (let c = Math.max(0, this.lastRead) >>> CHUNK_BITS; c < g >>> CHUNK_BITS; c++) this.toSpare(c);
    this.lastRead = g;
    this.packing.unpack(
      this.chunks[g >>> CHUNK_BITS] as Uint32Array,
      (g & IN_CHUNK) * this.packing.words,
      out,
    );
  }

  /** Appends the row `row` to the next level; may throw OutOfMemoryBudget. */
  push(row: ArrayLike<number>): void {
    const g = this.end;
    const chunk = this.chunks[g >>> CHUNK_BITS] ?? this.newChunk(g >>> CHUNK_BITS);
    if (this.packing.pack(row, chunk, (g & IN_CHUNK) * this.packing.words)) {
      this.end++;
      return;
    }
    this.relayout(row);
    this.push(row);
  }

  /** The next level becomes the one being expanded. */
  advance(): void {
    this.start += this.length;
    this.length = this.end - this.start;
  }

  /** A layout for the current bounds and the row `row`, each word's spare bits shared out (FieldWidths). */
  private layout(row?: ArrayLike<number>): Packing {
    return new Packing(withSpareBits(this.widths.next(row)));
  }

  /** Chunk c, read to its end, becomes spare. */
  private toSpare(c: number): void {
    const chunk = this.chunks[c];
    if (chunk === undefined) return;
    this.chunks[c] = undefined;
    this.spares.push(chunk);
  }

  /** Chunk c for rows about to be queued: a spare one, or a new one. */
  private newChunk(c: number): Uint32Array {
    const chunk =
      this.spares.pop() ??
      allocateOrStop(this.budget, Uint32Array, Math.max(1, CHUNK_ROWS * this.packing.words), "the frontier");
    this.chunks[c] = chunk;
    return chunk;
  }

  /** Lays every row not yet read out again in a layout that holds `row`, keeping their places. */
  private relayout(row: ArrayLike<number>): void {
    const old = this.packing;
    const oldChunks = this.chunks;
    for (const spare of this.spares) this.budget.release(spare);
    this.spares = [];
    this.packing = this.layout(row);
    this.chunks = [];
    for (let g = Math.max(0, this.lastRead); g < this.end; g++) {
      old.unpack(oldChunks[g >>> CHUNK_BITS] as Uint32Array, (g & IN_CHUNK) * old.words, this.row);
      const chunk = this.chunks[g >>> CHUNK_BITS] ?? this.newChunk(g >>> CHUNK_BITS);
      if (!this.packing.pack(this.row, chunk, (g & IN_CHUNK) * this.packing.words))
        throw new RangeError(`a frontier row holds a value above its field's bound`);
    }
    for (const chunk of oldChunks) if (chunk !== undefined) this.budget.release(chunk);
  }
}
