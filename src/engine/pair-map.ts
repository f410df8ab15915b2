/**
 * A map from pairs of non-negative integers to integers, on typed arrays (open addressing, linear
 * probing, a power of two of slots at most half full): what the product looks up on almost every
 * step — where a list of events leads a combination of monitor states — at the cost of a multiply,
 * a shift and, for the steps out of one state, about one cache miss between them. A slot holds its
 * pair and its value side by side, so a probe reads one cache line, not two.
 */
export class PairMap {
  /** Slot s is slots[3s .. 3s + 3) = (a + 1, b, value) for the pair (a, b); a + 1 = 0 marks it empty. */
  private slots: Int32Array;
  private mask: number;
  private shift: number;
  size = 0;

  constructor(log2Slots = 12) {
    this.slots = new Int32Array(3 << log2Slots);
    this.mask = (1 << log2Slots) - 1;
    this.shift = 32 - log2Slots;
  }

  /** The value of the pair (a, b), or −1 if it has none. */
  get(a: number, b: number): number {
    const slots = this.slots;
    for (let s = this.slot(a, b); ; s = (s + 1) & this.mask) {
      const at = 3 * s;
      const first = slots[at] as number;
      if (first === 0) return -1;
      if (first === a + 1 && slots[at + 1] === b) return slots[at + 2] as number;
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
    const slots = this.slots;
    let s = this.slot(a, b);
    while (slots[3 * s] !== 0) s = (s + 1) & this.mask;
    slots[3 * s] = a + 1;
    slots[3 * s + 1] = b;
    slots[3 * s + 2] = value;
  }

  private grow(): void {
    const old = this.slots;
    const size = 2 * (this.mask + 1);
    this.slots = new Int32Array(3 * size);
    this.mask = size - 1;
    this.shift--;
    for (let at = 0; at < old.length; at += 3) {
      if (old[at] !== 0) this.put((old[at] as number) - 1, old[at + 1] as number, old[at + 2] as number);
    }
  }
}
