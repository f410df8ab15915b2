/**
 * A pasted COS 418 scenario as the configuration to explore: the topology and events texts read by
 * the project's own parser, its fields over the form's as `--topology X.top --events Y.events` sets
 * them over a config file, the algorithm, channels and depth bound still the form's.
 */
import { ConfigError } from "../errors.js";
import { readCos418 } from "../scenarios/cos418.js";
import type { PastedScenario } from "./protocol.js";

/** The names its messages give the pasted texts: a line is named as `pasted.top:3`. */
export const PASTED = { topology: "pasted.top", events: "pasted.events" } as const;

/** The fields of the form a scenario leaves as they are. */
const KEPT = ["algorithm", "channels", "maxDepth"] as const;

/** The raw configuration of `scenario` under the form's `raw`; a ConfigError naming the bad line. */
export function scenarioConfig(
  raw: Record<string, unknown>,
  scenario: PastedScenario,
): Record<string, unknown> {
  try {
    const imported = readCos418(
      { text: scenario.topology, path: PASTED.topology },
      { text: scenario.events, path: PASTED.events },
    );
    const kept = KEPT.flatMap((field) => (raw[field] === undefined ? [] : [[field, raw[field]] as const]));
    return { ...imported.config, ...Object.fromEntries(kept) };
  } catch (e) {
    // The parser names the command line's flag; here the text box is named by its file name alone.
    if (!(e instanceof ConfigError)) throw e;
    throw new ConfigError(e.field.replace(/^--/, ""), e.message.slice(e.field.length + 2));
  }
}
