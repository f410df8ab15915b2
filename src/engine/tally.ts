/**
 * What each expanded state adds to a compact search's figures and verdicts — one definition for
 * the sequential search (explore.ts) and every worker's partition (partition.ts), so that their
 * figures mean the same. A state stands for `weight` states (its orbit's size under symmetry, else
 * 1): that many are added to the states, to the complete snapshots when its snapshot is complete,
 * to the deadlocks when no step is enabled, and, times its enabled steps, to the transitions when
 * it was expanded (a state at the depth bound is counted but not expanded, as in the generic
 * explorer). The verdicts are decided from the packed state: conservation — a complete snapshot
 * whose S* money (recorded balances + recorded transfers) is not the total; termination's stuck
 * case — a deadlock with the snapshot initiated but not complete. The first state found breaking
 * each is kept; searches expand level by level, so it is one of the shallowest.
 */

/** A state breaking a verdict, kept as packed words. */
export interface FoundState {
  readonly reason: string;
  /** Its shortest distance from the initial state. */
  readonly depth: number;
  readonly words: Uint32Array;
  /** Its id in the sequential search's exact store (for its path), else −1. */
  readonly id: number;
}

export const STUCK_REASON = "a deadlock with the snapshot initiated but not complete";

export class Tally {
  states = 0;
  transitions = 0;
  completeSnapshots = 0;
  deadlocks = 0;
  conservation: FoundState | undefined;
  stuck: FoundState | undefined;

  private readonly totalMoney: number;

  /** For a model with these initial `balances`, over states of `words` words. */
  constructor(
    balances: readonly number[],
    private readonly words: number,
  ) {
    this.totalMoney = balances.reduce((a, b) => a + b, 0);
  }

  /**
   * Counts the state at `src[offset..]`: its kernel status (kernel.ts), its `enabled` steps,
   * whether it was `expanded`, its `weight`, its `depth`, and its exact-store `id` (or −1).
   */
  count(
    src: Uint32Array,
    offset: number,
    status: number,
    enabled: number,
    expanded: boolean,
    weight: number,
    depth: number,
    id: number,
  ): void {
    const complete = (status & 1) === 1;
    this.states += weight;
    if (expanded) this.transitions += enabled * weight;
    if (complete) {
      this.completeSnapshots += weight;
      const money = status >>> 2;
      if (this.conservation === undefined && money !== this.totalMoney) {
        this.conservation = this.found(conservationReason(money, this.totalMoney), src, offset, depth, id);
      }
    }
    if (enabled === 0) {
      this.deadlocks += weight;
      if (this.stuck === undefined && !complete && (status & 2) === 2) {
        this.stuck = this.found(STUCK_REASON, src, offset, depth, id);
      }
    }
  }

  private found(reason: string, src: Uint32Array, offset: number, depth: number, id: number): FoundState {
    return { reason, depth, words: src.slice(offset, offset + this.words), id };
  }
}

/** Why a completed snapshot breaks conservation, in the generic property's words. */
export function conservationReason(recorded: number, total: number): string {
  return `S* holds money ${recorded} (recorded processes and channels), but the system holds ${total}`;
}
