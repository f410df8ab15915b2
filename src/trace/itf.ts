/**
 * Counterexamples and scenarios as ITF traces (the Informal Trace Format read by Quint and
 * Apalache tools): `vars`, `states` with `#meta.index`, integers as `{"#bigint": "n"}`, maps as
 * `{"#map": [[k, v], …]}`, variants as `{tag, value}`, and `loop` for a lasso. snapcheck's own data
 * — the configuration, the property, the reason and the step labels — lives in `#meta.snapcheck`,
 * so a file replays with no other input. `mbt::actionTaken` names the step into each state, as
 * Quint does.
 */
import type { SnapcheckConfig } from "../config.js";
import { TraceError } from "../errors.js";
import { messageKey } from "../model/message.js";
import type { Model } from "../model/model.js";
import { channelName, processName } from "../model/topology.js";
import type { GlobalState, SnapshotState } from "../model/types.js";

const ITF_DESCRIPTION = "https://apalache-mc.org/docs/adr/015adr-trace.html";
/** The variables of a one-snapshot model; several instances replace recorded and records by `snapshots`, a script adds `script`. */
export const VARS = ["procs", "recorded", "records", "channels", "mbt::actionTaken"] as const;

/** The variables of `model`'s states. */
export function varsOf(model: Model): string[] {
  const snapshot =
    model.instances === 1 && model.spec.script === undefined ? ["recorded", "records"] : ["snapshots"];
  const script = model.spec.script === undefined ? [] : ["script"];
  return ["procs", ...snapshot, "channels", ...script, "mbt::actionTaken"];
}

export type ItfValue = boolean | string | number | ItfValue[] | { readonly [key: string]: ItfValue };

export interface ItfState {
  readonly "#meta": { readonly index: number };
  readonly [name: string]: ItfValue;
}

/** What snapcheck keeps in `#meta.snapcheck`. */
export interface SnapcheckMeta {
  /** A counterexample found by a check, or a scenario written by hand. */
  readonly kind: "counterexample" | "scenario";
  readonly config: SnapcheckConfig;
  readonly property?: string | undefined;
  /** The snapshot instance the property fails for (absent: instance 0). */
  readonly instance?: number | undefined;
  readonly reason?: string | undefined;
  /** Step labels, as `Model.label` writes them. */
  readonly steps: readonly string[];
  /** Optional notes per step (e.g. the lecture's event letters). */
  readonly notes?: readonly string[] | undefined;
  /** Which checker found it: `snapcheck simulate` writes "simulate"; absent means `explore`. */
  readonly source?: "simulate" | undefined;
  /** simulate: the seed, strategy and scheduled steps per run of the simulation that found it. */
  readonly seed?: number | undefined;
  readonly strategy?: string | undefined;
  readonly maxSteps?: number | undefined;
  /** simulate: `RUN:SHRINK…`, the run it was shrunk from and fast-check's shrink path. */
  readonly path?: string | undefined;
  /** simulate: the length of the failing run before shrinking. */
  readonly stepsBeforeShrinking?: number | undefined;
}

export interface ItfTrace {
  readonly "#meta": {
    readonly format: "ITF";
    readonly "format-description": string;
    readonly source: "snapcheck";
    readonly description: string;
    readonly snapcheck: SnapcheckMeta;
  };
  readonly vars: readonly string[];
  /** May be empty in a hand-written scenario: replay then computes them. */
  readonly states: readonly ItfState[];
  readonly loop?: number | undefined;
}

const bigint = (n: number): ItfValue => ({ "#bigint": String(n) });

/** One state in ITF, with the label of the step that led to it. */
export function encodeState(model: Model, state: GlobalState, index: number, action: string): ItfState {
  const fields = model.spec.workload.fields(model.topology.processes);
  const appRecord = (s: readonly number[]): ItfValue =>
    Object.fromEntries(fields.map((f, i) => [f, bigint(s[i] ?? 0)]));
  const byChannel = (value: (c: number) => ItfValue): ItfValue => ({
    "#map": model.topology.channels.map((c, i) => [channelName(c), value(i)]),
  });
  const snapshotOf = (snapshot: SnapshotState) => ({
    recorded: {
      "#map": snapshot.recorded.map((r, p) => [
        processName(p),
        r === null ? { tag: "None", value: { "#tup": [] } } : { tag: "Some", value: appRecord(r) },
      ]),
    },
    records: byChannel((c) => {
      const r = snapshot.records[c];
      return { closed: r?.closed ?? false, messages: [...(r?.messages ?? [])] };
    }),
  });
  const single = varsOf(model).includes("recorded");
  const [first] = state.snapshots;
  return {
    "#meta": { index },
    procs: { "#map": state.procs.map((s, p) => [processName(p), appRecord(s)]) },
    ...(single && first !== undefined ? snapshotOf(first) : { snapshots: state.snapshots.map(snapshotOf) }),
    channels: byChannel((c) => (state.channels[c] ?? []).map(messageKey)),
    ...(model.spec.script === undefined ? {} : { script: bigint(state.scriptPosition) }),
    "mbt::actionTaken": action,
  };
}

export function toItf(
  model: Model,
  meta: SnapcheckMeta,
  states: readonly GlobalState[],
  loop?: number,
): ItfTrace {
  const actions = ["init", ...meta.steps];
  return {
    "#meta": {
      format: "ITF",
      "format-description": ITF_DESCRIPTION,
      source: "snapcheck",
      description:
        meta.kind === "counterexample"
          ? `snapcheck counterexample: ${meta.property} fails — ${meta.reason}`
          : "snapcheck scenario",
      snapcheck: meta,
    },
    vars: varsOf(model),
    states: states.map((s, i) => encodeState(model, s, i, actions[i] ?? "")),
    ...(loop === undefined ? {} : { loop }),
  };
}

/** Reads a trace file's text: checks the ITF shape and snapcheck's #meta, or says what is wrong. */
export function parseTrace(text: string, file: string): ItfTrace {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new TraceError(`${file}: not JSON (${(e as Error).message})`);
  }
  const trace = json as Partial<ItfTrace>;
  const meta = trace["#meta"]?.snapcheck;
  if (typeof json !== "object" || json === null || typeof meta !== "object" || meta === null) {
    throw new TraceError(`${file}: not a snapcheck trace: expected an ITF object with "#meta".snapcheck`);
  }
  if (!Array.isArray(meta.steps) || !meta.steps.every((s) => typeof s === "string")) {
    throw new TraceError(
      `${file}: "#meta".snapcheck.steps must be a list of step labels such as "initiate(P0)"`,
    );
  }
  if (trace.states !== undefined && !Array.isArray(trace.states)) {
    throw new TraceError(`${file}: "states" must be a list`);
  }
  // One state before each step and one after the last; a hand-written scenario may give none.
  const stateCount = trace.states?.length ?? 0;
  if (stateCount !== 0 && stateCount !== meta.steps.length + 1) {
    throw new TraceError(
      `${file}: ${stateCount} states for ${meta.steps.length} steps; a trace has one state more than steps (${meta.steps.length + 1}), or none in a hand-written scenario`,
    );
  }
  if (
    trace.loop !== undefined &&
    (!Number.isInteger(trace.loop) || trace.loop < 0 || trace.loop > meta.steps.length)
  ) {
    throw new TraceError(`${file}: "loop" must be a state index from 0 to ${meta.steps.length}`);
  }
  return { vars: [...VARS], states: [], ...trace } as ItfTrace;
}
