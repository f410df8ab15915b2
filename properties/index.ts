/**
 * The property catalogue, by name. A property of your own is one module exporting a
 * `SafetyProperty` (a monitor judged along every run) or a `LivenessProperty` (judged on the state
 * graph), added to this list — see the README, "Writing a property".
 */
import type { Property } from "../src/engine/property.js";
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
