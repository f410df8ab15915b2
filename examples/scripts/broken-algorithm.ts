/**
 * Chandy–Lamport that forgets in-flight messages (a channel's record is never filled), caught under
 * FIFO, its shortest counterexample written under the folder given as the first argument.
 * Run: npx tsx examples/scripts/broken-algorithm.ts /tmp/out
 */
import { chandyLamport, check, model, type SnapshotAlgorithm, writeCounterexample } from "snapcheck";

const outDir = process.argv[2];
if (outDir === undefined) throw new Error("usage: broken-algorithm.ts OUT_DIR");
const forgetful: SnapshotAlgorithm = {
  ...chandyLamport,
  name: "forgets-in-flight",
  onAppArrival: () => {}, // the bug: messages arriving while a channel records are not recorded
};
const broken = model({ balances: [1, 1, 0], algorithm: forgetful });
for (const v of check(broken).verdicts) {
  if (v.counterexample === undefined) continue;
  const file = writeCounterexample(broken, v.counterexample, outDir);
  console.log(`${v.property.name}: ✗ ${v.counterexample.steps.length} steps, ${file.path}`);
}
