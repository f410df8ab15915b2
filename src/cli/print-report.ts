/** The human report of a check: configuration, search statistics (TLC-style), one line per property. */

import { findProperty } from "../../properties/index.js";
import { printText } from "./print.js";
import { n } from "./progress.js";
import type { CheckReport } from "./run-check.js";

export function printReport(report: CheckReport): void {
  const { config, stats } = report;
  const out = (line = "") => printText(`${line}\n`);
  const started =
    config.script === undefined
      ? `initiators ${config.initiators.map((p) => `P${p}`).join(",")}${(config.instances ?? 1) > 1 ? `, ${config.instances} snapshot instances` : ""}`
      : `a script of ${config.script.length} commands${config.ticks === true ? " with ticks" : ""}`;
  out(
    `snapcheck explore: ${config.workload}, ${config.algorithm}, ${config.channels} channels, ${config.processes} processes, balances ${config.balances.join(",")}${config.stock ? `, stock ${config.stock.join(",")}` : ""}, ${started}`,
  );
  out(`Search: ${report.search}; engine: ${engineLine(report)}`);
  out(
    `${n(stats.distinctStates)} distinct states found, ${n(stats.transitions)} transitions, depth ${stats.maxDepth}; ${n(stats.completeSnapshots)} states with a complete snapshot, ${n(stats.deadlocks)} deadlocks.`,
  );
  out(
    `Finished in ${stats.seconds.toFixed(2)} s (${n(stats.statesPerSecond)} states/s)${stats.stoppedBy ? `; stopped by ${stats.stoppedBy}` : ""}.`,
  );
  if (report.coverage !== undefined) {
    const taken = report.coverage.filter((c) => c.taken > 0).map((c) => `${c.kind} ${n(c.taken)}`);
    const never = report.coverage.filter((c) => c.taken === 0).map((c) => c.kind);
    out(`Coverage: ${taken.join(", ")}${never.length > 0 ? `; never enabled: ${never.join(", ")}` : ""}.`);
  }
  for (const warning of report.warnings ?? []) out(`Warning: ${warning}.`);
  out();
  const width = Math.max(
    ...report.properties.map((p) => p.name.length),
    ...report.skipped.map((p) => p.name.length),
  );
  for (const p of report.properties) {
    const name = p.name.padEnd(width);
    if (!p.holds && p.counterexample !== undefined) {
      const cx = p.counterexample;
      const which = cx.instance === undefined ? "" : ` (snapshot #${cx.instance})`;
      out(`  ${name}  VIOLATED   shortest run: ${cx.steps} steps${which} — ${cx.reason}`);
      out(
        `  ${" ".repeat(width)}             ${cx.written ? "written to" : "already in"} ${cx.file} (and .txt); replay: snapcheck replay ${cx.file}`,
      );
    } else if (!p.complete) {
      out(`  ${name}  UNDECIDED  no violation within the bound; the search did not cover every state`);
    } else {
      out(`  ${name}  holds      ${findProperty(p.name)?.description ?? ""}`);
    }
  }
  for (const s of report.skipped) out(`  ${s.name.padEnd(width)}  NOT CHECKED  ${s.reason}`);
}

/** Which engine ran and how it deduplicated states, e.g. "packed (64-bit fingerprints (P(…) ≈ 5.7e-8))". */
function engineLine(report: CheckReport): string {
  const { engine } = report;
  const parts = [
    engine.mode === "exact"
      ? "exact"
      : engine.mode === "fingerprint"
        ? `64-bit fingerprints (P(a state was missed) ≈ ${(engine.collisionProbability ?? 0).toExponential(1)})`
        : `bitstate (hash factor ${Math.round(engine.bitstate?.hashFactor ?? 0)}, about ${Math.round(engine.bitstate?.expectedMissed ?? 0)} states missed)`,
    engine.orbits === undefined
      ? ""
      : `symmetry reduction: ${engine.orbits} orbits stored, counts of the whole space`,
    engine.bytesPerState === undefined ? "" : `${engine.bytesPerState} bytes/state`,
  ].filter((p) => p !== "");
  return `packed (${parts.join(", ")})`;
}
