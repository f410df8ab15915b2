/**
 * The scripted scenarios' section of `npm run bench`: every snapshot each COS 418 example can
 * record, searched as `snapcheck snapshots` does by default (partial-order reduced, instance by
 * instance) and, where it ends within its bound, on the whole space — seconds and states searched.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { conservation } from "../../properties/conservation.js";
import { consistentCut } from "../../properties/consistent-cut.js";
import { buildModel, parseConfig } from "../../src/config.js";
import { recordedSnapshots, recordedSnapshotsReduced } from "../../src/engine/recorded-snapshots.js";
import { readCos418 } from "../../src/scenarios/cos418.js";

const DIR = "examples/cos418";
const SCENARIOS = [
  ["2nodes.top", "2nodes-concurrent.events"],
  ["3nodes.top", "3nodes-crossing.events"],
  ["8nodes.top", "8nodes-concurrent-snapshots.events"],
] as const;
/** The whole space of the 8-node scenario is far beyond this: its row says where it stopped. */
const WHOLE_SPACE_STATES = 200_000;

export function scenarioBench(): void {
  console.log("\n## Scripted scenarios: every recordable snapshot (snapcheck snapshots)\n");
  console.log("| scenario | search | states searched | snapshots | seconds |");
  console.log("|---|---|---|---|---|");
  const file = (name: string) => ({ text: readFileSync(join(DIR, name), "utf8"), path: join(DIR, name) });
  for (const [top, events] of SCENARIOS) {
    const imported = readCos418(file(top), file(events));
    const model = buildModel(parseConfig(imported.config, []));
    const properties = [consistentCut, conservation];
    let started = performance.now();
    const reduced = recordedSnapshotsReduced(model, properties, {});
    const reducedSeconds = (performance.now() - started) / 1000;
    if (typeof reduced !== "string")
      console.log(
        `| ${events} | partial-order, by instance | ${reduced.distinctStates.toLocaleString("en-US")} | ${reduced.snapshots.length} | ${reducedSeconds.toFixed(2)} |`,
      );
    started = performance.now();
    const whole = recordedSnapshots(model, properties, { maxStates: WHOLE_SPACE_STATES });
    const wholeSeconds = (performance.now() - started) / 1000;
    const search = whole.stop === "exhausted" ? "whole space" : `whole space, stopped by ${whole.stop}`;
    console.log(
      `| ${events} | ${search} | ${whole.distinctStates.toLocaleString("en-US")} | ${whole.stop === "exhausted" ? whole.snapshots.length : "—"} | ${wholeSeconds.toFixed(2)} |`,
    );
  }
}
