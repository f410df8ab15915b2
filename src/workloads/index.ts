/** The workload catalogue, by name. */
import { bank } from "./bank.js";
import { deadlock } from "./deadlock.js";
import { orders } from "./orders.js";
import { termination } from "./termination.js";
import type { Workload } from "./workload.js";

export const workloads: readonly Workload[] = [bank, orders, termination, deadlock];

export function findWorkload(name: string): Workload | undefined {
  return workloads.find((w) => w.name === name);
}
