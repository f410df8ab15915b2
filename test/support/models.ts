/** Building models and checks for tests in one line. */

import { properties } from "../../properties/index.js";
import type { SnapshotAlgorithm } from "../../src/algorithms/algorithm.js";
import { chandyLamport } from "../../src/algorithms/chandy-lamport.js";
import { type CheckResult, check } from "../../src/engine/check.js";
import type { Limits } from "../../src/engine/limits.js";
import { fifo } from "../../src/model/channels/fifo.js";
import { nonfifo } from "../../src/model/channels/nonfifo.js";
import { Model } from "../../src/model/model.js";
import type { Script } from "../../src/model/script.js";
import { Topology } from "../../src/model/topology.js";
import { findWorkload } from "../../src/workloads/index.js";
import type { Workload } from "../../src/workloads/workload.js";

export interface TestConfig {
  readonly workload?: "bank" | "orders" | "diffusing" | "deadlock" | "tokens";
  readonly balances: readonly number[];
  readonly stock?: readonly number[];
  readonly channels?: "fifo" | "nonfifo";
  readonly lossy?: boolean;
  readonly duplicating?: boolean;
  readonly initiators?: readonly number[];
  readonly algorithm?: SnapshotAlgorithm;
  /** The directed channels that exist; absent = the complete topology. */
  readonly links?: readonly [number, number][];
  /** Snapshot instances (default 1). */
  readonly instances?: number;
  /** A scripted scenario (the workload is then tokens, `balances` the tokens). */
  readonly script?: Script;
}

export function modelOf(c: TestConfig): Model {
  return new Model({
    topology:
      c.links === undefined
        ? Topology.complete(c.balances.length)
        : new Topology(
            c.balances.length,
            c.links.map(([from, to]) => ({ from, to })),
          ),
    discipline: c.channels === "nonfifo" ? nonfifo : fifo,
    faults: { lossy: c.lossy ?? false, duplicating: c.duplicating ?? false },
    workload: workloadNamed(c.script !== undefined ? "tokens" : (c.workload ?? "bank")),
    params: { balances: c.balances, stock: c.stock },
    algorithm: c.algorithm ?? chandyLamport,
    initiators: c.initiators ?? [0],
    instances: c.instances,
    script: c.script,
  });
}

function workloadNamed(name: string): Workload {
  const workload = findWorkload(name);
  if (workload === undefined) throw new RangeError(`no workload ${name}`);
  return workload;
}

export function checkAll(c: TestConfig, limits: Limits = {}) {
  return check(modelOf(c), properties, { limits });
}

/** name → shortest counterexample length (null when the property holds). */
export function shortest(result: ReturnType<typeof checkAll>): Record<string, number | null> {
  return Object.fromEntries(
    result.verdicts.map((v) => [v.property.name, v.counterexample ? v.counterexample.steps.length : null]),
  );
}

/** The model figures of a check (the whole space's, whatever store or reduction ran), for comparing two checks. */
export function figuresOf({ stats }: CheckResult) {
  return {
    distinct: stats.distinctStates,
    transitions: stats.transitions,
    depth: stats.maxDepth,
    complete: stats.completeSnapshots,
    deadlocks: stats.deadlocks,
    stop: stats.stop,
  };
}
