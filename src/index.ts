/**
 * snapcheck as a library: build a model with the fields of a config file (a workload or an
 * algorithm by name or of your own), check it exhaustively or sample runs, and read the verdicts
 * as data. (Property tests on sampled runs: `snapcheck/testing`.)
 *
 * ```ts
 * import { check, model } from "snapcheck";
 * const { stats, verdicts } = check(model({ balances: [1, 1, 0], channels: "nonfifo" }));
 * for (const v of verdicts) console.log(v.property.name, v.holds, v.counterexample?.steps.length);
 * ```
 *
 * A real run's snapshot, from its log (docs/run-log.md): `validateRun(readLog(text, file))`.
 */
export { properties } from "../properties/index.js";
export type { SnapshotAlgorithm } from "./algorithms/algorithm.js";
export { chandyLamport } from "./algorithms/chandy-lamport.js";
export { algorithms } from "./algorithms/index.js";
export { laiYang } from "./algorithms/lai-yang.js";
// Types the exported signatures mention, so that the API reference (npm run docs) documents them.
export type { TopologySpec } from "./config.js";
export { buildModel, parseConfig, type SnapcheckConfig } from "./config.js";
export type {
  CheckOptions,
  CheckResult,
  Counterexample,
  ExplorationStats,
  PropertyVerdict,
} from "./engine/check.js";
export type { CoverageRow } from "./engine/coverage.js";
export type { Limits, ProgressReport, ProgressSink, StopReason } from "./engine/limits.js";
export type {
  LivenessProperty,
  LivenessViolation,
  Monitor,
  MonitorOutcome,
  ObservedStep,
  PrepareOptions,
  Property,
  SafetyProperty,
} from "./engine/property.js";
export type { StateSpace } from "./engine/state-space.js";
export type { ErrorCode } from "./errors.js";
export { ConfigError, SnapcheckError } from "./errors.js";
export type { StateAttributes, StepAttributes } from "./graph/state-graph.js";
export { toGraphology } from "./graph/state-graph.js";
export { check, type SimulateOptions, simulate } from "./library/check.js";
export { ConfiguredModel, type ModelOptions, model } from "./library/model.js";
export { writeCounterexample } from "./library/write.js";
export type { ChannelDiscipline } from "./model/channels/discipline.js";
export { fifo } from "./model/channels/fifo.js";
export { nonfifo } from "./model/channels/nonfifo.js";
export type { StateCodec, Words } from "./model/codec.js";
export type { StateDraft, StateReader } from "./model/draft.js";
export type { ModelSpec } from "./model/model.js";
export { type ChannelFaults, Model, RELIABLE } from "./model/model.js";
export type { Script, ScriptCommand } from "./model/script.js";
export type { Channel } from "./model/topology.js";
export { Topology } from "./model/topology.js";
export type {
  AppMessage,
  AppState,
  ChannelRecord,
  GlobalState,
  MarkerMessage,
  Message,
  ModelEvent,
  Run,
  SnapshotState,
  Step,
  Transition,
} from "./model/types.js";
export type {
  RunStats,
  SimulatedCounterexample,
  SimulatedVerdict,
  SimulationResult,
} from "./simulation/simulate.js";
export type { KeptFile, StoredFile } from "./trace/store.js";
export type { HappensBefore } from "./validate/happens-before.js";
export type { Judgement, JudgementName, LogContext } from "./validate/judgement.js";
export type { LoggedCut } from "./validate/logged-cut.js";
export type { LoggedEvent, LoggedState, Messages, RunLog } from "./validate/run-log.js";
export { readLog, type SnapshotVerdict, type Validation, validateRun } from "./validate/validate.js";
export { workloads } from "./workloads/index.js";
export type { AppEffect, InFlight, StableProperty, Workload, WorkloadParams } from "./workloads/workload.js";
