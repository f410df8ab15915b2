/**
 * The browser's stand-in for node:v8, which the search asks how full the heap is: a page cannot
 * see its worker's heap, so only the search's own budget of the typed arrays it holds (see
 * node-os.ts) limits its memory here, with the depth bound and the stop button.
 */
export function getHeapStatistics(): { used_heap_size: number; heap_size_limit: number } {
  return { used_heap_size: 0, heap_size_limit: Number.POSITIVE_INFINITY };
}
