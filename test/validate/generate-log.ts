/**
 * Writes a large, correct run log for timing `snapcheck validate`: a bank of P processes on FIFO
 * channels, simulated in one thread from a seed (random transfers and deliveries), one
 * Chandy–Lamport snapshot started by P0 a third of the way in, and the channels drained at the end
 * so the snapshot completes.
 *
 *   npx tsx test/validate/generate-log.ts --events 100000 --out /tmp/big.jsonl
 *   time npx snapcheck validate /tmp/big.jsonl
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { seeded } from "../../examples/reference-implementation/random.js";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "100000" },
    processes: { type: "string", default: "4" },
    seed: { type: "string", default: "1" },
    out: { type: "string" },
  },
});
const target = Number(values.events);
const n = Number(values.processes);
const random = seeded(Number(values.seed));
const pick = (k: number) => Math.floor(random() * k);

type Wire = { readonly kind: "app"; readonly id: number } | { readonly kind: "marker" };
const balances = Array.from({ length: n }, () => 5);
const channels = new Map<string, Wire[]>();
for (let f = 0; f < n; f++) for (let t = 0; t < n; t++) if (f !== t) channels.set(`${f},${t}`, []);
const recorded = balances.map(() => false);
const recording = balances.map(() => new Map<number, number[]>());
const lines = [
  JSON.stringify({
    event: "run",
    processes: n,
    workload: "bank",
    initial: balances.map((balance) => ({ balance })),
  }),
];
const log = (e: Record<string, unknown>) => lines.push(JSON.stringify(e));
let nextId = 0;

function record(p: number): void {
  recorded[p] = true;
  log({ event: "record", process: p, state: { balance: balances[p] } });
  for (let q = 0; q < n; q++) {
    if (q === p) continue;
    log({ event: "marker-send", process: p, to: q });
    channels.get(`${p},${q}`)?.push({ kind: "marker" });
    recording[p]?.set(q, []);
  }
}

function deliver(from: number, to: number): void {
  const m = channels.get(`${from},${to}`)?.shift();
  if (m === undefined) return;
  const mine = recording[to] as Map<number, number[]>;
  if (m.kind === "app") {
    log({ event: "receive", process: to, from, id: m.id });
    balances[to] = (balances[to] as number) + 1;
    mine.get(from)?.push(m.id);
    return;
  }
  log({ event: "marker-receive", process: to, from });
  if (!recorded[to]) record(to);
  log({ event: "channel-recorded", process: to, from, messages: mine.get(from) ?? [] });
  // The channel's recording is over: later arrivals are not part of it.
  mine.delete(from);
}

function send(p: number): void {
  if ((balances[p] as number) < 1) return;
  const q = (p + 1 + pick(n - 1)) % n;
  balances[p] = (balances[p] as number) - 1;
  const id = nextId++;
  log({ event: "send", process: p, to: q, id, payload: "T" });
  channels.get(`${p},${q}`)?.push({ kind: "app", id });
}

while (lines.length < target) {
  if (!recorded[0] && lines.length > target / 3) record(0);
  if (random() < 0.5) send(pick(n));
  else {
    const from = pick(n);
    deliver(from, (from + 1 + pick(n - 1)) % n);
  }
}
// Delivering a marker may send more: drain until every channel is empty.
while ([...channels.values()].some((queue) => queue.length > 0)) {
  for (const [key, queue] of channels) {
    const [from, to] = key.split(",").map(Number) as [number, number];
    while (queue.length > 0) deliver(from, to);
  }
}
const text = `${lines.join("\n")}\n`;
if (values.out === undefined) process.stdout.write(text);
else writeFileSync(values.out, text);
