/**
 * The packed engine on every workload (`npm run bench -- --only workloads`): per workload the time
 * to the verdicts and states/s with every property of its default set (exact store, unreduced),
 * with the safety properties on the fingerprint store, and with symmetry where the workload's
 * processes are interchangeable. The memory is what the exact store retained after the search, or
 * a hashed store's peak; bytes/state is that over the distinct states. Each check runs in a process of its own (own-process.ts), as
 * `snapcheck explore` runs. The machine's load average is printed: on a shared 2-core machine the
 * figures move with it.
 */
import { loadavg } from "node:os";
import { properties } from "../../properties/index.js";
import { buildModel, parseConfig } from "../../src/config.js";
import type { Property } from "../../src/engine/property.js";
import { ProcessSymmetry } from "../../src/model/symmetry.js";
import type { OneCheck } from "./one-check.js";
import { checkInOwnProcess } from "./own-process.js";

const MIB = 2 ** 20;

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

/** The cells of one check, run in a process of its own (own-process.ts). */
function measure(asked: OneCheck): (string | number)[] {
  const m = checkInOwnProcess(asked);
  const bytes = m.memoryMiB * MIB;
  return [
    m.verdicts.map((v) => `${v.property} ${v.holds ? "✓" : "✗"}`).join(", "),
    m.distinctStates,
    m.stored,
    m.searchSeconds.toFixed(2),
    Math.round(m.distinctStates / m.searchSeconds),
    m.memoryMiB.toFixed(0),
    Math.round(bytes / m.distinctStates),
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
  for (const { name, raw } of WORKLOADS) {
    const config = parseConfig(raw, names);
    const every = config.properties.map((p) => properties.find((q) => q.name === p) as Property);
    const safety = every.filter((p) => p.kind === "always");
    const named = (list: readonly Property[]) => list.map((p) => p.name);
    console.log(
      row([name, "exact, unreduced (every property)", ...measure({ raw, properties: named(every) })]),
    );
    console.log(
      row([
        name,
        "fingerprint, unreduced (safety)",
        ...measure({ raw, properties: named(safety), store: "fingerprint" }),
      ]),
    );
    if (typeof ProcessSymmetry.of(buildModel(config)) === "string") continue;
    const symmetric = safety.filter((p) => p.symmetric === true);
    console.log(
      row([name, "exact, symmetry", ...measure({ raw, properties: named(symmetric), symmetry: true })]),
    );
  }
}
