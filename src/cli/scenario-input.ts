/**
 * `--topology X.top --events Y.events`: a COS 418 scenario as config fields, for the commands
 * that take one (snapshots, explore). With `--events`, `--topology` names the topology file.
 */
import { readFileSync } from "node:fs";
import { ConfigError } from "../errors.js";
import { type ImportedScenario, readCos418 } from "../scenarios/cos418.js";

/** The scenario the two files describe, or undefined when no events file is given. */
export function scenarioInput(
  topology: string | undefined,
  events: string | undefined,
): ImportedScenario | undefined {
  if (events === undefined) return undefined;
  if (topology === undefined)
    throw new ConfigError("--events", "give the scenario's topology file too: --topology X.top");
  return readCos418(readText(topology, "--topology"), readText(events, "--events"));
}

function readText(path: string, flag: string): { text: string; path: string } {
  try {
    return { text: readFileSync(path, "utf8"), path };
  } catch {
    throw new ConfigError(flag, `cannot read ${path}: give the path of a COS 418 ${flag.slice(2)} file`);
  }
}
