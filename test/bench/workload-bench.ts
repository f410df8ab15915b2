/**
 * The packed engine on every workload (`npm run bench -- --only workloads`): per workload the time
 * to the verdicts and states/s with every property of its default set (exact store, unreduced),
 * with the safety properties on the fingerprint store, and with symmetry where the workload's processes are interchangeable. The
 * memory is what the exact store retained after the search, or a hashed store's peak; bytes/state is
 * that over the distinct states. The machine's load average is printed: on a shared 2-core machine the figures move with it.
 */
import { loadavg } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { properties } from "../../properties/index.js";
import { buildModel, parseConfig } from "../../src/config.js";
import { type CheckOptions, check } from "../../src/engine/check.js";
import type { Property } from "../../src/engine/property.js";
import type { Model } from "../../src/model/model.js";
import { ProcessSymmetry } from "../../src/model/symmetry.js";

const MIB = 2 ** 20;
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const WORKLOADS: { name: string; raw: Record<string, unknown> }[] = [
  { name: "bank fifo 1,1,1, initiator P0", raw: { balances: "1,1,1" } },
  { name: "bank fifo 1,1,1, every initiator", raw: { balances: "1,1,1", initiators: "all" } },
  { name: "orders fifo 2,2, stock 2,2", raw: { workload: "orders", balances: "2,2", stock: "2,2" } },
  { name: "diffusing fifo 1,1,1", raw: { workload: "diffusing", balances: "1,1,1" } },
  { name: "deadlock fifo 1,1,1", raw: { workload: "deadlock", balances: "1,1,1" } },
];

function row(cells: readonly (string | number)[]): string {
  return `| ${cells.map((c) => (typeof c === "number" ? c.toLocaleString("en") : c)).join(" | ")} |`;
}

function retained(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

function measure(model: Model, checked: readonly Property[], options: Partial<CheckOptions>, limits: object) {
  gc();
  const before = retained();
  const started = performance.now();
  const result = check(model, checked, { limits, ...options });
  const seconds = (performance.now() - started) / 1000;
  gc();
  // A hashed store is gone once the search ends: its peak is what it held.
  const bytes = result.store?.peakBytes ?? Math.max(0, retained() - before);
  const { stats } = result;
  const verdicts = result.verdicts.map((v) => `${v.property.name} ${v.holds ? "✓" : "✗"}`).join(", ");
  return [
    verdicts,
    stats.distinctStates,
    result.symmetry?.orbits ?? stats.distinctStates,
    seconds.toFixed(2),
    Math.round(stats.distinctStates / seconds),
    (bytes / MIB).toFixed(0),
    Math.round(bytes / stats.distinctStates),
  ];
}

export function workloadBench(): void {
  const names = properties.map((p) => p.name);
  console.log(`\nThe packed engine on every workload (load average ${loadavg()[0]?.toFixed(2)})\n`);
  console.log(
    row([
      "workload",
      "store, reduction",
      "verdicts",
      "distinct states",
      "states stored",
      "seconds to verdict",
      "states/s",
      "memory MiB",
      "bytes/state",
    ]),
  );
  console.log(row(Array.from({ length: 9 }, () => "---")));
  // Warm-up: let V8 compile the engine's hot paths before the first measured run.
  check(buildModel(parseConfig({ balances: "2,1" }, names)), properties, { limits: {} });
  for (const { name, raw } of WORKLOADS) {
    const config = parseConfig(raw, names);
    const model = buildModel(config);
    const every = config.properties.map((p) => properties.find((q) => q.name === p) as Property);
    const safety = every.filter((p) => p.kind === "always");
    console.log(row([name, "exact, unreduced (every property)", ...measure(model, every, {}, config)]));
    console.log(
      row([
        name,
        "fingerprint, unreduced (safety)",
        ...measure(model, safety, { store: "fingerprint" }, config),
      ]),
    );
    if (typeof ProcessSymmetry.of(model) === "string") continue;
    const symmetric = safety.filter((p) => p.symmetric === true);
    console.log(row([name, "exact, symmetry", ...measure(model, symmetric, { symmetry: true }, config)]));
  }
}
