/**
 * `npm run bench`: snapcheck's benchmarks, one module each; add a new one below.
 *   npm run bench                        every section (the scale test skipped)
 *   npm run bench -- --only exhaustive   one section: exhaustive, workloads, scenarios, simulate or playground
 *   npm run bench -- --scale             also the scale test (fifo 2,2,2, about 145 million states)
 *   npm run bench -- --plot DIR          also write the exhaustive section's plots (SVG) to DIR
 */
import { parseArgs } from "node:util";
import { exhaustiveBench } from "./exhaustive-bench.js";
import { playgroundBench } from "./playground-bench.js";
import { scenarioBench } from "./scenario-bench.js";
import { simulateBench } from "./simulate-bench.js";
import { workloadBench } from "./workload-bench.js";

const SECTIONS = ["exhaustive", "workloads", "scenarios", "simulate", "playground"] as const;

const { values } = parseArgs({
  options: { only: { type: "string" }, scale: { type: "boolean", default: false }, plot: { type: "string" } },
});
const only = values.only;
if (only !== undefined && !(SECTIONS as readonly string[]).includes(only)) {
  console.error(`bench: --only must be one of ${SECTIONS.join(", ")}, got "${only}"`);
  process.exit(2);
}
if (only === undefined || only === "exhaustive") exhaustiveBench({ scale: values.scale, plot: values.plot });
if (only === undefined || only === "workloads") workloadBench();
if (only === undefined || only === "scenarios") scenarioBench();
if (only === undefined || only === "simulate") simulateBench();
// The page's bundle size and its time to the first verdict on bank 1,1,1, beside the command line's.
if (only === undefined || only === "playground")
  await playgroundBench({ balances: "1,1,1", channels: "fifo" });
