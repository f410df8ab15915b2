/**
 * The snapcheck command line as a function: it dispatches to the commands and turns every error
 * into one line on stderr and exit code 2, never a stack trace (an unexpected one says it is a
 * bug). Each command is declared once here — synopsis, summary, its table of flags — and
 * `snapcheck --help`, `snapcheck help CMD` and `snapcheck CMD --help` print from that declaration.
 * Exit codes: 0 every checked property holds, 1 a property is violated, 2 bad input, 3 a limit
 * stopped the search before a verdict.
 */
import { SnapcheckError, UsageError } from "../errors.js";
import { loadPlugins } from "../plugins/load.js";
import { type FlagTable, flagsHelp } from "./args.js";
import { EXAMPLES_FLAGS, examplesCommand } from "./examples-command.js";
import { EXPLORE_FLAGS, exploreCommand } from "./explore-command.js";
import { EXPORT_FLAGS, exportCommand } from "./export-command.js";
import { LIST_FLAGS, listCommand } from "./list-command.js";
import { MATRIX_FLAGS, matrixCommand } from "./matrix-command.js";
import { MERGE_FLAGS, mergeCommand } from "./merge-command.js";
import { packageVersion } from "./package-files.js";
import { printNote, printText } from "./print.js";
import { REPLAY_FLAGS, replayCommand } from "./replay-command.js";
import { REPORT_FLAGS, reportCommand } from "./report-command.js";
import { SIMULATE_FLAGS, simulateCommand } from "./simulate-command.js";
import { SNAPSHOTS_FLAGS, snapshotsCommand } from "./snapshots-command.js";
import { VALIDATE_FLAGS, validateCommand } from "./validate-command.js";

export interface Command {
  /** What follows `snapcheck` on the command line. */
  readonly synopsis: string;
  readonly summary: string;
  /** The flags its parser takes: the same table it parses with. */
  readonly flags: FlagTable;
  /** Lines after the flags, when the flags alone do not say it. */
  readonly notes?: string;
  run(argv: string[]): number | Promise<number>;
}

export const COMMANDS: Readonly<Record<string, Command>> = {
  explore: {
    synopsis: "explore [--config FILE] [flags]",
    summary: "explore every interleaving and check the properties",
    flags: EXPLORE_FLAGS,
    notes:
      "--algorithm, --workload and --properties take your own module's path too (./mine.ts): see docs/tutorial.md.",
    run: exploreCommand,
  },
  simulate: {
    synopsis: "simulate [--config FILE] [flags]",
    summary: "sample random runs (fast-check), shrink what fails",
    flags: SIMULATE_FLAGS,
    run: (argv) => simulateCommand(argv, loadPlugins),
  },
  merge: {
    synopsis: "merge FILE… [--json]",
    summary: "combine the --json reports of simulate's shards",
    flags: MERGE_FLAGS,
    run: mergeCommand,
  },
  replay: {
    synopsis: "replay FILE [--json]",
    summary: "re-run a counterexample or scenario trace",
    flags: REPLAY_FLAGS,
    run: replayCommand,
  },
  examples: {
    synopsis: "examples [--json] [--out DIR]",
    summary: "check the built-in examples and print the verdict table",
    flags: EXAMPLES_FLAGS,
    run: examplesCommand,
  },
  matrix: {
    synopsis: "matrix [--json] [--out DIR] [--svg F]",
    summary: "every algorithm under every channel discipline: what fails",
    flags: MATRIX_FLAGS,
    run: matrixCommand,
  },
  snapshots: {
    synopsis: "snapshots --topology X.top --events Y.events [--snap DIR] [--check F.snap] [--json]",
    summary: "every snapshot the algorithm can record in a scenario",
    flags: SNAPSHOTS_FLAGS,
    run: snapshotsCommand,
  },
  validate: {
    synopsis: "validate LOG [--workload NAME] [--json] [--out DIR]",
    summary: "judge the snapshot a real implementation recorded, from its run log (docs/run-log.md)",
    flags: VALIDATE_FLAGS,
    run: validateCommand,
  },
  list: {
    synopsis: "list",
    summary: "list algorithms, workloads, channels and properties",
    flags: LIST_FLAGS,
    run: listCommand,
  },
  report: {
    synopsis: "report FILE [--out F.html]",
    summary: "one HTML page for a trace: diagram, step slider, states",
    flags: REPORT_FLAGS,
    run: reportCommand,
  },
  export: {
    synopsis: "export --format F [FILE | --config FILE | flags]",
    summary: "a trace or the state graph for other tools",
    flags: EXPORT_FLAGS,
    notes: [
      "--format svg|shiviz|mermaid FILE.itf.json          the run: space-time diagram, ShiViz log, Mermaid",
      "--format gexf|graphml|dot [--config FILE] [flags]  the global-state graph (explore's model flags)",
      "--format size-plot [--processes 2,3] [--max-money N] [--channels NAME] [--max-states N]",
      "--format promela [--config FILE] [flags]           a Promela model for SPIN (bank, chandy-lamport)",
    ].join("\n"),
    run: exportCommand,
  },
};

const EXIT_CODES =
  "Exit codes: 0 all properties hold, 1 a property is violated, 2 bad input, 3 a limit stopped the search before a verdict.";

/** `snapcheck --help`: every command with its synopsis and summary. */
export function usage(): string {
  const rows = [
    ["--version", "print the version"],
    ...Object.values(COMMANDS).map((c) => [c.synopsis, c.summary]),
  ];
  const width = Math.max(...rows.map(([s]) => Math.min((s as string).length, 40)));
  const lines = rows.map(([s, text]) => {
    const synopsis = `  snapcheck ${s}`;
    return (s as string).length > 40
      ? `${synopsis}\n  ${" ".repeat(width + 12)}${text}`
      : `${synopsis.padEnd(width + 12)}${text}`;
  });
  return `snapcheck — a model checker for distributed-snapshot algorithms

Usage:
${lines.join("\n")}

Run snapcheck help COMMAND (or snapcheck COMMAND --help) for its flags and their defaults.
${EXIT_CODES}
`;
}

/** `snapcheck CMD --help`: the command's synopsis and summary, then its flags from its parser's table. */
export function commandHelp(name: string): string {
  const command = COMMANDS[name];
  if (command === undefined) throw unknownCommand(name);
  return `snapcheck ${command.synopsis}
${command.summary}

Flags:
${flagsHelp(command.flags)}
${command.notes === undefined ? "" : `\n${command.notes}\n`}
${EXIT_CODES}
`;
}

function unknownCommand(name: string): UsageError {
  return new UsageError(`unknown command "${name}"; the commands are ${Object.keys(COMMANDS).join(", ")}`);
}

/** Help asked for among a command's arguments (before a `--` that ends the flags). */
function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === "--help" || a === "-h");
}

function dispatch(argv: string[]): number | Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || (name === "help" && rest.length === 0)) {
    printText(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-V") {
    printText(`snapcheck ${packageVersion()}\n`);
    return 0;
  }
  if (name === "help") {
    printText(commandHelp(rest[0] as string));
    return 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) throw unknownCommand(name);
  if (asksForHelp(rest)) {
    printText(commandHelp(name));
    return 0;
  }
  return command.run(rest);
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
