/**
 * A growable column of 32-bit integers, one per state or node: a typed array that doubles, where a
 * JS array of numbers would cost 8 or more bytes per entry and a check on every write.
 */
export class IntColumn {
  private values: Int32Array;
  /** Entries written so far (the highest index set, plus one). */
  length = 0;

  constructor(
    /** The value of an entry never written. */
    private readonly unset = 0,
    capacity = 1024,
  ) {
    this.values = new Int32Array(capacity);
    if (unset !== 0) this.values.fill(unset);
  }

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
    const values = new Int32Array(Math.max(needed, 2 * this.values.length));
    if (this.unset !== 0) values.fill(this.unset, this.values.length);
    values.set(this.values);
    this.values = values;
  }
}
