/**
 * The simulation benchmark (`npm run bench`; never run by the tests, which never time anything):
 * 1. throughput — runs/s and steps/s of `snapcheck simulate` on bank with 3–8 processes;
 * 2. how fast each strategy finds a bug — the median number of runs until the first counterexample
 *    to consistent-cut under nonfifo, over several seeds, on 3–8 processes;
 * 3. shrinking — how often the shrunk counterexample has `explore`'s minimum length, on
 *    configurations explore finishes.
 */
import fc from "fast-check";
import { consistentCut } from "../../properties/consistent-cut.js";
import { properties } from "../../properties/index.js";
import { buildModel, parseConfig } from "../../src/config.js";
import { check } from "../../src/engine/check.js";
import { execute } from "../../src/simulation/execution.js";
import { judgeFor } from "../../src/simulation/judges.js";
import { searchRuns, simulate } from "../../src/simulation/simulate.js";
import { strategies } from "../../src/simulation/strategies/index.js";
import { uniform } from "../../src/simulation/strategies/uniform.js";

const names = properties.map((p) => p.name);
const modelOf = (raw: Record<string, unknown>) => buildModel(parseConfig(raw, names));
const ones = (n: number) => Array.from({ length: n }, () => 1).join(",");
const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const row = (cells: readonly (string | number)[]) => `| ${cells.join(" | ")} |`;

function throughput(runs: number): void {
  console.log(
    `\nThroughput: ${runs} runs after a warm-up, uniform, at most 50 scheduled steps, every property judged\n`,
  );
  console.log(row(["processes", "channels", "runs/s", "steps/s", "steps/run"]));
  console.log(row(["---", "---", "---", "---", "---"]));
  for (let n = 3; n <= 8; n++) {
    for (const channels of ["fifo", "nonfifo"]) {
      const model = modelOf({ balances: ones(n), channels });
      const judges = properties.map((p) => judgeFor(p, model));
      const options = { model, judges, strategy: uniform, maxSteps: 50, seed: 1, first: 0, end: runs };
      searchRuns({ ...options, end: runs / 10 }); // warm-up: let V8 compile the hot paths
      const started = performance.now();
      const { stats } = searchRuns(options);
      const seconds = (performance.now() - started) / 1000;
      const perSecond = (x: number) => Math.round(x / seconds).toLocaleString("en-US");
      console.log(
        row([
          n,
          channels,
          perSecond(stats.runs),
          perSecond(stats.steps),
          (stats.steps / stats.runs).toFixed(1),
        ]),
      );
    }
  }
}

/**
 * The median, over `seeds` seeds, of the number of runs until the first consistent-cut violation
 * under nonfifo: as simulate runs them, and by the 50 scheduled steps alone (no continuation), where
 * every step of the failing run, the snapshot's completion included, is the strategy's own.
 */
function runsToFirstCounterexample(seeds: number, limit: number): void {
  for (const continuation of [true, false]) {
    const how = continuation
      ? "as simulate runs them (50 scheduled steps, then the forced-fair continuation)"
      : "by the 50 scheduled steps alone";
    console.log(
      `\nRuns until the first consistent-cut counterexample under nonfifo, ${how}: median over ${seeds} seeds, at most ${limit} runs (∞: none)\n`,
    );
    console.log(row(["processes", ...strategies.map((s) => s.name)]));
    console.log(row(["---", ...strategies.map(() => "---")]));
    for (let n = 3; n <= 8; n++) {
      const model = modelOf({ balances: ones(n), channels: "nonfifo" });
      const judge = judgeFor(consistentCut, model);
      const cells = strategies.map((strategy) => {
        const counts = Array.from({ length: seeds }, (_, seed) => {
          const schedules = fc.sample(strategy.schedule(model, 50), { seed: seed + 1, numRuns: limit });
          const first = schedules.findIndex(
            (schedule) => judge.judge(execute(model, schedule.start(), continuation)).kind === "violated",
          );
          return first < 0 ? Number.POSITIVE_INFINITY : first + 1;
        });
        const m = median(counts);
        return m === Number.POSITIVE_INFINITY ? "∞" : String(m);
      });
      console.log(row([n, ...cells]));
    }
  }
}

function shrinking(seeds: number): void {
  console.log(`\nShrunk length against explore's minimum, uniform, seeds 1–${seeds}\n`);
  console.log(
    row(["configuration", "property", "explore's minimum", "shrunk lengths (seeds)", "at the minimum"]),
  );
  console.log(row(["---", "---", "---", "---", "---"]));
  const configs = [
    { balances: "1,1", channels: "nonfifo", maxDepth: 8 },
    { balances: "1,1,0", channels: "nonfifo", maxDepth: 9 },
    { balances: "1,1,1", channels: "nonfifo", maxDepth: 8 },
    { balances: "2,0,0", channels: "nonfifo", maxDepth: 9 },
    { workload: "orders", balances: "1,1", channels: "nonfifo", maxDepth: 8 },
  ];
  let hits = 0;
  let total = 0;
  for (const raw of configs) {
    const model = modelOf(raw);
    const safety = properties.filter((p) => p.kind === "always");
    const exhaustive = check(model, safety, { limits: { maxDepth: raw.maxDepth } });
    for (const verdict of exhaustive.verdicts) {
      const minimum = verdict.counterexample?.steps.length;
      if (minimum === undefined) continue;
      const judges = [judgeFor(verdict.property, model)];
      const lengths = Array.from({ length: seeds }, (_, seed) => {
        const result = simulate({
          model,
          judges,
          strategy: uniform,
          maxSteps: 50,
          seed: seed + 1,
          first: 0,
          end: 1000,
        });
        return result.verdicts[0]?.counterexample?.steps.length ?? Number.NaN;
      });
      const atMinimum = lengths.filter((l) => l === minimum).length;
      hits += atMinimum;
      total += seeds;
      const name = `${raw.workload ?? "bank"} ${raw.balances} ${raw.channels}`;
      const spread = [...new Set(lengths)]
        .sort((a, b) => a - b)
        .map((l) => `${l}: ${lengths.filter((x) => x === l).length}×`);
      console.log(row([name, verdict.property.name, minimum, spread.join(", "), `${atMinimum}/${seeds}`]));
    }
  }
  console.log(`\nAt explore's minimum: ${hits} of ${total} shrunk counterexamples.`);
}

/** Runs the three parts; the sizes keep the whole under a few minutes on two cores. */
export function simulateBench(): void {
  throughput(2000);
  runsToFirstCounterexample(11, 1000);
  shrinking(20);
}
