/**
 * The compact engine's benchmark (never run by the tests, which never time
 * anything): `npx tsx test/bench/engine-bench.ts [--scale] [--exact-scale]`. Per reference
 * configuration it prints the states stored (orbits, with symmetry), the distinct states reported
 * (under symmetry alone, the whole space's: each orbit counted by its size), transitions, depth, seconds
 * (wall and CPU), states/s, bytes/state, the mode and, in fingerprint mode, the estimated chance
 * that a state was missed — after one warm-up run so V8 has compiled the engine. `--scale` adds
 * fifo 2,2,2 in fingerprint mode (about 145 million states: minutes, and about 2 GB), with
 * progress on stderr once a second; `--exact-scale` the same space in exact mode (about 6 GB);
 * `--reduced-scale` the same space with symmetry (fingerprint mode), then with symmetry and
 * partial-order reduction (exact mode).
 * Then the parallel search with 2 workers against the sequential engine on fifo 1,1,1 (initiator P0,
 * all initiators) and fifo 2,1,1 (4.4 million states, where the workers' startup weighs less), with
 * the speed-ups, in the same run.
 * The machine's load average is printed: on a shared 2-core machine the figures move with it.
 */
import { loadavg } from "node:os";
import type { EngineMode, EngineModel } from "../../src/engine/config.js";
import { exploreCompact } from "../../src/engine/explore.js";
import { exploreCompactParallel } from "../../src/engine/parallel.js";
import { Topology } from "../../src/model/topology.js";

interface BenchCase {
  readonly name: string;
  readonly model: EngineModel;
  readonly mode: EngineMode;
  readonly maxDepth?: number;
  readonly expectedStates?: number;
  /** Symmetry reduction: the row then shows the orbits stored. */
  readonly symmetry?: boolean;
  /** Partial-order reduction: the row shows the reduced search. */
  readonly partialOrder?: boolean;
}

const bank = (balances: number[], channels: "fifo" | "nonfifo", initiators = [0]): EngineModel => ({
  topology: Topology.complete(balances.length),
  channels,
  balances,
  initiators,
});

const cases: BenchCase[] = [
  { name: "fifo 5,5", model: bank([5, 5], "fifo"), mode: "exact" },
  { name: "fifo 1,1,1 initiator P0", model: bank([1, 1, 1], "fifo"), mode: "exact" },
  { name: "fifo 1,1,1 initiator P0", model: bank([1, 1, 1], "fifo"), mode: "fingerprint" },
  { name: "fifo 1,1,1 all initiators", model: bank([1, 1, 1], "fifo", [0, 1, 2]), mode: "exact" },
  {
    name: "fifo 1,1,1 all initiators (orbits)",
    model: bank([1, 1, 1], "fifo", [0, 1, 2]),
    mode: "exact",
    symmetry: true,
  },
  { name: "nonfifo 1,1,1 depth 10", model: bank([1, 1, 1], "nonfifo"), mode: "exact", maxDepth: 10 },
];
/** fifo 2,2,2, the scale test (about 145 million states), run as `options` say. */
const scale = (options: Omit<BenchCase, "name" | "model">): BenchCase => ({
  name: "fifo 2,2,2",
  model: bank([2, 2, 2], "fifo"),
  ...options,
});
if (process.argv.includes("--scale")) {
  cases.push(scale({ mode: "fingerprint", expectedStates: 150_000_000 }));
}
if (process.argv.includes("--reduced-scale")) {
  // The scale test with the reductions that keep conservation's verdict: symmetry in fingerprint
  // mode (what --reduce auto gives there), then symmetry and partial-order reduction in exact mode,
  // where the partial-order cycle proviso can tell depths apart.
  cases.push(scale({ mode: "fingerprint", symmetry: true, expectedStates: 75_000_000 }));
  cases.push(scale({ mode: "exact", symmetry: true, partialOrder: true, expectedStates: 40_000_000 }));
}
if (process.argv.includes("--exact-scale")) {
  // The same space stored exactly (about 6 GB): its count confirms the fingerprint run's.
  cases.push(scale({ mode: "exact", expectedStates: 146_000_000 }));
}

const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;
const row = (cells: readonly (string | number)[]) => `| ${cells.join(" | ")} |`;
const fmt = (x: number) => x.toLocaleString("en-US");
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

console.log(`Node ${process.version}; load average before: ${load()}\n`);
console.log(
  row([
    "configuration",
    "mode",
    "states stored",
    "distinct states reported",
    "transitions",
    "depth",
    "seconds",
    "CPU seconds",
    "states/s",
    "bytes/state",
    "P(state missed)",
    "stop",
  ]),
);
console.log(
  row(["---", "---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---"]),
);
exploreCompact(bank([5, 5], "fifo")); // warm-up
for (const c of cases) {
  const cpu = process.cpuUsage();
  const { stats, fingerprint, symmetry } = exploreCompact(c.model, {
    mode: c.mode,
    maxDepth: c.maxDepth,
    expectedStates: c.expectedStates,
    symmetry: c.symmetry,
    partialOrder: c.partialOrder,
    progress: (p) =>
      process.stderr.write(
        `  ${c.name}: ${fmt(p.states)} states, ${fmt(p.statesPerSecond)}/s, queue ${fmt(p.queue)}, depth ${p.depth}, ${(p.memoryBytes / 2 ** 30).toFixed(2)} GiB, ${p.seconds.toFixed(0)} s\n`,
      ),
  });
  console.log(
    row([
      c.name,
      [c.mode, c.symmetry === true ? "symmetry" : "", c.partialOrder === true ? "por" : ""]
        .filter((x) => x !== "")
        .join(" + "),
      fmt(symmetry?.orbits ?? stats.distinctStates),
      fmt(stats.distinctStates),
      fmt(stats.transitions),
      stats.maxDepth,
      stats.seconds.toFixed(2),
      cpuSeconds(process.cpuUsage(cpu)).toFixed(2),
      fmt(stats.statesPerSecond),
      stats.bytesPerState.toFixed(1),
      fingerprint === undefined ? "0 (exact)" : fingerprint.collisionProbability.toExponential(1),
      stats.stop,
    ]),
  );
}

// Both cores: the parallel search with 2 workers against the sequential engine,
// in the same run. Workers start cold (from the TypeScript sources under tsx here), so the total
// includes their startup; "search s" leaves it out. CPU seconds are the whole process's.
console.log(`\nload average before the parallel rows: ${load()}\n`);
console.log(
  row([
    "configuration",
    "engine",
    "distinct states",
    "transitions",
    "seconds",
    "startup s",
    "search s",
    "CPU seconds",
    "speed-up (total)",
    "speed-up (search)",
  ]),
);
console.log(row(["---", "---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:"]));
for (const [name, model] of [
  ["fifo 1,1,1 initiator P0", bank([1, 1, 1], "fifo")],
  ["fifo 1,1,1 all initiators", bank([1, 1, 1], "fifo", [0, 1, 2])],
  ["fifo 2,1,1 initiator P0", bank([2, 1, 1], "fifo")],
] as const) {
  let cpu = process.cpuUsage();
  const sequential = exploreCompact(model).stats;
  const sequentialCpu = cpuSeconds(process.cpuUsage(cpu));
  cpu = process.cpuUsage();
  const parallel = await exploreCompactParallel(model, { workers: 2 });
  const parallelCpu = cpuSeconds(process.cpuUsage(cpu));
  const { stats } = parallel;
  if (stats.distinctStates !== sequential.distinctStates || stats.transitions !== sequential.transitions) {
    throw new Error(`${name}: the parallel counts differ from the sequential ones`);
  }
  const search = stats.seconds - parallel.parallel.startupSeconds;
  const s = (x: number) => x.toFixed(2);
  console.log(
    row([
      name,
      "sequential",
      fmt(sequential.distinctStates),
      fmt(sequential.transitions),
      s(sequential.seconds),
      "",
      s(sequential.seconds),
      s(sequentialCpu),
      "",
      "",
    ]),
  );
  console.log(
    row([
      name,
      "parallel, 2 workers",
      fmt(stats.distinctStates),
      fmt(stats.transitions),
      s(stats.seconds),
      s(parallel.parallel.startupSeconds),
      s(search),
      s(parallelCpu),
      `${s(sequential.seconds / stats.seconds)}×`,
      `${s(sequential.seconds / search)}×`,
    ]),
  );
}
console.log(`\nload average after: ${load()}`);
