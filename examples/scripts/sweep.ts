/**
 * A sweep: bank 1,1,0 with Chandy–Lamport on every topology under both channel disciplines, one
 * table row each (distinct states, then each property's verdict).
 * Run: npx tsx examples/scripts/sweep.ts
 */
import { check, model } from "snapcheck";

const topologies = ["complete", "ring", "line", "star"] as const;
console.log("| topology | channels | states | verdicts |");
console.log("| -------- | -------- | ------ | -------- |");
for (const topology of topologies) {
  for (const channels of ["fifo", "nonfifo"]) {
    const { stats, verdicts } = check(model({ balances: [1, 0, 0], topology, channels }));
    const cells = verdicts.map(
      (v) =>
        `${v.property.name} ${v.holds ? (v.complete ? "✓" : "?") : `✗ ${v.counterexample?.steps.length}`}`,
    );
    console.log(`| ${topology} | ${channels} | ${stats.distinctStates} | ${cells.join(", ")} |`);
  }
}
