/**
 * The compact engine on several cores: a level-synchronous breadth-first search
 * partitioned by hash over `worker_threads`. Worker w owns the states whose hash lane 1 is w modulo
 * the number of workers and keeps them in its own exact or fingerprint table (partition.ts). Each
 * round is one BFS level: every worker absorbs the states of the level that others found for it,
 * expands its share of the level with the compiled kernel, keeps the successors it owns and returns
 * the others in one outbox per owner; this coordinator waits for every worker (the barrier), then
 * moves each outbox to its owner with the next round's request — ArrayBuffers are transferred, not
 * copied. The search ends after a round in which no worker had a state to expand.
 *
 * Its statistics mean exactly the sequential engine's (explore.ts): partition.ts says why each
 * distinct state is stored once at its shortest distance and expanded once; the counters are sums
 * over workers; max depth is the last non-empty level; the stop reason is "max-depth" when a state
 * at the bound had enabled steps. Verdicts are the sequential ones with the same shortest depth:
 * the violation reported is the first found at the shallowest level (ties: the lowest worker),
 * which may be another state of that level than the sequential engine's, and comes without a path
 * (no parent links cross workers). In fingerprint mode a collision hides a state exactly as in the
 * sequential engine, with the same estimate of its probability.
 *
 * With symmetry, each worker canonicalizes the successors before hashing them, so orbits are
 * partitioned like states, and counts each orbit it expands by its size, as explore.ts does.
 *
 * Not offered here: bitstate mode, partial-order reduction (its cycle proviso needs to know at once
 * whether a successor is stored, which only its owner knows), maxStates (which states a bound keeps depends
 * on the order of discovery) and progress reports. The memory budget is split evenly between the
 * workers, each counting its tables, frontier, outboxes and its own JS heap; a refused growth stops
 * the search with partial statistics, like the sequential engine. From TypeScript sources (tsx,
 * vitest) a worker registers tsx's loader before importing parallel-worker.ts; from the compiled
 * package it loads parallel-worker.js directly.
 */
import { once } from "node:events";
import { createRequire } from "node:module";
import { totalmem } from "node:os";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { StopReason } from "../engine/limits.js";
import { ConfigError } from "../errors.js";
import type { EngineModel } from "./config.js";
import { decodeState } from "./decode.js";
import { checkedCount, type EngineResult, type EngineVerdict } from "./explore.js";
import { Layout } from "./layout.js";
import type { Batch, PartitionSetup, RoundReport } from "./partition.js";
import { Transitions } from "./successors.js";
import { Symmetry } from "./symmetry.js";
import type { FoundState } from "./tally.js";

export interface ParallelOptions {
  /** Worker threads (default 2, at most 64). */
  readonly workers?: number | undefined;
  readonly mode?: "exact" | "fingerprint" | undefined;
  /** Symmetry reduction (symmetry.ts): orbits stored, the whole space's counts reported. */
  readonly symmetry?: boolean | undefined;
  /** Keep only states whose shortest distance from the initial state is at most this (required under nonfifo). */
  readonly maxDepth?: number | undefined;
  /** Split evenly between the workers (default: 80% of the machine's memory). */
  readonly maxMemoryBytes?: number | undefined;
  /** Presize the tables for this many states in all (each worker takes its share). */
  readonly expectedStates?: number | undefined;
}

export interface ParallelResult extends EngineResult {
  readonly parallel: {
    readonly workers: number;
    /** Seconds until every worker was ready (included in stats.seconds). */
    readonly startupSeconds: number;
    /** Per worker: seconds spent searching (absorbing and expanding), not waiting at the barriers. */
    readonly busySeconds: readonly number[];
  };
}

/** Explores `model` breadth-first with the compact engine on `options.workers` threads. */
export async function exploreCompactParallel(
  model: EngineModel,
  options: ParallelOptions = {},
): Promise<ParallelResult> {
  const started = performance.now();
  const workers = checkedCount("workers", options.workers) ?? 2;
  if (workers < 1 || workers > 64)
    throw new ConfigError("workers", `expected 1 to 64 workers, got ${workers}`);
  const mode = options.mode ?? "exact";
  if (mode !== "exact" && mode !== "fingerprint") {
    throw new ConfigError("mode", `the parallel engine runs exact or fingerprint, got ${String(mode)}`);
  }
  const maxDepth = checkedCount("maxDepth", options.maxDepth);
  const layout = new Layout(model, maxDepth); // refuses what the workers would refuse, before starting them
  const memory = checkedCount("maxMemoryBytes", options.maxMemoryBytes) ?? Math.floor(0.8 * totalmem());
  const setup = (index: number): PartitionSetup => ({
    processes: model.topology.processes,
    links: model.topology.channels.map(({ from, to }) => ({ from, to })),
    channels: model.channels,
    balances: [...model.balances],
    initiators: [...model.initiators],
    mode,
    symmetry: options.symmetry === true,
    maxDepth,
    maxMemoryBytes: Math.floor(memory / workers),
    expectedStates: checkedCount("expectedStates", options.expectedStates) ?? 0,
    index,
    workers,
  });
  const threads = Array.from({ length: workers }, (_, index) => startWorker(setup(index)));
  try {
    await Promise.all(threads.map((thread) => once(thread, "message")));
    const startupSeconds = (performance.now() - started) / 1000;
    const search = await runRounds(threads);
    const t = new Transitions(model, layout);
    const seconds = (performance.now() - started) / 1000;
    const symmetry = options.symmetry === true ? new Symmetry(model, layout) : undefined;
    return {
      ...search.result(mode, layout.words, seconds, t, symmetry),
      parallel: { workers, startupSeconds, busySeconds: search.busySeconds() },
    };
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
}

/** Starts a worker on parallel-worker.ts under tsx when this module runs from source, else on the .js. */
function startWorker(setup: PartitionSetup): Worker {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) return new Worker(new URL("./parallel-worker.js", here), { workerData: setup });
  // Node 20 does not apply --import loaders to a worker's entry module: register tsx, then import it.
  // require.resolve finds tsx's CommonJS API; its ES module build is index.mjs beside it.
  const tsxApi = new URL("./index.mjs", pathToFileURL(createRequire(here).resolve("tsx/esm/api"))).href;
  const entry = new URL("./parallel-worker.ts", here).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: setup });
}

/** Runs rounds (levels) until one has no state to expand, or a worker ran out of memory. */
async function runRounds(threads: readonly Worker[]): Promise<Rounds> {
  const rounds = new Rounds();
  let incoming: Batch[][] = threads.map(() => []);
  for (;;) {
    const reports = await Promise.all(
      threads.map((thread, w) => {
        const batches = incoming[w] ?? [];
        thread.postMessage(
          batches,
          batches.map((batch) => batch.buffer),
        );
        return once(thread, "message").then(([report]) => report as RoundReport);
      }),
    );
    if (!rounds.add(reports)) return rounds;
    incoming = threads.map((_, w) =>
      reports.flatMap((report) => {
        const batch = report.outboxes[w];
        return batch === undefined || batch.length === 0 ? [] : [batch];
      }),
    );
  }
}

/** The reports of the rounds so far, and the result they make. */
class Rounds {
  private last: readonly RoundReport[] = [];
  private deepest = 0;
  private depth = 0;
  private stop: StopReason = "exhausted";
  private conservation: FoundState | undefined;
  private stuck: FoundState | undefined;

  /** Takes one round's reports; false when the search is over. */
  add(reports: readonly RoundReport[]): boolean {
    this.last = reports;
    this.conservation ??= first(reports.map((report) => report.conservation));
    this.stuck ??= first(reports.map((report) => report.stuck));
    if (reports.some((report) => report.outOfMemory)) {
      this.stop = "max-memory";
      return false;
    }
    const level = reports.reduce((sum, report) => sum + report.level, 0);
    if (level === 0) {
      if (reports.some((report) => report.depthCut)) this.stop = "max-depth";
      return false;
    }
    this.deepest = this.depth++;
    return true;
  }

  busySeconds(): number[] {
    return this.last.map((report) => report.busySeconds);
  }

  result(
    mode: "exact" | "fingerprint",
    wordsPerState: number,
    seconds: number,
    t: Transitions,
    symmetry: Symmetry | undefined,
  ): EngineResult {
    type Summed =
      | "stored"
      | "states"
      | "generated"
      | "transitions"
      | "completeSnapshots"
      | "deadlocks"
      | "peakBytes";
    const sum = (field: Summed) => this.last.reduce((total, report) => total + report[field], 0);
    const stored = sum("stored");
    // Under symmetry every stored orbit was expanded and counted by its size, unless memory stopped the search.
    const distinctStates = symmetry !== undefined && this.stop !== "max-memory" ? sum("states") : stored;
    const transitions = sum("transitions");
    const peakBytes = sum("peakBytes");
    const complete = this.stop === "exhausted";
    const verdict = (found: FoundState | undefined): EngineVerdict =>
      found === undefined
        ? { holds: true, complete }
        : {
            holds: false,
            complete: true,
            violation: { reason: found.reason, depth: found.depth, state: decodeState(t, found.words, 0) },
          };
    return {
      mode,
      stats: {
        distinctStates,
        transitions,
        maxDepth: this.deepest,
        completeSnapshots: sum("completeSnapshots"),
        deadlocks: sum("deadlocks"),
        seconds,
        statesPerSecond: seconds > 0 ? Math.round(stored / seconds) : stored,
        stop: this.stop,
        wordsPerState,
        peakBytes,
        bytesPerState: stored > 0 ? peakBytes / stored : 0,
      },
      conservation: verdict(this.conservation),
      noStuckSnapshot: verdict(this.stuck),
      ...(mode === "fingerprint"
        ? {
            fingerprint: {
              collisionProbability: (stored * (sum("generated") + 1 - stored)) / 2 ** 64,
            },
          }
        : {}),
      ...(symmetry === undefined ? {} : { symmetry: { order: symmetry.order, orbits: stored } }),
    };
  }
}

/** The shallowest of the violations found (ties: the lowest worker's), if any. */
function first(found: readonly (FoundState | undefined)[]): FoundState | undefined {
  let best: FoundState | undefined;
  for (const f of found) if (f !== undefined && (best === undefined || f.depth < best.depth)) best = f;
  return best;
}
