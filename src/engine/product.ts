/**
 * The monitors' half of the product the search explores. Each safety monitor's state is interned to
 * a word, and the tuple of every monitor's word to one combination id, so a search node is a model
 * state and a combination. A monitor whose property already has its shortest violation is retired
 * (one word meaning "judges nothing more"), so the search stops telling apart runs that differ only
 * for it. When every monitor is event-driven (Monitor.eventDriven), a step that neither starts nor
 * completes a snapshot instance leads a combination to the same place for the same event list, so
 * the product advances it once per (combination, event list) and reuses that: most steps cost one
 * lookup, whatever the monitors. Both stores — exact and hashed — advance monitors through this one
 * class, on the same packed observation of each step.
 */
import { Interner } from "../model/intern.js";
import type { GlobalState } from "../model/types.js";
import type { PackedObservation } from "./observation.js";
import { PairMap } from "./pair-map.js";
import type { Monitor, MonitorOutcome, ObservedStep } from "./property.js";
import { WordIds } from "./word-ids.js";

/** The monitor word of a retired monitor (its property already has its shortest violation). */
export const RETIRED = -1;

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
  private readonly interners: readonly Interner<unknown>[];
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
  private readonly eventDriven: boolean;
  /** One-element lists of combinations, by id: what a step leads to, almost always. */
  private readonly single: (readonly number[])[] = [];
  private readonly tuple: Uint32Array;
  private readonly nextWords: number[];
  /** The violations of the last step advanced over. */
  violations: readonly MonitorViolation[] = NO_VIOLATIONS;

  constructor(readonly monitors: readonly Monitor<unknown>[]) {
    this.interners = monitors.map((monitor) => new Interner<unknown>((s) => monitor.key(s)));
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
        (this.interners[j] as Interner<unknown>).intern(monitor.initial(state)),
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

  /** Every monitor of combination `from` advanced over `observed` (violations in `violations`). */
  private advanced(from: number, observed: ObservedStep): readonly number[] {
    const words = this.words(from);
    const next = this.nextWords;
    let violations: MonitorViolation[] | undefined;
    // One outcome per monitor, almost always: the next words, without a list of choices.
    for (let j = 0; j < words.length; j++) {
      const word = words[j] as number;
      if (word === RETIRED) {
        next[j] = RETIRED;
        continue;
      }
      const interner = this.interners[j] as Interner<unknown>;
      const current = interner.value(word);
      const outcomes = (this.monitors[j] as Monitor<unknown>).advance(current, observed);
      if (outcomes.length !== 1) return this.branching(words, observed);
      const outcome = outcomes[0] as MonitorOutcome<unknown>;
      if (outcome.ok) next[j] = outcome.monitor === current ? word : interner.intern(outcome.monitor);
      else {
        violations ??= [];
        violations.push({ monitor: j, reason: outcome.reason });
        next[j] = RETIRED;
      }
    }
    this.violations = violations ?? NO_VIOLATIONS;
    return this.singleOf(this.combinationOf(next));
  }

  /** `advanced` where some monitor has several outcomes: every way of picking one per monitor. */
  private branching(words: readonly number[], observed: ObservedStep): readonly number[] {
    const violations: MonitorViolation[] = [];
    let choices: number[][] = [[]];
    this.monitors.forEach((monitor, j) => {
      const word = words[j] as number;
      if (word === RETIRED) {
        for (const choice of choices) choice.push(RETIRED);
        return;
      }
      const interner = this.interners[j] as Interner<unknown>;
      const current = interner.value(word);
      const next = monitor.advance(current, observed).map((outcome: MonitorOutcome<unknown>) => {
        if (!outcome.ok) {
          violations.push({ monitor: j, reason: outcome.reason });
          return RETIRED;
        }
        return outcome.monitor === current ? word : interner.intern(outcome.monitor);
      });
      choices = choices.flatMap((choice) => next.map((w) => [...choice, w]));
    });
    this.violations = violations;
    return [...new Set(choices.map((choice) => this.combinationOf(choice)))];
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
