/** The workload catalogue, by name. */
import { bank } from "./bank.js";
import { deadlock } from "./deadlock.js";
import { diffusing } from "./diffusing.js";
import { orders } from "./orders.js";
import { tokens } from "./tokens.js";
import type { Workload } from "./workload.js";

export const workloads: readonly Workload[] = [bank, orders, diffusing, deadlock, tokens];

export function findWorkload(name: string): Workload | undefined {
  return workloads.find((w) => w.name === name);
}
