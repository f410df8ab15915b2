/**
 * Public fast-check arbitraries for property tests of snapshot algorithms: configurations (how
 * many processes, which channels link them, balances, channel discipline, initiators) and
 * schedules (a run's choices, read modulo the enabled steps). Values are plain data, so
 * fast-check prints a failing one readably and shrinks it towards fewer processes, fewer channels
 * and less money.
 */
import fc from "fast-check";
import type { SnapcheckConfig } from "../config.js";
import { DEFAULT_MAX_STEPS } from "./simulate.js";
import { choices } from "./strategies/uniform.js";

/** What to build: a configuration without what to check and without explore's search limits. */
export type SystemConfig = Omit<SnapcheckConfig, "properties" | "maxStates" | "maxDepth" | "maxMemoryMiB">;

export interface ConfigurationOptions {
  /** Fewest and most processes (defaults 2 and 4; snapcheck models 2 to 12). */
  readonly minProcesses?: number;
  readonly maxProcesses?: number;
  /** "complete" (the lecture's model), or "any": a ring through every process plus random further channels (default). */
  readonly topologies?: "complete" | "any";
  /** The largest balance of one process (default 2). */
  readonly maxBalance?: number;
  /** Channel settings to draw from, e.g. ["fifo"] (default) or ["nonfifo", "nonfifo,lossy"]. */
  readonly channels?: readonly string[];
  /** Initiators: P0 alone (default), or any non-empty set of processes. */
  readonly initiators?: "first" | "any";
  readonly workload?: string;
  readonly algorithm?: string;
}

/**
 * Configurations in which every initiator's markers can reach every process. Drawn for the most
 * processes and cut down to the number drawn, rather than chained on it, so that fast-check shrinks
 * the number of processes as readily as anything else.
 */
export function configurations(options: ConfigurationOptions = {}): fc.Arbitrary<SystemConfig> {
  const { minProcesses = 2, maxProcesses = 4, maxBalance = 2 } = options;
  const everyone = Array.from({ length: maxProcesses }, (_, p) => p);
  const pairs = everyone.flatMap((from) =>
    everyone.flatMap((to) => (from === to ? [] : [[from, to] as const])),
  );
  const initiators: fc.Arbitrary<number[]> =
    options.initiators === "any" ? fc.subarray(everyone, { minLength: 1 }) : fc.constant([0]);
  return fc
    .record({
      processes: fc.integer({ min: minProcesses, max: maxProcesses }),
      chords: options.topologies === "complete" ? fc.constant(null) : fc.subarray(pairs),
      balances: fc.array(fc.nat({ max: maxBalance }), { minLength: maxProcesses, maxLength: maxProcesses }),
      channels: fc.constantFrom(...(options.channels ?? ["fifo"])),
      initiators,
    })
    .map(({ processes, chords, balances, channels, initiators }) => {
      const within = initiators.filter((p) => p < processes);
      return {
        processes,
        topology: chords === null ? ("complete" as const) : ringWith(processes, chords),
        balances: balances.slice(0, processes),
        channels,
        initiators: within.length > 0 ? within : [0],
        workload: options.workload ?? "bank",
        algorithm: options.algorithm ?? "chandy-lamport",
      };
    });
}

/** Schedules of at most `maxSteps` steps: choices read modulo the number of enabled steps. */
export function schedules(maxSteps = DEFAULT_MAX_STEPS): fc.Arbitrary<number[]> {
  return choices(maxSteps);
}

/** The links of the ring 0 → 1 → … → 0 (strongly connected) and of the chords among the processes, sorted. */
function ringWith(processes: number, chords: readonly (readonly [number, number])[]): [number, number][] {
  const links = new Map<string, [number, number]>();
  for (let p = 0; p < processes; p++) links.set(`${p}-${(p + 1) % processes}`, [p, (p + 1) % processes]);
  for (const [from, to] of chords)
    if (from < processes && to < processes) links.set(`${from}-${to}`, [from, to]);
  return [...links.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}
