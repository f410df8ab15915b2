/**
 * The monitors' half of the product the search explores. Each safety monitor's state is named by a
 * word — the monitor's own number for it (Monitor.numbering), or an id interned by its key — and
 * the tuple of every monitor's word by one combination id, so a search node is a model state and a
 * combination. A monitor whose property already has its shortest violation is retired
 * (one word meaning "judges nothing more"), so the search stops telling apart runs that differ only
 * for it. When every monitor is event-driven (Monitor.eventDriven), a step that neither starts nor
 * completes a snapshot instance leads a combination to the same place for the same event list, so
 * the product advances it once per (combination, event list) and reuses that: most steps cost one
 * lookup, whatever the monitors. Both stores — exact and hashed — advance monitors through this one
 * class, on the same packed observation of each step.
 */
import { Interner } from "../model/intern.js";
import type { GlobalState } from "../model/types.js";
import { clear } from "./clear.js";
import type { PackedObservation } from "./observation.js";
import { PairMap } from "./pair-map.js";
import type { Monitor, MonitorNumbering, MonitorOutcome, ObservedStep } from "./property.js";
import { WordIds } from "./word-ids.js";

/** The monitor word of a retired monitor (its property already has its shortest violation). */
export const RETIRED = -1;

/** The next combinations of a search without monitors: one, unused. */
export const NO_MONITORS: readonly number[] = [0];

/** A violation of one monitor on one step: which monitor, and why. */
export interface MonitorViolation {
  readonly monitor: number;
  readonly reason: string;
}

/** Where a step leads a combination: the combinations (one, almost always) and the violations. */
interface Advance {
  readonly next: readonly number[];
  readonly violations: readonly MonitorViolation[];
}

export class MonitorProduct {
  /** How each monitor's states are named by words: its own numbering, or interned by key. */
  private readonly names: readonly MonitorNumbering<unknown>[];
  /** The combinations met, as tuples of monitor words plus one, and each one's words, by id. */
  private readonly combinationIds: WordIds;
  private readonly combinationWords: (readonly number[])[] = [];
  /**
   * When every monitor is event-driven: where a list of events leads a combination, by the pair
   * (combination, id of the list of events) — the one combination it leads to, or, for a step with
   * several or with violations, −2 − its index in `advances`.
   */
  private readonly byPair = new PairMap();
  private readonly advances: Advance[] = [];
  /** Whether combination a covers combination b (see `covers`), by the pair: 1 or 0. */
  private readonly covering = new PairMap();
  private readonly eventDriven: boolean;
  /** One-element lists of combinations, by id: what a step leads to, almost always. */
  private readonly single: (readonly number[])[] = [];
  private readonly tuple: Uint32Array;
  private readonly nextWords: number[];
  /** The violations met while advancing one step (copied out when there are any). */
  private readonly found: MonitorViolation[] = [];
  /** The violations of the last step advanced over. */
  violations: readonly MonitorViolation[] = NO_VIOLATIONS;

  constructor(readonly monitors: readonly Monitor<unknown>[]) {
    this.names = monitors.map((monitor) => monitor.numbering ?? internedByKey(monitor));
    this.eventDriven = monitors.every((monitor) => monitor.eventDriven === true);
    this.combinationIds = new WordIds(monitors.length);
    this.tuple = new Uint32Array(monitors.length);
    this.nextWords = monitors.map(() => RETIRED);
  }

  get size(): number {
    return this.monitors.length;
  }

  /** A number above every combination id met so far. */
  get bound(): number {
    return this.combinationIds.size;
  }

  /** The combination of every monitor's initial state in `state`. */
  initial(state: GlobalState): number {
    return this.combinationOf(
      this.monitors.map((monitor, j) =>
        (this.names[j] as MonitorNumbering<unknown>).number(monitor.initial(state)),
      ),
    );
  }

  /** The monitor words of combination `id` (RETIRED for a retired monitor). */
  words(id: number): readonly number[] {
    const words = this.combinationWords[id];
    if (words === undefined) throw new RangeError(`no combination ${id}`);
    return words;
  }

  /**
   * Advances every monitor of combination `from` over `observed`, and returns every combination the
   * monitors may be in after it — one, almost always; several when the step is ambiguous to a
   * monitor — with the violations of the step in `violations`. A retired monitor stays RETIRED, and
   * so does one the step violates.
   */
  advance(from: number, observed: PackedObservation): readonly number[] {
    if (!this.eventDriven || observed.startsOrEnds()) return this.advanced(from, observed);
    let known = this.byPair.get(from, observed.eventsId);
    if (known === -1) {
      const next = this.advanced(from, observed);
      if (next.length === 1 && this.violations.length === 0) known = next[0] as number;
      else known = -2 - (this.advances.push({ next, violations: this.violations }) - 1);
      this.byPair.set(from, observed.eventsId, known);
    }
    if (known >= 0) {
      this.violations = NO_VIOLATIONS;
      return this.singleOf(known);
    }
    const advance = this.advances[-2 - known] as Advance;
    this.violations = advance.violations;
    return advance.next;
  }

  /**
   * Does combination `stronger` cover combination `weaker`: does each monitor's state in it find
   * every violation the one in `weaker` finds (Monitor.covers)? A retired state finds none, so
   * any state covers it; it covers only itself, since a search told of every violation
   * (`snapshots`) still wants those the weaker state would find.
   */
  covers(stronger: number, weaker: number): boolean {
    let known = this.covering.get(stronger, weaker);
    if (known === -1) {
      known = this.eachCovers(this.words(stronger), this.words(weaker)) ? 1 : 0;
      this.covering.set(stronger, weaker, known);
    }
    return known === 1;
  }

  private eachCovers(stronger: readonly number[], weaker: readonly number[]): boolean {
    for (let j = 0; j < stronger.length; j++) {
      const s = stronger[j] as number;
      const w = weaker[j] as number;
      if (s === w || w === RETIRED) continue;
      if (s === RETIRED) return false;
      const monitor = this.monitors[j] as Monitor<unknown>;
      const names = this.names[j] as MonitorNumbering<unknown>;
      if (monitor.covers?.(names.state(s), names.state(w)) !== true) return false;
    }
    return true;
  }

  /**
   * Every monitor of combination `from` advanced over `observed` (violations in `violations`): one
   * outcome per monitor almost always, which makes one combination without a list of choices.
   */
  private advanced(from: number, observed: ObservedStep): readonly number[] {
    const words = this.words(from);
    const next = this.nextWords;
    const violations = this.found;
    clear(violations);
    /** Per monitor with several outcomes: the word of each. */
    let several: (readonly number[] | undefined)[] | undefined;
    for (let j = 0; j < words.length; j++) {
      const word = words[j] as number;
      if (word === RETIRED) {
        next[j] = RETIRED;
        continue;
      }
      const current = (this.names[j] as MonitorNumbering<unknown>).state(word);
      const outcomes = (this.monitors[j] as Monitor<unknown>).advance(current, observed);
      if (outcomes.length === 1)
        next[j] = this.wordAfter(j, word, current, outcomes[0] as MonitorOutcome<unknown>, violations);
      else {
        const after: number[] = [];
        for (const outcome of outcomes) after.push(this.wordAfter(j, word, current, outcome, violations));
        several ??= [];
        several[j] = after;
      }
    }
    this.violations = violations.length === 0 ? NO_VIOLATIONS : [...violations];
    if (several === undefined) return this.singleOf(this.combinationOf(next));
    // Every way of picking one word per monitor.
    let choices: number[][] = [[]];
    for (let j = 0; j < words.length; j++) {
      const options = several[j] ?? [next[j] as number];
      choices = choices.flatMap((choice) => options.map((w) => [...choice, w]));
    }
    return [...new Set(choices.map((choice) => this.combinationOf(choice)))];
  }

  /** Monitor j's word after `outcome` from `word` (whose state is `current`); a violation retires it. */
  private wordAfter(
    j: number,
    word: number,
    current: unknown,
    outcome: MonitorOutcome<unknown>,
    violations: MonitorViolation[],
  ): number {
    if (outcome.ok)
      return outcome.monitor === current
        ? word
        : (this.names[j] as MonitorNumbering<unknown>).number(outcome.monitor);
    violations.push({ monitor: j, reason: outcome.reason });
    return RETIRED;
  }

  /** The id of the combination of monitor words `words`. */
  private combinationOf(words: readonly number[]): number {
    for (let j = 0; j < words.length; j++) this.tuple[j] = (words[j] as number) + 1;
    const id = this.combinationIds.id(this.tuple);
    if (this.combinationIds.added) this.combinationWords.push(words.slice());
    return id;
  }

  private singleOf(id: number): readonly number[] {
    let single = this.single[id];
    if (single === undefined) {
      single = [id];
      this.single[id] = single;
    }
    return single;
  }
}

const NO_VIOLATIONS: readonly MonitorViolation[] = [];

/** A monitor's states numbered by interning them by key (Monitor.key). */
function internedByKey(monitor: Monitor<unknown>): MonitorNumbering<unknown> {
  const interner = new Interner<unknown>((s) => monitor.key(s));
  return { number: (s) => interner.intern(s), state: (n) => interner.value(n) };
}
