/**
 * The packed state encoding: a global state of the reference model as a few 32-bit words.
 *
 * Fields, each of fixed width computed from the configuration (W = total money, N processes, C
 * channels in topology order):
 * - per process: `balance` (0..W) and `recorded` balance (0..W, or W+1 = not recorded);
 * - per channel c(i,j): `closed` (its marker has arrived: recording is over), `count` of recorded
 *   transfers (a bank channel records only transfers T, so a count is the whole record), and its
 *   contents — under fifo one `queue` field, the sequence of messages oldest first as bits (T = 0,
 *   M = 1) under a sentinel 1 bit (empty = 1, so length = 31 − clz32(queue)); under nonfifo the
 *   multiset as a `transfers` count (0..W) and a `marker` bit (one snapshot: at most one marker).
 * Bounds: money bounds every balance, in-flight count and fifo recorded count; a channel holds at
 * most one marker, so a fifo queue is at most W+1 long. A nonfifo recorded count is unbounded (the
 * space is infinite) and is bounded here by the depth bound: a state at depth D has had at most D
 * deliveries. Fields never straddle words, so reading one is a load, a shift and a mask. Equal
 * states have equal words, and only they: the words are the state's canonical key.
 */
import { ConfigError } from "../errors.js";
import type { EngineModel } from "./config.js";

/** Field placement: field f lives in word `word[f]`, bits `shift[f]` .. `shift[f] + width − 1`. */
export class Layout {
  /** Words per state. */
  readonly words: number;
  readonly word: Int32Array;
  readonly shift: Int32Array;
  readonly mask: Int32Array;
  /** 2^shift[f]: adding d·unit[f] to its word adds d to field f (exact in doubles, no masking). */
  readonly unit: Float64Array;
  /** Field ids per process. */
  readonly balance: Int32Array;
  readonly recorded: Int32Array;
  /** Field ids per channel; under nonfifo `queue` is the transfers count, `marker` its marker bit. */
  readonly closed: Int32Array;
  readonly count: Int32Array;
  readonly queue: Int32Array;
  readonly marker: Int32Array;
  /** The `recorded` value meaning "not recorded". */
  readonly notRecorded: number;
  readonly fields: number;

  constructor(model: EngineModel, maxDepth: number | undefined) {
    const total = model.balances.reduce((a, b) => a + b, 0);
    const n = model.topology.processes;
    const c = model.topology.channels.length;
    const fifo = model.channels === "fifo";
    if (!fifo && maxDepth === undefined) {
      throw new ConfigError("maxDepth", "nonfifo channels make the space infinite: give a depth bound");
    }
    if (fifo && total > 29) {
      throw new ConfigError(
        "balances",
        `total money ${total} is too large for the compact engine under fifo (at most 29)`,
      );
    }
    if ((maxDepth ?? 0) > 2 ** 31 - 1) throw new ConfigError("maxDepth", "at most 2147483647 under nonfifo");
    const countBound = fifo ? total : Math.max(total, maxDepth ?? 0);
    const widths: number[] = [];
    const add = (width: number): number => {
      if (width > 31) throw new RangeError(`layout: a field of ${width} bits does not fit a word`);
      widths.push(width);
      return widths.length - 1;
    };
    const ids = (count: number, width: number) => Int32Array.from({ length: count }, () => add(width));
    this.notRecorded = total + 1;
    this.balance = ids(n, bitsFor(total));
    this.recorded = ids(n, bitsFor(total + 1));
    this.closed = ids(c, 1);
    this.count = ids(c, bitsFor(countBound));
    this.queue = ids(c, fifo ? total + 2 : bitsFor(total));
    this.marker = fifo ? new Int32Array(0) : ids(c, 1);
    this.fields = widths.length;
    this.word = new Int32Array(this.fields);
    this.shift = new Int32Array(this.fields);
    this.mask = new Int32Array(this.fields);
    this.unit = new Float64Array(this.fields);
    let word = 0;
    let used = 0;
    widths.forEach((width, f) => {
      if (used + width > 32) {
        word++;
        used = 0;
      }
      this.word[f] = word;
      this.shift[f] = used;
      this.mask[f] = width === 0 ? 0 : 2 ** width - 1;
      this.unit[f] = 2 ** used;
      used += width;
    });
    this.words = word + 1;
  }

  /** The value of field `f` of the state at `words[offset..]`. */
  get(words: Uint32Array, offset: number, f: number): number {
    return (
      ((words[offset + (this.word[f] as number)] as number) >>> (this.shift[f] as number)) &
      (this.mask[f] as number)
    );
  }

  /**
   * Adds `delta` to field `f` of the state at `words[offset..]`: the caller guarantees the result
   * stays within the field's width (the bounds above), so no other field is touched.
   */
  add(words: Uint32Array, offset: number, f: number, delta: number): void {
    const i = offset + (this.word[f] as number);
    words[i] = (words[i] as number) + delta * (this.unit[f] as number);
  }
}

/** Bits needed to hold every value 0..max. */
function bitsFor(max: number): number {
  return 32 - Math.clz32(max);
}
