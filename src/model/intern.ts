/**
 * Interning: equal values get the same small integer id, and each id gives back its one (frozen)
 * value. A packed state holds ids instead of values, so equal states are equal word vectors and
 * only they — the canonical encoding the engine hashes, stores and compares.
 */
export class Interner<T> {
  private readonly ids = new Map<string, number>();
  private readonly values: T[] = [];

  constructor(private readonly keyOf: (value: T) => string) {}

  /** How many distinct values have been interned. */
  get size(): number {
    return this.values.length;
  }

  /** The id of `value` (a new id if no equal value was interned before). */
  intern(value: T): number {
    const key = this.keyOf(value);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(key, id);
      this.values.push(Object.freeze(value));
    }
    return id;
  }

  /** The value of `id`. */
  value(id: number): T {
    const value = this.values[id];
    if (value === undefined) throw new RangeError(`no interned value ${id}`);
    return value;
  }
}
