/**
 * snapcheck as a library: build a model from your own workload or snapshot algorithm and check it
 * exhaustively with the property catalogue. (Property tests on sampled runs: `snapcheck/testing`.)
 *
 * ```ts
 * import { check, chandyLamport, fifo, Model, properties, RELIABLE, Topology } from "snapcheck";
 * const model = new Model({ topology: Topology.complete(3), discipline: fifo, faults: RELIABLE,
 *   workload: myWorkload, params: { balances: [1, 1, 0] }, algorithm: chandyLamport, initiators: [0] });
 * const { stats, verdicts } = check(model, properties, { limits: {} });
 * ```
 *
 * A real run's snapshot, from its log (docs/run-log.md): `validateRun(readLog(text, file))`.
 */
export { properties } from "../properties/index.js";
export type { SnapshotAlgorithm } from "./algorithms/algorithm.js";
export { chandyLamport } from "./algorithms/chandy-lamport.js";
export { algorithms } from "./algorithms/index.js";
export { laiYang } from "./algorithms/lai-yang.js";
export { buildModel, parseConfig, type SnapcheckConfig } from "./config.js";
export { type CheckResult, check, type PropertyVerdict } from "./engine/check.js";
export type { LivenessProperty, Monitor, Property, SafetyProperty } from "./engine/property.js";
export { toGraphology } from "./graph/state-graph.js";
export { fifo } from "./model/channels/fifo.js";
export { nonfifo } from "./model/channels/nonfifo.js";
export { type ChannelFaults, Model, RELIABLE } from "./model/model.js";
export { Topology } from "./model/topology.js";
export type { AppState, GlobalState, Step } from "./model/types.js";
export type { Judgement, JudgementName } from "./validate/judgement.js";
export { readLog, type SnapshotVerdict, type Validation, validateRun } from "./validate/validate.js";
export { workloads } from "./workloads/index.js";
export type { AppEffect, InFlight, StableProperty, Workload, WorkloadParams } from "./workloads/workload.js";
