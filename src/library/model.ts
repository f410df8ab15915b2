/**
 * The library's model builder: the fields of a config file, with the CLI's defaults and its
 * validation errors (parseConfig and buildModel do the work), plus a workload or an algorithm of
 * your own given as an object in place of a name.
 */
import { properties as catalogue, settleProperties } from "../../properties/index.js";
import type { SnapshotAlgorithm } from "../algorithms/algorithm.js";
import { buildModel, parseConfig, type SnapcheckConfig, type TopologySpec } from "../config.js";
import { ConfigError } from "../errors.js";
import { Model, type ModelSpec } from "../model/model.js";
import type { Workload } from "../workloads/workload.js";

/** What `model` takes: a config file's fields, with a workload or an algorithm by name or as an object. */
export interface ModelOptions {
  readonly processes?: number;
  readonly topology?: TopologySpec;
  readonly balances?: readonly number[];
  readonly stock?: readonly number[];
  /** A discipline, optionally with faults: "fifo", "nonfifo,lossy", … */
  readonly channels?: string;
  readonly algorithm?: string | SnapshotAlgorithm;
  readonly workload?: string | Workload;
  readonly initiators?: readonly number[] | "all";
  readonly instances?: number;
  readonly script?: readonly string[];
  readonly ticks?: boolean;
  /** Property names; absent: every property that applies to the model. */
  readonly properties?: readonly string[];
  readonly maxStates?: number;
  readonly maxDepth?: number;
  readonly maxMemoryMiB?: number | string;
}

/** A model with the validated configuration it was built from (defaults filled in, properties settled). */
export class ConfiguredModel extends Model {
  constructor(
    spec: ModelSpec,
    /** The configuration as the CLI would have resolved it; `workload`/`algorithm` name your own objects. */
    readonly config: SnapcheckConfig,
    /** Properties of the default set that cannot be decided on this model, and why. */
    readonly skipped: readonly { readonly name: string; readonly reason: string }[],
  ) {
    super(spec);
  }
}

/**
 * Builds the model a config file with these fields describes, with the same defaults and the same
 * errors as the CLI (a `ConfigError` naming the field and the fix).
 *
 * ```ts
 * const bank = model({ balances: [1, 1, 0], channels: "nonfifo" });
 * ```
 */
export function model(options: ModelOptions = {}): ConfiguredModel {
  const { workload, algorithm, ...fields } = options;
  const ownWorkload = typeof workload === "object" ? workload : undefined;
  const ownAlgorithm = typeof algorithm === "object" ? algorithm : undefined;
  if (ownWorkload !== undefined && options.script !== undefined) {
    throw new ConfigError(
      "script",
      "a script drives the tokens workload: leave out your own workload or the script",
    );
  }
  // Your own objects are validated as the built-in ones they stand in for, then put in their place.
  const raw: Record<string, unknown> = { ...fields };
  if (workload !== undefined) raw.workload = ownWorkload === undefined ? workload : "bank";
  if (algorithm !== undefined) raw.algorithm = ownAlgorithm === undefined ? algorithm : "chandy-lamport";
  const parsed = parseConfig(
    raw,
    catalogue.map((p) => p.name),
  );
  const built = buildModel(parsed);
  const spec: ModelSpec = {
    ...built.spec,
    ...(ownWorkload === undefined ? {} : { workload: ownWorkload }),
    ...(ownAlgorithm === undefined ? {} : { algorithm: ownAlgorithm }),
  };
  if (ownAlgorithm?.oneInstanceOnly === true && built.instances > 1) {
    throw new ConfigError(
      parsed.script === undefined ? "instances" : "script",
      `${ownAlgorithm.name} is modelled for one snapshot instance`,
    );
  }
  const config: SnapcheckConfig = {
    ...parsed,
    workload: spec.workload.name,
    algorithm: spec.algorithm.name,
  };
  const probe = new Model(spec);
  const { properties, skipped } = settleProperties(
    probe,
    config.properties,
    options.properties !== undefined,
  );
  return new ConfiguredModel(spec, { ...config, properties }, skipped);
}
