/**
 * The models the compact engine can check, and the options of a run. The engine implements one
 * model only — the reference model of semantics.md: workload `bank`, Chandy–Lamport with one
 * snapshot, `fifo` or `nonfifo` channels without faults, any topology — because knowing the model
 * is what lets it pack a state into a few machine words. `engineModelOf` reads that model out of a
 * generic `Model` and refuses, with a ConfigError, anything else (the packed engine handles it).
 */
import { chandyLamport } from "../algorithms/chandy-lamport.js";
import { ConfigError } from "../errors.js";
import { fifo } from "../model/channels/fifo.js";
import { nonfifo } from "../model/channels/nonfifo.js";
import type { Model } from "../model/model.js";
import type { Topology } from "../model/topology.js";
import { bank } from "../workloads/bank.js";

/** The reference model, as the engine needs it. */
export interface EngineModel {
  readonly topology: Topology;
  readonly channels: "fifo" | "nonfifo";
  /** Initial balance of each process. */
  readonly balances: readonly number[];
  /** The processes that may initiate the snapshot. */
  readonly initiators: readonly number[];
}

/**
 * How visited states are remembered: `exact` stores every packed state (no state is ever missed,
 * counterexample paths can be rebuilt); `fingerprint` stores a 64-bit hash per state (like TLC: a
 * collision can hide a state, with the probability reported); `bitstate` sets k bits per state in a
 * fixed bit array (like SPIN's supertrace: fits any space, misses states as the array fills).
 */
export type EngineMode = "exact" | "fingerprint" | "bitstate";

/** Figures of a running search, reported about once a second. */
export interface EngineProgress {
  readonly states: number;
  readonly statesPerSecond: number;
  /** States found but not yet expanded. */
  readonly queue: number;
  readonly depth: number;
  /** Bytes held by the engine's typed arrays plus the JS heap in use. */
  readonly memoryBytes: number;
  readonly seconds: number;
}

export interface EngineOptions {
  readonly mode?: EngineMode | undefined;
  /** Keep only states whose shortest distance from the initial state is at most this (required under nonfifo). */
  readonly maxDepth?: number | undefined;
  /** Stop storing new states once this many are stored (the queued ones are still expanded). */
  readonly maxStates?: number | undefined;
  /**
   * Stop cleanly, with partial statistics, rather than let the engine's tables plus the JS heap
   * exceed this many bytes (default: 80% of the machine's memory).
   */
  readonly maxMemoryBytes?: number | undefined;
  /** Bitstate mode: the bit array holds 2^bitstateLog2Bits bits (SPIN's -w; 10–32, default 28 = 32 MiB). */
  readonly bitstateLog2Bits?: number | undefined;
  /** Bitstate mode: bits set per state (SPIN's -k; 1–8, default 3). */
  readonly bitstateHashes?: number | undefined;
  /**
   * Explore one state per orbit under the permutations of interchangeable processes (see
   * symmetry.ts): the counts stay those of the full space, verdicts and shortest lengths stay.
   * Default false.
   */
  readonly symmetry?: boolean | undefined;
  /**
   * Partial-order reduction (partial-order.ts): expand a persistent set of steps where one exists.
   * Verdicts stay; counts become those of the reduced search, and a counterexample may be longer
   * than the shortest. Default false.
   */
  readonly partialOrder?: boolean | undefined;
  /** Presize the tables for this many states (avoids rehashing on big runs). */
  readonly expectedStates?: number | undefined;
  /** Called about once a second (see progressIntervalMs) while the search runs. */
  readonly progress?: ((report: EngineProgress) => void) | undefined;
  /** Milliseconds between progress reports (default 1000). */
  readonly progressIntervalMs?: number | undefined;
}

/** The reference model inside `model`, or a ConfigError naming what the engine cannot check. */
export function engineModelOf(model: Model): EngineModel {
  const { spec } = model;
  if (spec.workload !== bank)
    throw new ConfigError("workload", `the compact engine checks bank only, got ${spec.workload.name}`);
  if (spec.algorithm !== chandyLamport) {
    throw new ConfigError(
      "algorithm",
      `the compact engine checks chandy-lamport only, got ${spec.algorithm.name}`,
    );
  }
  if (model.instances !== 1 || spec.script !== undefined) {
    throw new ConfigError(
      spec.script !== undefined ? "script" : "instances",
      "the compact engine checks one free-running snapshot; use --engine generic for scripts and several instances",
    );
  }
  if (spec.faults.lossy || spec.faults.duplicating) {
    throw new ConfigError(
      "channels",
      "the compact engine checks reliable channels only (no lossy, no duplicating)",
    );
  }
  const channels = spec.discipline === fifo ? "fifo" : spec.discipline === nonfifo ? "nonfifo" : undefined;
  if (channels === undefined) {
    throw new ConfigError(
      "channels",
      `the compact engine checks fifo or nonfifo, got ${spec.discipline.name}`,
    );
  }
  return {
    topology: spec.topology,
    channels,
    balances: model.initial.procs.map((s) => s[0] ?? 0),
    initiators: [...new Set(spec.initiators)].sort((a, b) => a - b),
  };
}
