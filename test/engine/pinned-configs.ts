/** Bank configurations whose figures the engine must keep, in every store and under symmetry. */
import type { TestConfig } from "../support/models.js";

export interface EngineCase {
  readonly name: string;
  readonly config: TestConfig;
  readonly maxDepth?: number;
  /** For a case without a depth bound: a few times its state count, so a blown-up space fails at once. */
  readonly maxStates?: number;
}

/** Statistics the packed engine gives (its fields, minus timings). */
export interface GenericStats {
  readonly distinctStates: number;
  readonly transitions: number;
  readonly maxDepth: number;
  readonly completeSnapshots: number;
  readonly deadlocks: number;
  readonly stop: string;
}

/**
 * Two units of money on three processes, however they start: before P0 initiates, the money moves
 * freely, so 1,1,0 and 2,0,0 reach one another and have one space.
 */
const twoUnitsOnThree: GenericStats = {
  distinctStates: 45075,
  transitions: 178295,
  maxDepth: 24,
  completeSnapshots: 1890,
  deadlocks: 0,
  stop: "exhausted",
};

/**
 * Configurations on which the packed engine takes seconds: its figures, printed by
 * `check(modelOf(config), [], { limits: {} }).stats` on 2026-11-27, pinned so the suite stays fast.
 */
export const pinnedCases: readonly (EngineCase & { readonly generic: GenericStats })[] = [
  {
    name: "fifo 5,5",
    config: { balances: [5, 5] },
    generic: {
      distinctStates: 58201,
      transitions: 183370,
      maxDepth: 63,
      completeSnapshots: 18876,
      deadlocks: 0,
      stop: "exhausted",
    },
  },
  { name: "fifo 1,1,0", config: { balances: [1, 1, 0] }, generic: twoUnitsOnThree },
  { name: "fifo 2,0,0", config: { balances: [2, 0, 0] }, generic: twoUnitsOnThree },
];

const ring: [number, number][] = [
  [0, 1],
  [1, 2],
  [2, 0],
];
const line: [number, number][] = [
  [0, 1],
  [1, 0],
  [1, 2],
  [2, 1],
];
const star: [number, number][] = [
  [0, 1],
  [1, 0],
  [0, 2],
  [2, 0],
];

export const engineCases: readonly EngineCase[] = [
  { name: "fifo 0,0", config: { balances: [0, 0] }, maxStates: 116 },
  { name: "fifo 1,1", config: { balances: [1, 1] }, maxStates: 720 },
  { name: "fifo 2,1", config: { balances: [2, 1] }, maxStates: 2128 },
  { name: "fifo 1,1 initiator P1", config: { balances: [1, 1], initiators: [1] }, maxStates: 720 },
  { name: "fifo 1,1 all initiators", config: { balances: [1, 1], initiators: [0, 1] }, maxStates: 1608 },
  {
    name: "fifo 1,0,0 all initiators",
    config: { balances: [1, 0, 0], initiators: [0, 1, 2] },
    maxStates: 18_244,
  },
  { name: "fifo 1,1,0 ring", config: { balances: [1, 1, 0], links: ring }, maxStates: 2172 },
  {
    name: "fifo 1,1,1 ring, all initiators",
    config: { balances: [1, 1, 1], links: ring, initiators: [0, 1, 2] },
    maxStates: 61_320,
  },
  { name: "fifo 1,0,1 line", config: { balances: [1, 0, 1], links: line }, maxStates: 7916 },
  { name: "fifo 1,1,1 star", config: { balances: [1, 1, 1], links: star }, maxStates: 64_212 },
  { name: "fifo 0,0 one link", config: { balances: [0, 0], links: [[1, 0]] }, maxStates: 108 },
  { name: "nonfifo 1,1 depth 8", config: { balances: [1, 1], channels: "nonfifo" }, maxDepth: 8 },
  { name: "nonfifo 1,1 depth 12", config: { balances: [1, 1], channels: "nonfifo" }, maxDepth: 12 },
  { name: "nonfifo 2,0 depth 9", config: { balances: [2, 0], channels: "nonfifo" }, maxDepth: 9 },
  { name: "nonfifo 1,1,0 depth 8", config: { balances: [1, 1, 0], channels: "nonfifo" }, maxDepth: 8 },
  {
    name: "nonfifo 1,1,0 ring depth 10",
    config: { balances: [1, 1, 0], channels: "nonfifo", links: ring },
    maxDepth: 10,
  },
  {
    name: "nonfifo 1,1 all initiators depth 10",
    config: { balances: [1, 1], channels: "nonfifo", initiators: [0, 1] },
    maxDepth: 10,
  },
  { name: "fifo 1,1,0 depth 9", config: { balances: [1, 1, 0] }, maxDepth: 9 },
];

/** The README's verdict table (states, transitions, depth of the packed engine), for bigger runs. */
export const readmeCases: readonly (EngineCase & {
  readonly figures: { distinctStates: number; transitions: number; maxDepth: number };
})[] = [
  {
    name: "fifo 1,1,1",
    config: { balances: [1, 1, 1] },
    figures: { distinctStates: 538855, transitions: 2492275, maxDepth: 31 },
  },
  {
    name: "nonfifo 1,1,1 depth 10",
    config: { balances: [1, 1, 1], channels: "nonfifo" },
    maxDepth: 10,
    figures: { distinctStates: 126714, transitions: 403961, maxDepth: 10 },
  },
];
