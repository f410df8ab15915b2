/**
 * Bit-packing of a state's words for the stores. A model state is a row of small integers (interned
 * ids, src/model/codec.ts) that rarely need more than a few bits each — bank 1,1,1's 19 words fit
 * in two words — so the stores keep each field in just the bits its values need, and hash, compare
 * and copy two words instead of nineteen. The widths come from the fields' current bounds (the
 * interners' sizes) with room to double, and each word's spare bits shared out (withSpareBits); a
 * value that outgrows its field is refused by `pack`, and the store lays its states out again with
 * wider fields (packed-store.ts). Fields never straddle a word, so reading one is a load, a shift
 * and a mask.
 */

export class Packing {
  /** Packed words per row. */
  readonly words: number;
  /**
   * Packs the row `src[0 .. fields)` into `dst[offset .. offset + words)`; false (and `dst` left
   * partly written) when some value does not fit its field.
   */
  readonly pack: (src: ArrayLike<number>, dst: Uint32Array, offset: number) => boolean;
  /** Unpacks the row at `src[offset ..]` into `dst[0 .. fields)`. */
  readonly unpack: (src: Uint32Array, offset: number, dst: Int32Array) => void;

  constructor(readonly widths: readonly number[]) {
    const fields: Field[] = [];
    let word = 0;
    let used = 0;
    for (const width of widths) {
      if (!(Number.isInteger(width) && width >= 1 && width <= 32))
        throw new RangeError(`a field of ${width} bits`);
      if (used + width > 32) {
        word++;
        used = 0;
      }
      // As an int32: a 32-bit field's mask is −1, and ~mask is 0 (every value fits).
      fields.push({ word, shift: used, mask: (2 ** width - 1) | 0 });
      used += width;
    }
    this.words = fields.length === 0 ? 0 : word + 1;
    const code = compiledCode(fields, this.words);
    this.pack = code?.pack ?? interpretedPack(fields, this.words);
    this.unpack = code?.unpack ?? interpretedUnpack(fields);
  }
}

interface Field {
  readonly word: number;
  readonly shift: number;
  readonly mask: number;
}

/**
 * pack and unpack written out as straight-line code for this layout, where every word, shift and
 * mask is a constant — several times faster than the loops below, which read them from arrays.
 * The code is built from numbers only. Undefined where the platform forbids compiling code (a
 * page whose Content-Security-Policy has no 'unsafe-eval': the playground's worker).
 */
function compiledCode(fields: readonly Field[], words: number): Pick<Packing, "pack" | "unpack"> | undefined {
  const declare = Array.from({ length: words }, (_, i) => `let w${i} = 0;`);
  const put = fields.map(
    ({ word, shift, mask }, f) =>
      `v = src[${f}]; if ((v & ${~mask}) !== 0) return false; w${word} |= v << ${shift};`,
  );
  const store = Array.from({ length: words }, (_, i) => `dst[offset + ${i}] = w${i};`);
  const take = Array.from({ length: words }, (_, i) => `const w${i} = src[offset + ${i}];`);
  const get = fields.map(({ word, shift, mask }, f) => `dst[${f}] = (w${word} >>> ${shift}) & ${mask};`);
  try {
    return {
      pack: new Function(
        "src",
        "dst",
        "offset",
        ["let v = 0;", ...declare, ...put, ...store, "return true;"].join("\n"),
      ) as Packing["pack"],
      unpack: new Function("src", "offset", "dst", [...take, ...get].join("\n")) as Packing["unpack"],
    };
  } catch {
    return undefined;
  }
}

function interpretedPack(fields: readonly Field[], words: number): Packing["pack"] {
  const word = Int32Array.from(fields, (f) => f.word);
  const shift = Int32Array.from(fields, (f) => f.shift);
  const outside = Int32Array.from(fields, (f) => ~f.mask);
  return (src, dst, offset) => {
    for (let i = 0; i < words; i++) dst[offset + i] = 0;
    for (let f = 0; f < fields.length; f++) {
      const v = (src[f] as number) | 0;
      if ((v & (outside[f] as number)) !== 0) return false;
      const at = offset + (word[f] as number);
      dst[at] = (dst[at] as number) | (v << (shift[f] as number));
    }
    return true;
  };
}

function interpretedUnpack(fields: readonly Field[]): Packing["unpack"] {
  const word = Int32Array.from(fields, (f) => f.word);
  const shift = Int32Array.from(fields, (f) => f.shift);
  const mask = Int32Array.from(fields, (f) => f.mask);
  return (src, offset, dst) => {
    for (let f = 0; f < fields.length; f++) {
      dst[f] = ((src[offset + (word[f] as number)] as number) >>> (shift[f] as number)) & (mask[f] as number);
    }
  };
}

/**
 * Field widths for values below `bounds[f]`, with room for them to double before the layout must
 * change again (a bound of 2^31 or more takes a whole word).
 */
export function widthsFor(bounds: ArrayLike<number>): number[] {
  return Array.from({ length: bounds.length }, (_, f) => {
    const bound = bounds[f] as number;
    if (bound >= 2 ** 31) return 32;
    return 32 - Math.clz32(2 * Math.max(1, bound) - 1);
  });
}

/**
 * The widths of a row's fields as their bounds grow, for a store or frontier that lays its rows out
 * again when a value outgrows its field: for the current bounds (read from `bounds`, e.g. the
 * interners' sizes) and a row about to go in, with room to double, and never narrower than before
 * — so every row laid out earlier fits the next layout.
 */
export class FieldWidths {
  private readonly bound: Float64Array;
  private minimal: number[] = [];

  constructor(
    fields: number,
    /** Writes to out[f] a number above every value field f may hold now. */
    private readonly bounds: (out: Float64Array) => void,
  ) {
    this.bound = new Float64Array(fields);
  }

  /** The widths for the current bounds and the row `row` (if any), before spare bits are shared out. */
  next(row?: ArrayLike<number>): readonly number[] {
    this.bounds(this.bound);
    if (row !== undefined) {
      for (let f = 0; f < Math.min(this.bound.length, row.length); f++) {
        const v = row[f] as number;
        if (v < 0) throw new RangeError(`field ${f} of a row is negative (${v})`);
        this.bound[f] = Math.max(this.bound[f] as number, v + 1);
      }
    }
    this.minimal = widthsFor(this.bound).map((width, f) => Math.max(width, this.minimal[f] ?? 0));
    return this.minimal;
  }
}

/**
 * `widths` with each word's spare bits shared out among the fields packed into it, one bit at a
 * time from the first: room for values to grow that costs no memory, so a store lays its rows out
 * again less often. Each word ends up full, so the fields fall into the same words as before.
 */
export function withSpareBits(widths: readonly number[]): number[] {
  const spread = [...widths];
  // Each word's fields, [first, end), grouped as Packing groups them.
  const words: { first: number; end: number; used: number }[] = [];
  widths.forEach((width, f) => {
    const word = words.at(-1);
    if (word === undefined || word.used + width > 32) words.push({ first: f, end: f + 1, used: width });
    else {
      word.end = f + 1;
      word.used += width;
    }
  });
  for (const { first, end, used } of words)
    for (let spare = 32 - used, f = first; spare > 0; spare--, f = f + 1 === end ? first : f + 1)
      spread[f] = (spread[f] as number) + 1;
  return spread;
}
