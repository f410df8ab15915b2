/** The typed arrays a column may keep its entries in. */
type Values = Int32Array | Uint16Array | Uint8Array;

/** Entries per chunk: 2^16. */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const IN_CHUNK = CHUNK - 1;

/**
 * A growable column of integers, one per state, node or edge: typed arrays where a JS array of
 * numbers would cost 8 or more bytes per entry and a check on every write. It grows by whole
 * chunks and never moves what it holds: a doubling array would copy every entry at each growth
 * and hold both copies meanwhile, and memory is time as well as room — every page a search
 * touches for the first time costs a fault. The first chunk starts small and doubles, so a small
 * search holds little. 32-bit entries (IntColumn), 16-bit (ShortColumn) or, for flags, bytes
 * (ByteColumn).
 */
abstract class Column<A extends Values> {
  private readonly chunks: A[] = [];
  /** Entries written so far (the highest index set, plus one). */
  length = 0;

  constructor(
    /** The value of an entry never written. */
    private readonly unset = 0,
  ) {}

  protected abstract make(length: number): A;

  get(i: number): number {
    return i < this.length ? ((this.chunks[i >>> CHUNK_BITS] as A)[i & IN_CHUNK] as number) : this.unset;
  }

  push(value: number): void {
    this.set(this.length, value);
  }

  set(i: number, value: number): void {
    const c = i >>> CHUNK_BITS;
    const chunk = this.chunks[c];
    if (chunk === undefined || (i & IN_CHUNK) >= chunk.length) this.makeRoom(i);
    (this.chunks[c] as A)[i & IN_CHUNK] = value;
    if (i >= this.length) this.length = i + 1;
  }

  /** Room for entry i: the first chunk doubled (up to a whole chunk), or whole chunks added. */
  private makeRoom(i: number): void {
    const first = this.chunks[0];
    if (i < CHUNK) {
      const grown = this.make(Math.min(CHUNK, Math.max(1024, 2 * (first?.length ?? 0), i + 1)));
      if (this.unset !== 0) grown.fill(this.unset);
      if (first !== undefined) grown.set(first);
      this.chunks[0] = grown;
      return;
    }
    if (first !== undefined && first.length < CHUNK) this.makeRoom(CHUNK - 1);
    while (i >>> CHUNK_BITS >= this.chunks.length) {
      const chunk = this.make(CHUNK);
      if (this.unset !== 0) chunk.fill(this.unset);
      this.chunks.push(chunk);
    }
  }
}

export class IntColumn extends Column<Int32Array> {
  protected make(length: number): Int32Array {
    return new Int32Array(length);
  }
}

/** A column of values from 0 to 65,535. */
export class ShortColumn extends Column<Uint16Array> {
  protected make(length: number): Uint16Array {
    return new Uint16Array(length);
  }
}

/** A column of values from 0 to 255. */
export class ByteColumn extends Column<Uint8Array> {
  protected make(length: number): Uint8Array {
    return new Uint8Array(length);
  }
}
