/**
 * The hot loop's successor generator, compiled for one configuration. `Transitions` interprets the
 * layout (field positions read from typed arrays at every access); here the same rules are
 * written out as straight-line JavaScript in which every field position, width, process and
 * channel is a constant, and compiled once per run with `new Function` — so unpacking a state is a
 * few shifts and masks on locals, and a successor is its parent's words plus constant or
 * once-computed deltas. This is what makes the engine run at compiled-checker speed; the
 * generated source is built only from numbers of the layout and topology, never from user text.
 *
 * The steps come in exactly `Transitions`' order (the generic model's), which the tests check
 * state by state, so step indices from here rebuild paths through `Transitions`.
 */
import type { Layout } from "./layout.js";
import { ActionIds } from "./partial-order.js";
import type { Transitions } from "./successors.js";

/** Receives each successor: `out` holds it when `visit(k)` is called for step index k. */
export interface SuccessorSink {
  visit(k: number): void;
}

export interface Kernel {
  /** Writes each successor of the state at `src[offset..]` to `out[0..]` and calls `sink.visit`; returns the count. */
  readonly expand: (src: Uint32Array, offset: number, out: Uint32Array, sink: SuccessorSink) => number;
  /** The number of enabled steps of the state at `src[offset..]`. */
  readonly enabled: (src: Uint32Array, offset: number) => number;
  /**
   * `expand` restricted to the steps whose action is marked in `chosen` (action ids: see
   * partial-order.ts). Step indices stay those of the full list; returns the successors visited.
   */
  readonly expandSome: (
    src: Uint32Array,
    offset: number,
    out: Uint32Array,
    sink: SuccessorSink,
    chosen: Uint8Array,
  ) => number;
  /**
   * The snapshot status of the state at `src[offset..]`: bit 0 complete (every process recorded,
   * every channel closed), bit 1 initiated (some process recorded), bits 2.. the money in S*.
   */
  readonly status: (src: Uint32Array, offset: number) => number;
}

/** Compiles the kernel of the configuration `t` was built for. */
export function compileKernel(t: Transitions): Kernel {
  const source = new KernelSource(t);
  const make = (params: string, body: string) => new Function(...params.split(","), body) as unknown;
  return {
    expand: make("src,off,out,sink", source.expand()) as Kernel["expand"],
    enabled: make("src,off", source.enabled()) as Kernel["enabled"],
    expandSome: make("src,off,out,sink,chosen", source.expand(true)) as Kernel["expandSome"],
    status: make("src,off", source.status()) as Kernel["status"],
  };
}

/** Writes the kernel's source. Names: b<p> balance, r<p> recorded, x<c> closed, n<c> count, q<c> queue, m<c> marker. */
class KernelSource {
  private readonly L: Layout;
  private readonly fifo: boolean;
  private readonly n: number;
  private readonly c: number;
  private readonly initiators: readonly number[];

  constructor(private readonly t: Transitions) {
    this.L = t.layout;
    this.initiators = [...new Set(t.model.initiators)].sort((a, b) => a - b);
    this.fifo = t.model.channels === "fifo";
    this.n = t.model.topology.processes;
    this.c = t.model.topology.channels.length;
  }

  /** `const` declarations unpacking every field of the state at src[off..]. */
  private unpack(): string {
    const L = this.L;
    const lines: string[] = [];
    for (let i = 0; i < L.words; i++) lines.push(`const w${i} = src[off + ${i}];`);
    const field = (name: string, f: number | undefined) => {
      if (f === undefined) throw new RangeError(`kernel: no field for ${name}`);
      lines.push(`const ${name} = (w${L.word[f]} >>> ${L.shift[f]}) & ${L.mask[f]};`);
    };
    for (let p = 0; p < this.n; p++) {
      field(`b${p}`, L.balance[p]);
      field(`r${p}`, L.recorded[p]);
    }
    for (let c = 0; c < this.c; c++) {
      field(`x${c}`, L.closed[c]);
      field(`n${c}`, L.count[c]);
      field(`q${c}`, L.queue[c]);
      if (!this.fifo) field(`m${c}`, L.marker[c]);
    }
    return lines.join("\n");
  }

  private unit(f: number | undefined): number {
    return this.L.unit[f ?? 0] ?? 0;
  }

  private word(f: number | undefined): number {
    return this.L.word[f ?? 0] ?? 0;
  }

  /** Statements adding to word local `y<word>` the change of putting `message` (0 T, 1 M) on channel c. */
  private push(c: number, message: number): string {
    const L = this.L;
    if (!this.fifo) {
      const f = message === 1 ? L.marker[c] : L.queue[c];
      return `y${this.word(f)} += ${this.unit(f)};`;
    }
    // Sentinel encoding: the sentinel bit at the queue's length moves up one, the message takes its place.
    const f = L.queue[c];
    return `y${this.word(f)} += ${1 + message} * (1 << (31 - Math.clz32(q${c}))) * ${this.unit(f)};`;
  }

  /** Statements taking `message` (0 T, 1 M) off channel c (under fifo: its head). */
  private take(c: number, message: number): string {
    const L = this.L;
    if (!this.fifo) {
      const f = message === 1 ? L.marker[c] : L.queue[c];
      return `y${this.word(f)} -= ${this.unit(f)};`;
    }
    const f = L.queue[c];
    return `y${this.word(f)} += ((q${c} >>> 1) - q${c}) * ${this.unit(f)};`;
  }

  /** Statements making Pp record its balance and send a marker on every channel out of it. */
  private record(p: number): string {
    const L = this.L;
    const f = L.recorded[p];
    const lines = [`y${this.word(f)} += (b${p} - ${L.notRecorded}) * ${this.unit(f)};`];
    for (const c of this.t.model.topology.outgoing[p] ?? []) lines.push(this.push(c, 1));
    return lines.join("\n");
  }

  /**
   * A block producing one successor: copy the words, apply `effect`, store, visit. With `action`
   * (in `expandSome`), only when that action is chosen; the step index counts either way.
   */
  private step(effect: string, action?: number): string {
    const L = this.L;
    const copy = Array.from({ length: L.words }, (_, i) => `let y${i} = w${i};`).join(" ");
    const store = Array.from({ length: L.words }, (_, i) => `out[${i}] = y${i};`).join(" ");
    const block = `{ ${copy}\n${effect}\n${store}\nsink.visit(k++); }`;
    if (action === undefined) return block;
    return `{ if (chosen[${action}] === 1) { visited++; ${block} } else k++; }`;
  }

  /** The whole successor list, or with `some` only the steps of the actions `chosen`. */
  expand(some = false): string {
    const L = this.L;
    const { topology } = this.t.model;
    const id = (action: number) => (some ? action : undefined);
    const ids = new ActionIds(this.n, this.c);
    const parts = [this.unpack(), "let k = 0;", "let visited = 0;"];
    for (const p of this.initiators) {
      parts.push(`if (r${p} === ${L.notRecorded}) ${this.step(this.record(p), id(ids.initiate(p)))}`);
    }
    for (let p = 0; p < this.n; p++) {
      const sends = (topology.outgoing[p] ?? []).map((c) => {
        const f = L.balance[p];
        return this.step(`y${this.word(f)} -= ${this.unit(f)};\n${this.push(c, 0)}`, id(ids.send(c)));
      });
      if (sends.length > 0) parts.push(`if (b${p} >= 1) {\n${sends.join("\n")}\n}`);
    }
    topology.channels.forEach(({ to: j }, c) => {
      const closed = L.closed[c];
      const transfer = this.step(
        [
          this.take(c, 0),
          `y${this.word(L.balance[j])} += ${this.unit(L.balance[j])};`,
          `if (r${j} !== ${L.notRecorded} && x${c} === 0) y${this.word(L.count[c])} += ${this.unit(L.count[c])};`,
        ].join("\n"),
        id(this.fifo ? ids.deliver(c) : ids.deliverTransfer(c)),
      );
      const marker = this.step(
        [
          this.take(c, 1),
          `y${this.word(closed)} += ${this.unit(closed)};`,
          `if (r${j} === ${L.notRecorded}) {\n${this.record(j)}\n}`,
        ].join("\n"),
        id(ids.deliver(c)),
      );
      if (this.fifo) parts.push(`if (q${c} > 1) {\nif ((q${c} & 1) === 1) ${marker}\nelse ${transfer}\n}`);
      else parts.push(`if (m${c} === 1) ${marker}\nif (q${c} > 0) ${transfer}`);
    });
    parts.push(some ? "return visited;" : "return k;");
    return parts.join("\n");
  }

  enabled(): string {
    const L = this.L;
    const { topology } = this.t.model;
    const terms = ["0"];
    for (const p of this.initiators) terms.push(`(r${p} === ${L.notRecorded} ? 1 : 0)`);
    for (let p = 0; p < this.n; p++) {
      const out = topology.outgoing[p]?.length ?? 0;
      if (out > 0) terms.push(`(b${p} >= 1 ? ${out} : 0)`);
    }
    for (let c = 0; c < this.c; c++) {
      terms.push(this.fifo ? `(q${c} > 1 ? 1 : 0)` : `m${c} + (q${c} > 0 ? 1 : 0)`);
    }
    return `${this.unpack()}\nreturn ${terms.join(" + ")};`;
  }

  status(): string {
    const L = this.L;
    const recorded = Array.from({ length: this.n }, (_, p) => `(r${p} !== ${L.notRecorded} ? 1 : 0)`);
    const money = Array.from({ length: this.n }, (_, p) => `(r${p} !== ${L.notRecorded} ? r${p} : 0)`);
    for (let c = 0; c < this.c; c++) money.push(`n${c}`);
    const closed = Array.from({ length: this.c }, (_, c) => `x${c}`);
    return [
      this.unpack(),
      `const recorded = 0 + ${recorded.join(" + ")};`,
      `const closed = 0 + ${closed.join(" + ") || "0"};`,
      `const money = 0 + ${money.join(" + ")};`,
      `return (recorded === ${this.n} && closed === ${this.c} ? 1 : 0) | (recorded > 0 ? 2 : 0) | (money << 2);`,
    ].join("\n");
  }
}
