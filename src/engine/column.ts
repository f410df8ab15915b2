/** The typed arrays a column may keep its entries in. */
type Values = Int32Array | Uint8Array;

/**
 * A growable column of integers, one per state or node: a typed array that doubles, where a JS
 * array of numbers would cost 8 or more bytes per entry and a check on every write. 32-bit entries
 * (IntColumn) or, for flags, bytes (ByteColumn): memory is time as well as room, since every page
 * a search touches for the first time costs a fault.
 */
abstract class Column<A extends Values> {
  private values: A;
  /** Entries written so far (the highest index set, plus one). */
  length = 0;

  constructor(
    /** The value of an entry never written. */
    private readonly unset = 0,
    capacity = 1024,
  ) {
    this.values = this.make(capacity);
    if (unset !== 0) this.values.fill(unset);
  }

  protected abstract make(length: number): A;

  get(i: number): number {
    return i < this.length ? (this.values[i] as number) : this.unset;
  }

  push(value: number): void {
    this.set(this.length, value);
  }

  set(i: number, value: number): void {
    if (i >= this.values.length) this.grow(i + 1);
    this.values[i] = value;
    if (i >= this.length) this.length = i + 1;
  }

  private grow(needed: number): void {
    const values = this.make(Math.max(needed, 2 * this.values.length));
    if (this.unset !== 0) values.fill(this.unset, this.values.length);
    values.set(this.values);
    this.values = values;
  }
}

export class IntColumn extends Column<Int32Array> {
  protected make(length: number): Int32Array {
    return new Int32Array(length);
  }
}

/** A column of values from 0 to 255. */
export class ByteColumn extends Column<Uint8Array> {
  protected make(length: number): Uint8Array {
    return new Uint8Array(length);
  }
}
