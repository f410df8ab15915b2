/** The snapshot algorithm catalogue, by name. */
import type { SnapshotAlgorithm } from "./algorithm.js";
import { chandyLamport } from "./chandy-lamport.js";
import { laiYang } from "./lai-yang.js";

export const algorithms: readonly SnapshotAlgorithm[] = [chandyLamport, laiYang];

export function findAlgorithm(name: string): SnapshotAlgorithm | undefined {
  return algorithms.find((a) => a.name === name);
}
