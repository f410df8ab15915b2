/**
 * The monitors' half of the product the search explores: each safety monitor's state is interned
 * to one word, so a search node is the model state followed by one word per monitor; a monitor
 * whose property already has its shortest violation is retired (one word meaning "judges nothing
 * more"), so the search stops telling apart runs that differ only for it. Both stores — exact and
 * hashed — advance monitors through this one class, on the same packed observation of each step.
 */
import type { Words } from "../model/codec.js";
import { Interner } from "../model/intern.js";
import type { Model } from "../model/model.js";
import { recordedGlobalState, viewOf } from "../model/snapshot.js";
import type { GlobalState, ModelEvent, SnapshotState, Step } from "../model/types.js";
import type { Monitor, ObservedStep } from "./property.js";

/** The monitor word of a retired monitor (its property already has its shortest violation). */
export const RETIRED = -1;
const RETIRED_ONLY: readonly number[] = [RETIRED];

export class MonitorProduct {
  private readonly interners: readonly Interner<unknown>[];

  constructor(readonly monitors: readonly Monitor<unknown>[]) {
    this.interners = monitors.map((monitor) => new Interner<unknown>((s) => monitor.key(s)));
  }

  get size(): number {
    return this.monitors.length;
  }

  /** Writes each monitor's word for the initial state `state` to `out[offset..]`. */
  initial(state: GlobalState, out: Int32Array, offset: number): void {
    this.monitors.forEach((monitor, j) => {
      out[offset + j] = (this.interners[j] as Interner<unknown>).intern(monitor.initial(state));
    });
  }

  /**
   * Advances every monitor whose word is at `words[offset + j]` over `observed`: per monitor, the
   * words it may reach (several when the step is ambiguous to it; RETIRED where it is retired or
   * the step violates its property, of which `violated` is told).
   */
  advance(
    words: ArrayLike<number>,
    offset: number,
    observed: ObservedStep,
    violated: (monitor: number, reason: string) => void,
  ): readonly (readonly number[])[] {
    const choices: (readonly number[])[] = [];
    for (let j = 0; j < this.monitors.length; j++) {
      const word = words[offset + j] as number;
      if (word === RETIRED) {
        choices.push(RETIRED_ONLY);
        continue;
      }
      const interner = this.interners[j] as Interner<unknown>;
      const outcomes = (this.monitors[j] as Monitor<unknown>).advance(interner.value(word), observed);
      choices.push(
        outcomes.map((outcome) => {
          if (outcome.ok) return interner.intern(outcome.monitor);
          violated(j, outcome.reason);
          return RETIRED;
        }),
      );
    }
    return choices;
  }
}

/** Every way of picking one word per monitor (almost always exactly one way). */
export function combinations(choices: readonly (readonly number[])[]): (readonly number[])[] {
  if (choices.every((options) => options.length === 1))
    return [choices.map((options) => options[0] as number)];
  let result: number[][] = [[]];
  for (const options of choices) result = result.flatMap((prefix) => options.map((o) => [...prefix, o]));
  return result;
}

/**
 * The steps out of one state as monitors see them, over packed words: states are decoded only
 * when a monitor reads them, once per state, and the questions about snapshot instances are
 * answered from the words. One object serves every transition (monitors never keep it).
 */
export class PackedObservation implements ObservedStep {
  step: Step = { kind: "script", command: 0 };
  private source: Words = new Int32Array(0);
  private target: Words = new Int32Array(0);
  private fromState: GlobalState | undefined;
  private toState: GlobalState | undefined;
  private readonly recordedStates: (GlobalState | undefined)[] = [];

  constructor(
    private readonly model: Model,
    readonly events: readonly ModelEvent[],
  ) {}

  /** The next transitions leave `source`. */
  leave(source: Words): void {
    this.source = source;
    this.fromState = undefined;
  }

  /** The transition by `step` to `target` (overwritten by the next one). */
  observe(step: Step, target: Words): void {
    this.step = step;
    this.target = target;
    this.toState = undefined;
    this.recordedStates.length = 0;
  }

  get from(): GlobalState {
    this.fromState ??= this.model.codec.decode(this.source);
    return this.fromState;
  }

  get to(): GlobalState {
    this.toState ??= this.model.codec.decode(this.target);
    return this.toState;
  }

  before(k: number): SnapshotState {
    return this.model.codec.snapshotAt(this.source, 0, k);
  }

  after(k: number): SnapshotState {
    return this.model.codec.snapshotAt(this.target, 0, k);
  }

  started(k: number): boolean {
    return this.model.initiated(this.target, k);
  }

  initiates(k: number): boolean {
    return !this.model.initiated(this.source, k) && this.model.initiated(this.target, k);
  }

  recorded(k: number): GlobalState {
    let recorded = this.recordedStates[k];
    if (recorded === undefined) {
      recorded = recordedGlobalState(viewOf(this.to, k), this.model.spec.discipline);
      this.recordedStates[k] = recorded;
    }
    return recorded;
  }

  completes(k: number): boolean {
    const { codec } = this.model;
    return !codec.instanceComplete(this.source, 0, k) && codec.instanceComplete(this.target, 0, k);
  }
}
