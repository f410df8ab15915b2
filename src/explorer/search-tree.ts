/**
 * Nodes found by a breadth-first search, each with its parent pointer, the step that reached it
 * and its depth: a shortest path to any node is rebuilt by walking back (TLC-style traces).
 * Deduplication is by canonical key. A JS Map holds at most 2^24 keys (V8's limit), which bounds
 * what this tree can store.
 */
import type { Step } from "../model/types.js";

export class SearchTree<N> {
  readonly nodes: N[] = [];
  readonly parents: number[] = [];
  readonly steps: (Step | undefined)[] = [];
  readonly depths: number[] = [];
  private readonly ids = new Map<string, number>();

  get size(): number {
    return this.nodes.length;
  }

  idOf(key: string): number | undefined {
    return this.ids.get(key);
  }

  add(key: string, node: N, parent: number, step: Step | undefined, depth: number): number {
    const id = this.nodes.length;
    this.ids.set(key, id);
    this.nodes.push(node);
    this.parents.push(parent);
    this.steps.push(step);
    this.depths.push(depth);
    return id;
  }

  /** Node ids from the root to `id`. */
  pathTo(id: number): number[] {
    const path: number[] = [];
    for (let at = id; at >= 0; at = this.parents[at] ?? -1) path.push(at);
    return path.reverse();
  }

  node(id: number): N {
    const n = this.nodes[id];
    if (n === undefined) throw new RangeError(`no node ${id}`);
    return n;
  }

  depth(id: number): number {
    return this.depths[id] ?? 0;
  }
}
