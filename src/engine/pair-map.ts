/**
 * A map from pairs of non-negative integers to integers, on typed arrays (open addressing, linear
 * probing, a power of two of slots at most half full): what the product looks up on almost every
 * step — where a list of events leads a combination of monitor states — at the cost of a multiply,
 * a shift and, for the steps out of one state, about one cache miss between them.
 */
export class PairMap {
  /** Slot s holds the pair (keys[2s] − 1, keys[2s + 1]) — keys[2s] = 0 marks it empty — and values[s]. */
  private keys: Int32Array;
  private values: Int32Array;
  private mask: number;
  private shift: number;
  size = 0;

  constructor(log2Slots = 12) {
    this.keys = new Int32Array(2 << log2Slots);
    this.values = new Int32Array(1 << log2Slots);
    this.mask = (1 << log2Slots) - 1;
    this.shift = 32 - log2Slots;
  }

  /** The value of the pair (a, b), or −1 if it has none. */
  get(a: number, b: number): number {
    const keys = this.keys;
    for (let s = this.slot(a, b); ; s = (s + 1) & this.mask) {
      const first = keys[2 * s] as number;
      if (first === 0) return -1;
      if (first === a + 1 && keys[2 * s + 1] === b) return this.values[s] as number;
    }
  }

  /** Sets the value of the pair (a, b), which has none yet. */
  set(a: number, b: number, value: number): void {
    if (2 * (this.size + 1) > this.mask + 1) this.grow();
    this.put(a, b, value);
    this.size++;
  }

  /**
   * The home slot of (a, b): a's hashed, then b slots on — so the pairs of one `a`, looked up one
   * after another (a combination's steps out of one state), lie on neighbouring cache lines.
   */
  private slot(a: number, b: number): number {
    return ((Math.imul(a, 0x9e3779b1) >>> this.shift) + b) & this.mask;
  }

  private put(a: number, b: number, value: number): void {
    const keys = this.keys;
    let s = this.slot(a, b);
    while (keys[2 * s] !== 0) s = (s + 1) & this.mask;
    keys[2 * s] = a + 1;
    keys[2 * s + 1] = b;
    this.values[s] = value;
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    const slots = 2 * (this.mask + 1);
    this.keys = new Int32Array(2 * slots);
    this.values = new Int32Array(slots);
    this.mask = slots - 1;
    this.shift--;
    for (let s = 0; s < values.length; s++) {
      if (keys[2 * s] !== 0)
        this.put((keys[2 * s] as number) - 1, keys[2 * s + 1] as number, values[s] as number);
    }
  }
}
