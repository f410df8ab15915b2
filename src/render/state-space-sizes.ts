/**
 * How the state space grows: the number of distinct global states of `bank` with Chandy–Lamport,
 * measured by the explorer for each number of processes and each amount of total money, ready for
 * a line plot. All the money starts at P0: every distribution of the same total is reachable, so
 * the count depends on the total only.
 */
import { buildModel, parseConfig } from "../config.js";
import { check } from "../engine/check.js";
import { grouped, type LinePlot, type PlotPoint } from "./line-plot.js";

export interface SizeGrid {
  /** One line per process count. */
  readonly processes: readonly number[];
  /** Total money from 1 to this. */
  readonly maxMoney: number;
  readonly channels: string;
  /** Stop each count here; a count that reaches it is plotted as a lower bound and ends its line. */
  readonly maxStates: number;
  readonly maxDepth?: number | undefined;
}

/** Explores every point of the grid and returns the plot of the counts. */
export function stateSpaceSizes(grid: SizeGrid): LinePlot {
  const series = grid.processes.map((n) => {
    const points: PlotPoint[] = [];
    for (let money = 1; money <= grid.maxMoney; money++) {
      const config = parseConfig(
        {
          processes: n,
          balances: Array.from({ length: n }, (_, p) => (p === 0 ? money : 0)),
          channels: grid.channels,
          maxStates: grid.maxStates,
          ...(grid.maxDepth === undefined ? {} : { maxDepth: grid.maxDepth }),
        },
        [],
      );
      const { stats } = check(buildModel(config), [], { limits: config });
      const atLeast = stats.stop === "max-states";
      points.push({ x: money, y: stats.distinctStates, atLeast });
      if (atLeast) break;
    }
    return { name: `${n} processes`, points };
  });
  // Under an infinite discipline the configuration's default depth bound applies.
  const bound = parseConfig({ processes: 2, balances: [1, 0], channels: grid.channels }, []).maxDepth;
  const maxDepth = grid.maxDepth ?? bound;
  const depth = maxDepth === undefined ? "" : `, depth ≤ ${maxDepth}`;
  return {
    title: `Distinct global states: bank with Chandy–Lamport, ${grid.channels} channels${depth}`,
    xLabel: "total money (all of it at P0 initially)",
    yLabel: "distinct states (log scale)",
    series,
    note: `Counted by snapcheck's explorer, every interleaving; hollow: at least (stopped at ${grouped(grid.maxStates)} states).`,
  };
}
