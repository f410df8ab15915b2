/** The strategy catalogue, by name: `uniform` first, then the targeted ones. */
import type { Strategy } from "../schedule.js";
import { overtake } from "./overtake.js";
import { pct } from "./pct.js";
import { uniform } from "./uniform.js";

export const strategies: readonly Strategy[] = [uniform, pct, overtake];

export function findStrategy(name: string): Strategy | undefined {
  return strategies.find((s) => s.name === name);
}
