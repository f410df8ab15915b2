/**
 * The shape checks of a plug-in module's export: each member the interface needs, of the right
 * kind, or a ConfigError naming the file and the missing member in one line.
 */
import type { SnapshotAlgorithm } from "../algorithms/algorithm.js";
import type { Property } from "../engine/property.js";
import { ConfigError } from "../errors.js";
import type { Workload } from "../workloads/workload.js";

type Shape = Record<string, unknown>;

/** Member → how it is called, for the message (`onMarker(draft, c, k)`). */
const ALGORITHM_FUNCTIONS = {
  canInitiate: "canInitiate(state, p, k)",
  initiate: "initiate(draft, p, k)",
  onMarker: "onMarker(draft, c, k)",
  onAppArrival: "onAppArrival(draft, c, payload, tag)",
};
const ALGORITHM_OPTIONAL = { tagOutgoing: "tagOutgoing(draft, p)", afterStep: "afterStep(draft)" };

const WORKLOAD_FUNCTIONS = {
  fields: "fields(processes)",
  initial: "initial(params, topology)",
  actions: "actions(state, p, topology)",
  perform: "perform(state, p, action, to)",
  receive: "receive(state, p, from, payload)",
  conserved: "conserved(procs, inFlight)",
  describeState: "describeState(state)",
  describePayload: "describePayload(payload)",
};

const PROPERTY_OPTIONAL = {
  unsupported: "unsupported(model)",
  prepare: "prepare(model, options)",
  appliesTo: "appliesTo(model)",
};

export function asAlgorithm(value: unknown, file: string): SnapshotAlgorithm {
  const o = object(value, file, "algorithm");
  named(o, file, "algorithm");
  functions(o, file, "algorithm", ALGORITHM_FUNCTIONS, true);
  functions(o, file, "algorithm", ALGORITHM_OPTIONAL, false);
  if (o.oneInstanceOnly !== undefined && typeof o.oneInstanceOnly !== "boolean")
    throw new ConfigError(file, "the algorithm's oneInstanceOnly must be true or false");
  return o as unknown as SnapshotAlgorithm;
}

export function asWorkload(value: unknown, file: string): Workload {
  const o = object(value, file, "workload");
  named(o, file, "workload");
  functions(o, file, "workload", WORKLOAD_FUNCTIONS, true);
  if (o.actionNames !== undefined && !stringList(o.actionNames))
    throw new ConfigError(file, "the workload's actionNames must be a list of strings");
  if (o.stable !== undefined) {
    const ok =
      Array.isArray(o.stable) &&
      o.stable.every(
        (s: unknown) =>
          typeof s === "object" &&
          s !== null &&
          typeof (s as Shape).holds === "function" &&
          typeof (s as Shape).name === "string",
      );
    if (!ok)
      throw new ConfigError(
        file,
        "the workload's stable must be a list of { name, description, holds(procs, inFlight, topology) }",
      );
  }
  return o as unknown as Workload;
}

export function asProperty(value: unknown, file: string): Property {
  const o = object(value, file, "property");
  named(o, file, "property");
  // The name goes into counterexample file names.
  if (!/^[A-Za-z][\w-]*$/.test(o.name as string))
    throw new ConfigError(
      file,
      `the property's name ${JSON.stringify(o.name)} must be a word (letters, digits, - or _)`,
    );
  if (o.kind === "always") functions(o, file, "property", { monitor: "monitor(model, instance)" }, true);
  else if (o.kind === "eventually") functions(o, file, "property", { check: "check(space, model)" }, true);
  else
    throw new ConfigError(
      file,
      `the property's kind must be "always" (with a monitor) or "eventually" (with check), got ${JSON.stringify(o.kind)}`,
    );
  functions(o, file, "property", PROPERTY_OPTIONAL, false);
  return o as unknown as Property;
}

function object(value: unknown, file: string, what: string): Shape {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new ConfigError(
      file,
      `the exported ${what} is not an object (got ${value === null ? "null" : typeof value})`,
    );
  return value as Shape;
}

function named(o: Shape, file: string, what: string): void {
  for (const member of ["name", "description"])
    if (typeof o[member] !== "string" || o[member] === "")
      throw new ConfigError(file, `the ${what} has no ${member} (a string)`);
}

function functions(
  o: Shape,
  file: string,
  what: string,
  members: Record<string, string>,
  required: boolean,
): void {
  for (const [member, call] of Object.entries(members)) {
    if (!required && o[member] === undefined) continue;
    if (typeof o[member] !== "function") throw new ConfigError(file, `the ${what} has no ${call} function`);
  }
}

function stringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}
