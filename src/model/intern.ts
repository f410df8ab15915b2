/**
 * Interning: equal values get the same small integer id, and each id gives back its one (frozen)
 * value. A packed state holds ids instead of values, so equal states are equal word vectors and
 * only they — the canonical encoding the engine hashes, stores and compares.
 */
export class Interner<T> {
  private readonly ids = new Map<string, number>();
  private readonly values: T[] = [];
  /** The ids of the interned objects themselves: handing one back costs no key. */
  private readonly known = new WeakMap<object, number>();

  constructor(private readonly keyOf: (value: T) => string) {}

  /** How many distinct values have been interned. */
  get size(): number {
    return this.values.length;
  }

  /** The id of `value` (a new id if no equal value was interned before). */
  intern(value: T): number {
    const object = typeof value === "object" && value !== null;
    if (object) {
      const known = this.known.get(value);
      if (known !== undefined) return known;
    }
    const key = this.keyOf(value);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(key, id);
      this.values.push(Object.freeze(value));
    }
    // Only the stored value itself: an equal object handed in later may still change.
    if (object && this.values[id] === value) this.known.set(value, id);
    return id;
  }

  /** The value of `id`. */
  value(id: number): T {
    const value = this.values[id];
    if (value === undefined) throw new RangeError(`no interned value ${id}`);
    return value;
  }
}
