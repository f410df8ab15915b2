/**
 * Which directed channels exist. The lecture's model (and the default) is the complete topology:
 * one channel c(i,j) for every ordered pair i ≠ j; `ring`, `line` and `star` name common others,
 * and any set of links can be given. Channels are numbered in (from, to) order so that enabled
 * steps, keys and saved paths come out in one deterministic order.
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

  /** A directed ring: P0→P1→…→P(N-1)→P0. */
  static ring(processes: number): Topology {
    return new Topology(
      processes,
      Array.from({ length: processes }, (_, p) => ({ from: p, to: (p + 1) % processes })),
    );
  }

  /** A line with channels both ways between neighbours: P0⇄P1⇄…⇄P(N-1). */
  static line(processes: number): Topology {
    return new Topology(
      processes,
      Array.from({ length: processes - 1 }, (_, p) => [
        { from: p, to: p + 1 },
        { from: p + 1, to: p },
      ]).flat(),
    );
  }

  /** A star around P0, with channels both ways between P0 and every other process. */
  static star(processes: number): Topology {
    return new Topology(
      processes,
      Array.from({ length: processes - 1 }, (_, k) => [
        { from: 0, to: k + 1 },
        { from: k + 1, to: 0 },
      ]).flat(),
    );
  }

  /** The processes a marker sent by `from` can reach, `from` included. */
  reachableFrom(from: number): Set<number> {
    const seen = new Set([from]);
    const queue = [from];
    for (let i = 0; i < queue.length; i++) {
      for (const c of this.outgoing[queue[i] as number] ?? []) {
        const { to } = this.channel(c);
        if (!seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    return seen;
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
