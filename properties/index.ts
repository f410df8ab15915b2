/**
 * The property catalogue, by name. A property of your own is one module exporting a
 * `SafetyProperty` (a monitor judged along every run) or a `LivenessProperty` (judged on the state
 * graph), added to this list — see docs/properties.md, "Writing a property" — or loaded by path
 * (`--properties ./mine.ts`).
 */
import type { Property } from "../src/engine/property.js";
import { ConfigError } from "../src/errors.js";
import type { Model } from "../src/model/model.js";
import { conservation } from "./conservation.js";
import { consistentCut } from "./consistent-cut.js";
import { reachableCut } from "./reachable-cut.js";
import { stableDetection } from "./stable-detection.js";
import { termination } from "./termination.js";

export const properties: readonly Property[] = [
  consistentCut,
  reachableCut,
  conservation,
  termination,
  stableDetection,
];

export function findProperty(name: string): Property | undefined {
  return properties.find((p) => p.name === name);
}

/**
 * The properties a check of `model` runs, as the CLI and the library settle them: one that means
 * nothing for the model is left out of the default set, one that cannot be decided is left out and
 * reported — or refused when it was asked for by name (`named`).
 */
export function settleProperties(
  model: Model,
  names: readonly string[],
  named: boolean,
  find: (name: string) => Property | undefined = findProperty,
): { properties: string[]; skipped: { name: string; reason: string }[] } {
  const relevant = names.filter((name) => named || find(name)?.appliesTo?.(model) !== false);
  const skipped = relevant.flatMap((name) => {
    const reason = find(name)?.unsupported?.(model);
    return reason === undefined ? [] : [{ name, reason }];
  });
  if (named && skipped[0] !== undefined) {
    throw new ConfigError(
      "properties",
      `${skipped[0].name} cannot be checked here: ${skipped[0].reason}; leave it out`,
    );
  }
  return { properties: relevant.filter((name) => !skipped.some((s) => s.name === name)), skipped };
}
