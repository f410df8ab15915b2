/**
 * The BFS frontier of the fingerprint and bitstate modes, which keep no state store: the rows of
 * the level being expanded and of the next level, bit-packed (packing.ts) in two flat Uint32Arrays
 * that swap at each level, so a node's depth is its level and the frontier costs a few bytes per
 * node of the two widest consecutive levels. A row holding a value its field cannot hold lays both
 * levels out again, wider, keeping their order. The next level's buffer doubles through the
 * memory budget.
 */
import { allocateOrStop, type MemoryBudget } from "./budget.js";
import { FieldWidths, Packing, withSpareBits } from "./packing.js";

export class Frontier {
  /** Rows in the level being expanded. */
  length = 0;
  private packing: Packing;
  private current: Uint32Array;
  private next: Uint32Array;
  private nextLength = 0;
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
    this.current = allocateOrStop(budget, Uint32Array, 1024 * fields, "the frontier");
    this.next = allocateOrStop(budget, Uint32Array, 1024 * fields, "the frontier");
  }

  /** Rows queued for the next level. */
  get queued(): number {
    return this.nextLength;
  }

  /** Writes row i of the level being expanded to `out`. */
  read(i: number, out: Int32Array): void {
    this.packing.unpack(this.current, i * this.packing.words, out);
  }

  /** Appends the row `row` to the next level; may throw OutOfMemoryBudget. */
  push(row: ArrayLike<number>): void {
    const words = this.packing.words;
    if ((this.nextLength + 1) * words > this.next.length)
      this.next = this.grown(this.next, this.next.length * 2);
    while (!this.packing.pack(row, this.next, this.nextLength * this.packing.words)) this.relayout(row);
    this.nextLength++;
  }

  /** The next level becomes the current one (the old current buffer is reused for the level after). */
  advance(): void {
    const done = this.current;
    this.current = this.next;
    this.length = this.nextLength;
    this.next = done;
    this.nextLength = 0;
  }

  /** A layout for the current bounds and the row `row`, each word's spare bits shared out (FieldWidths). */
  private layout(row?: ArrayLike<number>): Packing {
    return new Packing(withSpareBits(this.widths.next(row)));
  }

  /** Lays both levels out again in a layout that holds `row`, keeping their order. */
  private relayout(row: ArrayLike<number>): void {
    const old = this.packing;
    const packing = this.layout(row);
    const repack = (level: Uint32Array, rows: number): Uint32Array => {
      const out = allocateOrStop(
        this.budget,
        Uint32Array,
        Math.max(1024, rows + 1) * packing.words,
        "the frontier",
      );
      for (let i = 0; i < rows; i++) {
        old.unpack(level, i * old.words, this.row);
        if (!packing.pack(this.row, out, i * packing.words))
          throw new RangeError(`a frontier row holds a value above its field's bound`);
      }
      this.budget.release(level);
      return out;
    };
    this.current = repack(this.current, this.length);
    this.next = repack(this.next, this.nextLength);
    this.packing = packing;
  }

  private grown(level: Uint32Array, length: number): Uint32Array {
    const bigger = allocateOrStop(this.budget, Uint32Array, length, "the frontier");
    bigger.set(level);
    this.budget.release(level);
    return bigger;
  }
}
