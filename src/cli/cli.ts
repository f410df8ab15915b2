/**
 * The snapcheck command line as a function: it dispatches to the commands and turns every error
 * into one line on stderr and exit code 2, never a stack trace (an unexpected one says it is a
 * bug). Commands: explore, simulate, merge, replay, list, examples, matrix, report, export,
 * snapshots, validate. Exit codes: 0 every checked property holds, 1 a property is violated, 2 bad
 * input, 3 a limit stopped the search before a verdict.
 */
import { SnapcheckError, UsageError } from "../errors.js";
import { loadPlugins } from "../plugins/load.js";
import { examplesCommand } from "./examples-command.js";
import { exploreCommand } from "./explore-command.js";
import { exportCommand } from "./export-command.js";
import { listCommand } from "./list-command.js";
import { matrixCommand } from "./matrix-command.js";
import { mergeCommand } from "./merge-command.js";
import { packageVersion } from "./package-files.js";
import { printNote, printText } from "./print.js";
import { replayCommand } from "./replay-command.js";
import { reportCommand } from "./report-command.js";
import { simulateCommand } from "./simulate-command.js";
import { snapshotsCommand } from "./snapshots-command.js";
import { validateCommand } from "./validate-command.js";

export const USAGE = `snapcheck — a model checker for distributed-snapshot algorithms

Usage:
  snapcheck --version                         print the version
  snapcheck explore [--config FILE] [flags]   explore every interleaving and check the properties
  snapcheck simulate [--config FILE] [flags]  sample random runs (fast-check), shrink what fails
  snapcheck merge FILE… [--json]              combine the --json reports of simulate's shards
  snapcheck replay FILE [--json]              re-run a counterexample or scenario trace
  snapcheck examples [--json] [--out DIR]     check the built-in examples and print the verdict table
  snapcheck matrix [--json] [--out DIR] [--svg F]  every algorithm under every channel discipline: what fails
  snapcheck snapshots --topology X.top --events Y.events [--snap DIR] [--check F.snap] [--json]
                                              every snapshot the algorithm can record in a scenario;
                                              --check: is F.snap one of them, else the closest and what differs
  snapcheck validate LOG [--workload NAME] [--json] [--out DIR]
                                              judge the snapshot a real implementation recorded,
                                              from its run log (docs/run-log.md); --out writes the
                                              run as a trace and a space-time diagram
  snapcheck list                              list algorithms, workloads, channels and properties
  snapcheck report FILE [--out F.html]        one HTML page for a trace: diagram, step slider, states
  snapcheck export --format F …               a trace or the state graph for other tools:
      --format svg|shiviz|mermaid FILE.itf.json          the run: space-time diagram, ShiViz log, Mermaid
      --format gexf|graphml|dot [--config FILE] [flags]  the global-state graph (explore's model flags)
      --format size-plot [--processes 2,3] [--max-money N] [--channels NAME] [--max-states N]
                                                         distinct states against processes and money
      --format promela [--config FILE] [flags]           a Promela model for SPIN, state counts equal
                                                         (bank, chandy-lamport, fifo|nonfifo; --max-depth)
    (stdout, or --out FILE; never over a different file)

explore flags (each overrides the same field of --config):
  --processes N        number of processes (default: one per balance, else 2)
  --topology NAME      complete | ring | line | star | links such as 0-1,1-2,2-0 (default complete)
  --balances 2,1,1     each process's balance (bank), cash (orders) or budget (diffusing, deadlock)
  --stock 1,1          orders only: each process's stock of its own good (default 1 each)
  --workload NAME      bank | orders | diffusing | deadlock       (default bank; tokens comes with a script)
  --algorithm NAME     chandy-lamport                             (default chandy-lamport)
  --channels NAME      fifo | nonfifo                             (default fifo)
  --initiators LIST    0 | 0,2 | all                              (default 0)
  --instances K        snapshot instances, each started by an initiator once the previous one started (default 1)
  --events FILE        a COS 418 events file (with --topology FILE.top): a scripted scenario
  --ticks              scripted scenarios: deliveries only at tick lines and after the end
  --properties LIST    names from 'snapcheck list'                (default all)
  --max-states N       stop after N distinct states
  --max-depth N        keep states at most N steps from the initial one (default 12 under nonfifo)
  --max-memory SIZE    stop cleanly, with partial statistics, at this heap size: 512 or 512m (MiB), 2g (GiB)
                       (default 85% of the heap limit)
  --engine NAME        generic (the packed engine: every model, every property) | compact (bank,
                       chandy-lamport, one snapshot: compiled successors, conservation and termination)
                       (default generic)
  --mode NAME          compact engine: exact | fingerprint (64-bit, TLC-style) | bitstate (SPIN supertrace)
  --reduce NAME        compact engine: auto | none | symmetry | por | all   (default auto)
                       symmetry: one state per orbit of interchangeable processes, counts unchanged;
                       por: partial-order reduction, counts of the reduced search, runs maybe not shortest;
                       auto: symmetry unless termination (exact mode) or --graph needs the whole graph
  --workers N          compact engine: search on N worker threads (exact or fingerprint; default 1)
  --out DIR            where counterexamples are written          (default counterexamples)
  --graph FILE         also write the global-state graph (graphology JSON; small runs)
  --json               print one JSON object on stdout

simulate: explore's model flags, --properties, --out and --json, and
  --runs K             runs to sample                             (default 1000)
  --max-steps L        scheduled steps per run; then no more application steps, deliveries forced fair (default 50)
  --seed S             fast-check seed, 0 to 2^31-1               (default random, printed)
  --strategy NAME      uniform | pct | overtake                   (default uniform)
  --shard i/n          run only the i-th of n blocks of the runs (merge the --json reports)
  --path P             replay one counterexample: the path a simulation printed (RUN:SHRINK…)

Exit codes: 0 all properties hold, 1 a property is violated, 2 bad input, 3 a limit stopped the search before a verdict.`;

const commands: Record<string, (argv: string[]) => number | Promise<number>> = {
  explore: exploreCommand,
  replay: replayCommand,
  list: listCommand,
  examples: examplesCommand,
  matrix: matrixCommand,
  simulate: (argv) => simulateCommand(argv, loadPlugins),
  merge: mergeCommand,
  report: reportCommand,
  export: exportCommand,
  snapshots: snapshotsCommand,
  validate: validateCommand,
};

function dispatch(argv: string[]): number | Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    printText(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === "--version" || command === "-V") {
    printText(`snapcheck ${packageVersion()}\n`);
    return 0;
  }
  const run = commands[command];
  if (run === undefined)
    throw new UsageError(
      `unknown command "${command}"; the commands are ${Object.keys(commands).join(", ")}`,
    );
  return run(rest);
}

/** Runs the command `argv` names; resolves to its exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    return await dispatch([...argv]);
  } catch (e) {
    if (e instanceof SnapcheckError) {
      printNote(`snapcheck: ${e.message}`);
    } else {
      printNote(`snapcheck: internal error (a bug, please report it): ${(e as Error).message}`);
    }
    return 2;
  }
}
