/**
 * Which directed channels exist. The lecture's model (and the default) is the complete topology:
 * one channel c(i,j) for every ordered pair i ≠ j. Channels are numbered in (from, to) order so
 * that enabled steps, keys and saved paths come out in one deterministic order.
 */

export interface Channel {
  readonly from: number;
  readonly to: number;
}

export class Topology {
  readonly channels: readonly Channel[];
  /** incoming[p]: indices of the channels into Pp, in index order. */
  readonly incoming: readonly (readonly number[])[];
  /** outgoing[p]: indices of the channels out of Pp, in index order. */
  readonly outgoing: readonly (readonly number[])[];
  private readonly index: ReadonlyMap<string, number>;

  constructor(
    readonly processes: number,
    channels: readonly Channel[],
  ) {
    const sorted = [...channels].sort((a, b) => a.from - b.from || a.to - b.to);
    this.channels = sorted;
    this.index = new Map(sorted.map((c, i) => [`${c.from},${c.to}`, i]));
    this.incoming = Array.from({ length: processes }, (_, p) =>
      sorted.flatMap((c, i) => (c.to === p ? [i] : [])),
    );
    this.outgoing = Array.from({ length: processes }, (_, p) =>
      sorted.flatMap((c, i) => (c.from === p ? [i] : [])),
    );
  }

  /** The complete topology on n processes. */
  static complete(processes: number): Topology {
    const channels: Channel[] = [];
    for (let from = 0; from < processes; from++) {
      for (let to = 0; to < processes; to++) if (from !== to) channels.push({ from, to });
    }
    return new Topology(processes, channels);
  }

  /** The index of c(from,to), or undefined when the topology has no such channel. */
  channelIndex(from: number, to: number): number | undefined {
    return this.index.get(`${from},${to}`);
  }

  channel(index: number): Channel {
    const c = this.channels[index];
    if (c === undefined) throw new RangeError(`no channel with index ${index}`);
    return c;
  }
}

/** The name people read: c(i,j). */
export function channelName(c: Channel): string {
  return `c(${c.from},${c.to})`;
}

export function processName(p: number): string {
  return `P${p}`;
}
