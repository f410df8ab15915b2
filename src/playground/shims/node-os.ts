/**
 * The browser's stand-in for node:os, which the search's memory budget asks for the machine's
 * memory: the device's as the browser tells it (rounded, at most 8 GiB), capped at the 4 GiB a
 * page can hope to use, so a large search stops with partial figures instead of crashing the tab.
 */
const GiB = 2 ** 30;

export function totalmem(): number {
  const device = (globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory ?? 4;
  return Math.min(device, 4) * GiB;
}
