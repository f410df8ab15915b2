/**
 * The entry of a parallel-search worker (parallel.ts): builds its Partition from `workerData`, says
 * it is ready, then answers each round's batch of incoming states with its round report, whose
 * outbox buffers are transferred (moved, not copied) to the coordinator.
 */
import { parentPort, workerData } from "node:worker_threads";
import { type Batch, Partition, type PartitionSetup } from "./partition.js";

const port = parentPort;
if (port === null) throw new Error("parallel-worker.ts runs only as a worker thread (see parallel.ts)");
const partition = new Partition(workerData as PartitionSetup);
port.on("message", (incoming: readonly Batch[]) => {
  const report = partition.round(incoming);
  port.postMessage(
    report,
    report.outboxes.map((batch) => batch.buffer),
  );
});
port.postMessage("ready");
