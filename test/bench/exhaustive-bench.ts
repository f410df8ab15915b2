/**
 * The exhaustive-search benchmark, side by side with SPIN: per reference configuration,
 * snapcheck's engine (conservation alone, unreduced and with symmetry; every property of the
 * default set — consistent-cut, reachable-cut, conservation, termination; every safety property in
 * fingerprint mode) checks bank with Chandy–Lamport, each check in a process of its own as
 * `snapcheck explore` runs (one-check.ts), and SPIN checks the same model exported by `export
 * --format promela` (its conservation assert), in the same run. Printed
 * per checker: the verdict, distinct states (SPIN: states stored — equal, or the row says so),
 * transitions (SPIN: stored+matched), depth, compile and search seconds, states per second, memory
 * and bytes per state. The engine's memory is, in the exact store, the heap and array buffers it
 * retains after a forced collection, less those before; with fingerprints, the most its tables and
 * frontier held at once, the fingerprint table sized once from the state count it is told to expect
 * (`--max-states`, here a tenth above the exact store's count), as SPIN's -w and TLC's fpmem are;
 * SPIN's is pan's "total actual memory usage", its hash table (-w, sized from the state count)
 * included. SPIN's rate and ratios count its search only; "to verdict" adds its compile. Timings
 * on a shared machine move by tens of percent from run to run, so on the reference configurations
 * each check runs BEST_OF times, alternating with the other checkers' runs, and its fastest run
 * counts (SPIN: its fastest compile and its fastest search), for both tools alike. The scale
 * test (fifo 2,2,2, about 145 million states) runs only with --scale: the engine checks every
 * safety property there with fingerprints (the table sized for 150 million), and conservation with
 * fingerprints and symmetry, held to a memory budget so that it stops cleanly; the process's peak
 * resident size is printed after them.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { properties } from "../../properties/index.js";
import { buildModel, parseConfig } from "../../src/config.js";
import { ProcessSymmetry } from "../../src/model/symmetry.js";
import { linePlotSvg } from "../../src/render/line-plot.js";
import { promelaModel } from "../../src/render/promela.js";
import { compileSpin, type SpinSearch, spinPresent } from "../support/spin.js";
import { checkInOwnProcess } from "./own-process.js";

/** The properties a fingerprint store decides on bank (conservation first, for the verdict column). */
const SAFETY_PROPERTIES = ["conservation", "consistent-cut", "reachable-cut"];

/** The default set of properties on bank with Chandy–Lamport (conservation first, for the verdict column). */
const EVERY_PROPERTY = ["conservation", "consistent-cut", "reachable-cut", "termination"];

interface BenchConfig {
  readonly name: string;
  /** The name under the plots' x axis, where four must fit side by side. */
  readonly short: string;
  readonly raw: Record<string, unknown>;
  /** Sizes SPIN's hash table when snapcheck's own count stops short of it (the scale test). */
  readonly expectedStates?: number;
}

const REFERENCE: readonly BenchConfig[] = [
  { name: "fifo 5,5", short: "fifo 5,5", raw: { balances: "5,5" } },
  { name: "fifo 1,1,1 initiator P0", short: "fifo 1,1,1 P0", raw: { balances: "1,1,1" } },
  {
    name: "fifo 1,1,1 all initiators",
    short: "fifo 1,1,1 all",
    raw: { balances: "1,1,1", initiators: "all" },
  },
  {
    name: "nonfifo 1,1,1 depth ≤ 10",
    short: "nonfifo d ≤ 10",
    raw: { balances: "1,1,1", channels: "nonfifo", maxDepth: 10 },
  },
];

/** Runs of each check on the reference configurations, of which the fastest counts. */
const BEST_OF = 3;

/** The run of `runs` with the shortest search (its other figures are the same run's). */
function fastest<M extends Measured>(runs: readonly M[]): M {
  return runs.reduce((best, m) => (m.searchSeconds < best.searchSeconds ? m : best));
}

/** snapcheck's memory budget in the scale test (its fingerprint table lives outside the heap). */
const SCALE_MEMORY_MIB = 8192;

/** The scale test's count, known from earlier runs: its fingerprint table is sized for a bit more. */
const SCALE_STATES = 145_178_408;

const SCALE: BenchConfig = {
  name: "fifo 2,2,2 (scale)",
  short: "fifo 2,2,2",
  raw: { balances: "2,2,2", maxMemoryMiB: SCALE_MEMORY_MIB, maxStates: 150_000_000 },
  expectedStates: SCALE_STATES,
};

const MIB = 2 ** 20;
const int = (x: number) => Math.round(x).toLocaleString("en-US");
const fixed = (x: number, digits = 2) => x.toFixed(digits);
const row = (cells: readonly (string | number)[]) => `| ${cells.join(" | ")} |`;

interface Measured {
  readonly verdict: string;
  /** SPIN compiles its model (spin -a, cc); snapcheck has no such step. */
  readonly compiles: boolean;
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly compileSeconds: number;
  readonly searchSeconds: number;
  /** Seconds of search until the verdict: the whole search, except SPIN's when it finds a violation. */
  readonly verdictSeconds: number;
  readonly memoryMiB: number;
}

/**
 * The engine checks `checked` (conservation first: its verdict fills the column) in a process of
 * its own (one-check.ts): each row with a fresh heap, as `snapcheck explore` runs.
 */
function snapcheckRun(
  raw: Record<string, unknown>,
  checked: readonly string[] = ["conservation"],
  options: { readonly store?: "fingerprint"; readonly symmetry?: boolean } = {},
): Measured & { stop: string; peakResidentMiB: number } {
  const m = checkInOwnProcess({ raw, properties: checked, ...options });
  return {
    verdict: verdictText(m.violatedIn, m.stop),
    compiles: false,
    states: m.distinctStates,
    transitions: m.transitions,
    depth: m.maxDepth,
    compileSeconds: 0,
    searchSeconds: m.searchSeconds,
    verdictSeconds: m.searchSeconds,
    memoryMiB: m.memoryMiB,
    stop: m.stop,
    peakResidentMiB: m.peakResidentMiB,
  };
}

/** Conservation's verdict in words: violated in so many steps, or holds — to the bound, or unknown past a limit. */
function verdictText(violatedIn: number | undefined, stop: string): string {
  if (violatedIn !== undefined) return `violated (${violatedIn} steps)`;
  if (stop === "exhausted") return "holds";
  return stop === "max-depth" ? "holds to the bound" : `unknown (${stop})`;
}

/** Above 10^7 pan prints counts with 8 significant digits (support/spin.ts): equal to that precision? */
function sameToSpinsDigits(ours: number, spins: number): boolean {
  return spins >= 1e7 && Number(ours.toPrecision(8)) === spins;
}

/** pan's hash table: about two slots per state, from 2^18 to 2^28 slots (8 bytes each). */
function hashBitsFor(states: number): number {
  return Math.min(28, Math.max(18, Math.ceil(Math.log2(Math.max(states, 1))) + 1));
}

/** SPIN's fastest compile and fastest search among `runs` (each compiled and searched anew). */
function bestSpinRun(runs: readonly Measured[]): Measured {
  return {
    ...fastest(runs),
    compileSeconds: Math.min(...runs.map((m) => m.compileSeconds)),
    verdictSeconds: Math.min(...runs.map((m) => m.verdictSeconds)),
  };
}

function spinRun(config: ReturnType<typeof parseConfig>, expectedStates: number): Measured {
  const compiled = compileSpin(promelaModel(config));
  try {
    const hashBits = hashBitsFor(expectedStates);
    const judged = compiled.search({ maxDepth: config.maxDepth, countOnly: false, hashBits });
    const depth = /assertion violated .*\(at depth (\d+)\)/.exec(judged.output)?.[1];
    // A violation stops pan's search: count the states again with assertions ignored.
    const counted: SpinSearch = judged.assertionViolated
      ? compiled.search({ maxDepth: config.maxDepth, countOnly: true, hashBits })
      : judged;
    const verdict = judged.assertionViolated
      ? `violated (${Number(depth) + 1} steps)`
      : config.maxDepth === undefined
        ? "holds"
        : "holds to the bound";
    return {
      verdict,
      compiles: true,
      states: counted.statesStored,
      transitions: counted.transitions,
      depth: counted.depthReached,
      compileSeconds: compiled.compileSeconds,
      searchSeconds: counted.searchSeconds,
      verdictSeconds: judged.searchSeconds,
      memoryMiB: counted.memoryMiB,
    };
  } finally {
    compiled.dispose();
  }
}

function cells(name: string, checker: string, m: Measured): (string | number)[] {
  return [
    name,
    checker,
    m.verdict,
    int(m.states),
    int(m.transitions),
    m.depth,
    m.compiles ? fixed(m.compileSeconds) : "-",
    fixed(m.searchSeconds),
    int(m.states / m.searchSeconds),
    fixed(m.memoryMiB, 1),
    int((m.memoryMiB * MIB) / m.states),
  ];
}

/** One configuration's figures, for the plots. */
interface Measurements {
  readonly short: string;
  readonly checkers: { readonly name: string; readonly m: Measured }[];
}

/** The two plots of the README: states per second, and milliseconds to the verdict, per checker. */
function writePlots(dir: string, rows: readonly Measurements[]): void {
  const checkers = [...new Set(rows.flatMap((r) => r.checkers.map((c) => c.name)))];
  const plot = (title: string, yLabel: string, value: (m: Measured) => number) => ({
    title,
    xLabel: "reference configuration (bank, Chandy–Lamport; conservation)",
    yLabel,
    xTickLabels: rows.map((r) => r.short),
    series: checkers.map((name) => ({
      name,
      points: rows.flatMap((r, i) => {
        const m = r.checkers.find((c) => c.name === name)?.m;
        return m === undefined ? [] : [{ x: i + 1, y: value(m), atLeast: false }];
      }),
    })),
    note: `npm run bench -- --only exhaustive --plot ${dir}, ${new Date().toISOString().slice(0, 10)}, the 2-core machine; equal state counts on every configuration.`,
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "bench-states-per-second.svg"),
    linePlotSvg(
      plot("States stored per second", "states per second (log scale)", (m) => m.states / m.searchSeconds),
    ),
  );
  writeFileSync(
    join(dir, "bench-time-to-verdict.svg"),
    linePlotSvg(
      plot("Time to the verdict (SPIN: compile + search)", "milliseconds (log scale)", (m) =>
        Math.max(1, 1000 * (m.compileSeconds + m.verdictSeconds)),
      ),
    ),
  );
}

/** Runs the side-by-side table on the reference configurations, and the scale test when asked. */
export function exhaustiveBench(options: {
  readonly scale: boolean;
  readonly plot?: string | undefined;
}): void {
  const names = properties.map((p) => p.name);
  console.log(
    "\nExhaustive search, side by side with SPIN (bank, Chandy–Lamport; conservation checked by both)\n",
  );
  if (!spinPresent) console.log("SPIN rows skipped: spin or cc is absent (apt-get install -y spin)\n");
  console.log(
    row([
      "configuration",
      "checker",
      "conservation",
      "distinct states",
      "transitions",
      "depth",
      "compile s",
      "search s",
      "states/s",
      "memory MiB",
      "bytes/state",
    ]),
  );
  console.log(row(Array.from({ length: 11 }, () => "---")));
  const ratios: string[] = [];
  const measured: Measurements[] = [];
  const configs = options.scale ? [...REFERENCE, SCALE] : REFERENCE;
  for (const { name, short, raw, expectedStates } of configs) {
    const config = parseConfig(raw, names);
    const scale = raw === SCALE.raw;
    const checkers: { name: string; m: Measured }[] = [];
    const spinRuns: Measured[] = [];
    /** Runs and prints one snapcheck row, and keeps it for the plots and the ratios. */
    const measure = <M extends Measured>(checker: string, m: M): M => {
      console.log(row(cells(name, `snapcheck ${checker}`, m)));
      checkers.push({ name: checker, m });
      return m;
    };
    if (scale) {
      // Too large for an exact store: every safety property by fingerprints; conservation, which
      // renaming processes leaves alike, also on one state per orbit.
      const safety = measure(
        "fingerprints, every safety property",
        snapcheckRun(raw, SAFETY_PROPERTIES, { store: "fingerprint" }),
      );
      const symmetric = measure(
        "fingerprints, symmetry",
        snapcheckRun(raw, ["conservation"], { store: "fingerprint", symmetry: true }),
      );
      console.log(
        `(peak resident size: ${fixed(safety.peakResidentMiB, 0)} MiB with every safety property, ${fixed(symmetric.peakResidentMiB, 0)} MiB with symmetry)`,
      );
    } else {
      // Round after round, each check once (and SPIN once), so that a slow spell of the machine
      // falls on every checker alike; each check's fastest round counts.
      const plans: { checker: string; run: () => Measured }[] = [];
      if (typeof ProcessSymmetry.of(buildModel(config)) !== "string")
        plans.push({
          checker: "symmetry",
          run: () => snapcheckRun(raw, ["conservation"], { symmetry: true }),
        });
      let states = 0;
      plans.push({
        checker: "unreduced",
        run: () => {
          const m = snapcheckRun(raw);
          states = m.states;
          return m;
        },
      });
      plans.push({ checker: "every property", run: () => snapcheckRun(raw, EVERY_PROPERTY) });
      // The fingerprint table sized once, told to expect a tenth more states than there are.
      plans.push({
        checker: "fingerprints, every safety property",
        run: () =>
          snapcheckRun({ ...raw, maxStates: Math.ceil(1.1 * states) }, SAFETY_PROPERTIES, {
            store: "fingerprint",
          }),
      });
      const runs = plans.map((): Measured[] => []);
      for (let round = 0; round < BEST_OF; round++) {
        for (const [i, plan] of plans.entries()) runs[i]?.push(plan.run());
        if (spinPresent) spinRuns.push(spinRun(config, expectedStates ?? states));
      }
      for (const [i, plan] of plans.entries()) measure(plan.checker, fastest(runs[i] ?? []));
    }
    measured.push({ short, checkers: [...checkers] });
    if (!spinPresent) continue;
    if (scale) spinRuns.push(spinRun(config, expectedStates ?? (checkers[0] as { m: Measured }).m.states));
    const spin = bestSpinRun(spinRuns);
    console.log(row(cells(name, "spin", spin)));
    (measured.at(-1) as Measurements).checkers.push({ name: "SPIN", m: spin });
    const spinTotal = spin.compileSeconds + spin.verdictSeconds;
    for (const { name: checker, m } of checkers) {
      const counts =
        m.states === spin.states
          ? "equal"
          : sameToSpinsDigits(m.states, spin.states)
            ? "equal (to SPIN's 8 printed digits)"
            : `DIFFER (${m.verdict})`;
      ratios.push(
        row([
          name,
          checker,
          counts,
          fixed(m.searchSeconds),
          fixed(spinTotal),
          fixed(m.searchSeconds / spinTotal, 2),
          fixed(m.searchSeconds / spin.searchSeconds, 2),
          fixed(m.memoryMiB / spin.memoryMiB, 2),
        ]),
      );
    }
  }
  if (!options.scale)
    console.log(
      `| ${SCALE.name} | skipped: about 145 million states; run \`npm run bench -- --scale\` (snapcheck held to ${SCALE_MEMORY_MIB} MiB) |`,
    );
  if (options.plot !== undefined) writePlots(options.plot, measured);
  if (ratios.length === 0) return;
  console.log(
    "\nRatios (snapcheck ÷ SPIN; above 1 snapcheck is slower or larger). SPIN stops at a violation;\n" +
      "snapcheck's figure is its whole search, which goes on to the bound for its other answers.\n",
  );
  console.log(
    row([
      "configuration",
      "snapcheck engine",
      "state counts",
      "snapcheck s",
      "SPIN s to verdict (compile+search)",
      "time to verdict",
      "search time",
      "memory",
    ]),
  );
  console.log(row(Array.from({ length: 8 }, () => "---")));
  for (const line of ratios) console.log(line);
}
