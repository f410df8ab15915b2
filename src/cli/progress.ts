/** Progress lines on stderr, once a second, for runs longer than a second (TLC-style figures). */
import type { ProgressReport } from "../engine/limits.js";

export function stderrProgress(report: ProgressReport): void {
  const rate = Math.round(report.states / Math.max(report.seconds, 1e-9));
  const memory = Math.round(process.memoryUsage().rss / 2 ** 20);
  process.stderr.write(
    `progress: ${n(report.states)} states, ${n(rate)} states/s, queue ${n(report.queue)}, depth ${report.depth}, ${memory} MiB, ${report.seconds.toFixed(0)} s\n`,
  );
}

/** A count with thousands separators, as people read it. */
export function n(value: number): string {
  return value.toLocaleString("en-US");
}
