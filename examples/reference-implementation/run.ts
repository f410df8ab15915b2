/**
 * A real Chandy–Lamport run: one worker thread per process (node.ts), a MessagePort between every
 * pair, random delays from a seed, FIFO or deliberately non-FIFO links. P0 starts the snapshot at a
 * random step. The run's log, in the run-log format, goes to --out (or stdout), ready for
 * `snapcheck validate`:
 *
 *   npx tsx examples/reference-implementation/run.ts --seed 7 --channels nonfifo --out run.jsonl
 *   npx snapcheck validate run.jsonl --out validated
 *
 * Flags: --processes N (3), --seed S (1), --channels fifo|nonfifo (fifo), --steps K (20 per
 * process), --balance B (3 each), --max-delay MS (6), --out FILE.
 */

import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { MessageChannel, type MessagePort, Worker } from "node:worker_threads";
import type { NodeSetup } from "./node.js";
import { seeded } from "./random.js";

const { values } = parseArgs({
  options: {
    processes: { type: "string", default: "3" },
    seed: { type: "string", default: "1" },
    channels: { type: "string", default: "fifo" },
    steps: { type: "string", default: "20" },
    balance: { type: "string", default: "3" },
    "max-delay": { type: "string", default: "6" },
    out: { type: "string" },
  },
});

const processes = Number(values.processes);
const seed = Number(values.seed);
const steps = Number(values.steps);
const balance = Number(values.balance);
const maxDelay = Number(values["max-delay"]);
if (values.channels !== "fifo" && values.channels !== "nonfifo")
  throw new Error(`--channels: expected fifo or nonfifo, got ${values.channels}`);
const fifo = values.channels === "fifo";
const random = seeded(seed);
const initiateAt = 1 + Math.floor(random() * Math.max(1, steps / 2));

/** Starts node.ts on a worker thread under tsx (a worker's entry module gets no --import loader). */
function startNode(setup: NodeSetup): Worker {
  const here = import.meta.url;
  const tsx = new URL("./index.mjs", pathToFileURL(createRequire(here).resolve("tsx/esm/api"))).href;
  const entry = new URL("./node.ts", here).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: setup });
}

const lines: string[] = [];
const nodes = Array.from({ length: processes }, (_, id) =>
  startNode({
    id,
    processes,
    seed: seed * 1000 + id,
    fifo,
    balance,
    steps,
    maxDelay,
    initiateAt: id === 0 ? initiateAt : undefined,
  }),
);

// One MessageChannel per pair: each end talks to the other process.
const ports: Record<number, MessagePort>[] = nodes.map(() => ({}));
for (let p = 0; p < processes; p++) {
  for (let q = p + 1; q < processes; q++) {
    const { port1, port2 } = new MessageChannel();
    (ports[p] as Record<number, MessagePort>)[q] = port1;
    (ports[q] as Record<number, MessagePort>)[p] = port2;
  }
}

let done = 0;
const finished = new Promise<void>((resolve) => {
  nodes.forEach((node) => {
    node.on("message", (m: { kind: "log"; line: string } | { kind: "done" }) => {
      if (m.kind === "log") lines.push(m.line);
      else if (++done === processes) resolve();
    });
  });
});
nodes.forEach((node, p) => {
  const mine = ports[p] as Record<number, MessagePort>;
  node.postMessage({ kind: "ports", ports: mine }, Object.values(mine));
});

const timeout = setTimeout(() => {
  process.stderr.write("the run did not finish in 20 s: a snapshot never completed\n");
  process.exit(1);
}, 20_000);
await finished;
clearTimeout(timeout);
// Let messages still on their way arrive (or stay in flight: the log may end with them unreceived).
await new Promise((resolve) => setTimeout(resolve, maxDelay * 2));
await Promise.all(nodes.map((n) => n.terminate()));

const header = {
  event: "run",
  processes,
  channels: fifo ? "fifo" : "nonfifo",
  workload: "bank",
  initial: nodes.map(() => ({ balance })),
};
const log = `${[JSON.stringify(header), ...lines].join("\n")}\n`;
if (values.out === undefined) process.stdout.write(log);
else writeFileSync(values.out, log);
