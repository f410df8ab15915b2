/**
 * The memory budget of a run. The engine's big tables are typed arrays, which live outside the V8
 * heap (the heap limit does not cover them), so the engine counts their bytes itself and asks the
 * budget before every allocation: the tables it holds, plus the new one, plus the JS heap in use,
 * must stay within the limit — and so must the process's resident size where the platform tells it
 * (Node's RSS also holds the code, the stacks and the heap's slack, which `--max-memory` covers
 * too). A refused allocation (or one the system refuses) is reported to the
 * search, which stops cleanly with "max-memory" and partial statistics instead of crashing.
 */
import { totalmem } from "node:os";
import { getHeapStatistics } from "node:v8";

/** A typed array constructor (Uint32Array, Int32Array, …). */
export interface TypedArrayClass<T> {
  new (length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

export class MemoryBudget {
  /** Bytes of typed arrays the engine holds now. */
  held = 0;
  /** The most `held` has been. */
  peak = 0;

  constructor(
    readonly limit: number = Math.floor(0.8 * totalmem()),
    /** Count the process's resident size too (not in a worker thread: the RSS is the whole process's). */
    private readonly countsResident = true,
  ) {}

  /** Allocates a typed array of `length` elements if the budget allows it, else returns undefined. */
  allocate<T>(make: TypedArrayClass<T>, length: number): T | undefined {
    const bytes = length * make.BYTES_PER_ELEMENT;
    if (this.inUse() + bytes > this.limit) return undefined;
    let array: T;
    try {
      array = new make(length);
    } catch {
      // The system refused (RangeError: Array buffer allocation failed): over budget all the same.
      return undefined;
    }
    this.held += bytes;
    this.peak = Math.max(this.peak, this.held);
    return array;
  }

  /** Gives back the bytes of an array the engine dropped. */
  release(array: { readonly byteLength: number }): void {
    this.held -= array.byteLength;
  }

  /** The engine's typed arrays plus the JS heap in use, or the resident size if larger, in bytes. */
  inUse(): number {
    const own = this.held + getHeapStatistics().used_heap_size;
    return this.countsResident ? Math.max(own, residentBytes()) : own;
  }
}

/** Thrown by a table that needs memory the budget refuses; the search catches it and stops cleanly. */
export class OutOfMemoryBudget extends Error {
  constructor(what: string) {
    super(`memory budget: no room to grow ${what}`);
    this.name = "OutOfMemoryBudget";
  }
}

/** Allocates through `budget`, throwing OutOfMemoryBudget (naming `what`) when it refuses. */
export function allocateOrStop<T>(
  budget: MemoryBudget,
  make: TypedArrayClass<T>,
  length: number,
  what: string,
): T {
  const array = budget.allocate(make, length);
  if (array === undefined) throw new OutOfMemoryBudget(what);
  return array;
}

/** The process's resident set size, where the platform reports one (Node), else 0 (a browser). */
function residentBytes(): number {
  return typeof process === "undefined" || typeof process.memoryUsage?.rss !== "function"
    ? 0
    : process.memoryUsage.rss();
}
