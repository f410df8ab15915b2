/**
 * `explore --engine compact`: the compact engine (src/engine/) on the reference model, reported in
 * explore's shape. It decides conservation and termination's stuck case from packed states; the
 * properties that need a run's history or the whole state graph (consistent-cut, reachable-cut,
 * termination's fair cycles, stable-detection) are left to the generic engine, and the report says
 * so. Counterexamples (exact mode) are written like any other and replay through the generic model.
 */
import { buildModel } from "../config.js";
import { type EngineMode, type EngineVerdict, engineModelOf, exploreCompact } from "../engine/index.js";
import { writeCounterexample } from "../trace/counterexample-file.js";
import { stderrProgress } from "./progress.js";
import { type CheckReport, type ResolvedConfig, searchDescription } from "./run-check.js";

export interface CompactOptions {
  readonly outDir: string;
  readonly mode: EngineMode;
  readonly symmetry: boolean;
  readonly progress: boolean;
}

const LEFT_TO_GENERIC =
  "the compact engine decides conservation and stuck snapshots only; check this with --engine generic";

export function runCompact(
  { config, defaultBound, skipped }: ResolvedConfig,
  options: CompactOptions,
): CheckReport {
  const model = buildModel(config);
  const result = exploreCompact(engineModelOf(model), {
    mode: options.mode,
    symmetry: options.symmetry,
    maxDepth: config.maxDepth,
    maxStates: config.maxStates,
    maxMemoryBytes: config.maxMemoryMiB === undefined ? undefined : config.maxMemoryMiB * 2 ** 20,
    progress: options.progress
      ? (r) =>
          stderrProgress({
            phase: "explore",
            states: r.states,
            queue: r.queue,
            depth: r.depth,
            seconds: r.seconds,
          })
      : undefined,
  });
  const verdictOf = (name: string, v: EngineVerdict) => {
    const base = { name, holds: v.holds, complete: v.complete };
    const path = v.violation?.path;
    if (v.violation === undefined || path === undefined) return base;
    const cx = { property: name, instance: 0, reason: v.violation.reason, ...path };
    const stored = writeCounterexample(model, config, cx, options.outDir);
    return {
      ...base,
      counterexample: {
        file: stored.path,
        steps: path.steps.length,
        reason: cx.reason,
        written: stored.status === "written",
      },
    };
  };
  const properties = [
    ...(config.properties.includes("conservation") ? [verdictOf("conservation", result.conservation)] : []),
    // Stuck snapshots are termination's first half: a violation is a violation; "holds" is not claimed.
    ...(config.properties.includes("termination") && !result.noStuckSnapshot.holds
      ? [verdictOf("termination", result.noStuckSnapshot)]
      : []),
  ];
  const left = config.properties
    .filter((name) => !properties.some((p) => p.name === name))
    .map((name) => ({
      name,
      reason:
        name === "termination"
          ? "no snapshot gets stuck in a deadlock; fair cycles need the state graph: check them with --engine generic"
          : LEFT_TO_GENERIC,
    }));
  const { stats } = result;
  return {
    config,
    search: searchDescription(config, defaultBound),
    skipped: [...skipped, ...left],
    stats: {
      distinctStates: stats.distinctStates,
      transitions: stats.transitions,
      maxDepth: stats.maxDepth,
      completeSnapshots: stats.completeSnapshots,
      deadlocks: stats.deadlocks,
      seconds: Number(stats.seconds.toFixed(3)),
      statesPerSecond: stats.statesPerSecond,
      stoppedBy: stats.stop === "exhausted" ? null : stats.stop,
    },
    properties,
    engine: {
      name: "compact",
      mode: result.mode,
      reduce: options.symmetry ? "symmetry" : "none",
      bytesPerState: Number(stats.bytesPerState.toFixed(1)),
      ...(result.fingerprint === undefined
        ? {}
        : { collisionProbability: result.fingerprint.collisionProbability }),
      ...(result.bitstate === undefined
        ? {}
        : {
            bitstate: {
              hashFactor: result.bitstate.hashFactor,
              expectedMissed: result.bitstate.expectedMissed,
            },
          }),
    },
  };
}
