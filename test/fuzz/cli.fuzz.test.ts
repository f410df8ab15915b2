/**
 * Fuzzing the command line with fast-check: random command lines (flags, values of the wrong type,
 * unknown flags), random config files and mutated traces go through the real entry (runCli,
 * in-process). Whatever the input, snapcheck answers with an exit code it documents; bad input
 * gets exit 2 and one line that names the flag, field or file at fault; never a stack trace or an
 * internal error, and never more than a few seconds (every search is held small by its flags).
 *
 * SNAPCHECK_FUZZ_RUNS sets the number of cases, shared by the three kinds (default 300, the CI run;
 * `npm run fuzz` runs 10,000). SNAPCHECK_FUZZ_SEED replays a run.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MODEL_FLAGS as MODEL_FLAG_SPEC } from "../../src/cli/model-input.js";
import { FIELDS as CONFIG_FIELDS } from "../../src/config.js";
import { terminalText } from "../../src/render/terminal-text.js";
import { tmp } from "../support/cli.js";
import { type CliResult, runInProcess } from "../support/run-cli.js";

const TOTAL_RUNS = Number(process.env.SNAPCHECK_FUZZ_RUNS ?? 300);
const RUNS_PER_KIND = Math.ceil(TOTAL_RUNS / 3);
const SEED =
  process.env.SNAPCHECK_FUZZ_SEED === undefined ? undefined : Number(process.env.SNAPCHECK_FUZZ_SEED);
/** No case may take longer: every search below is bounded to a few hundred states. */
const CASE_SECONDS = 20;

const work = tmp();
let fileCount = 0;
/** A fresh path in the fuzz folder, so that nothing a case writes lands in the repository. */
const fresh = (name: string) => join(work, `${++fileCount}-${name}`);

/** The config fields and the flags the commands take; a message must name one of them. */
const FIELDS = [...CONFIG_FIELDS, "config"];
const MODEL_FLAGS = Object.keys(MODEL_FLAG_SPEC).filter(
  (f) => f !== "config" && f !== "events" && f !== "ticks",
);
const COMMAND_FLAGS: Record<string, readonly string[]> = {
  explore: [...MODEL_FLAGS, "config", "mode", "reduce", "json", "ticks", "events"],
  simulate: [...MODEL_FLAGS, "config", "runs", "max-steps", "seed", "strategy", "shard", "path", "json"],
  snapshots: ["topology", "events", "json", "properties", "max-states", "ticks"],
  replay: ["json"],
  report: [],
  export: ["format", "config", "max-money", ...MODEL_FLAGS],
  merge: ["json"],
  list: [],
};
const UNKNOWN_FLAGS = ["--bogus", "-x", "--max-state", "--json=1", "--", "-", "--Processes", "--out="];

const TRACES = [
  "counterexamples/consistent-cut_bank_chandy-lamport_nonfifo_b1-1.itf.json",
  "counterexamples/termination_bank_chandy-lamport_fifo+lossy_b1-1.itf.json",
  "counterexamples/conservation_tokens_chandy-lamport_nonfifo_b1-1_script4.itf.json",
  "counterexamples/scenarios/lecture-three-processes.itf.json",
];

/** Values of every wrong kind, and small right ones (a right value must keep the search small). */
const VALUES = [
  "",
  " ",
  "abc",
  "-1",
  "0",
  "1",
  "2",
  "3",
  "13",
  "1.5",
  "1e9",
  "0x10",
  "99999999999999999999",
  "1,1",
  "1,0",
  "2,1",
  "1,,1",
  ",",
  "1,-1",
  "fifo",
  "nonfifo",
  "fifo,lossy",
  "nonfifo,duplicating",
  "fifo,bogus",
  "all",
  "0,5",
  "0,1",
  "complete",
  "ring",
  "line",
  "star",
  "0-1,1-0",
  "0-0",
  "0-7",
  "bank",
  "orders",
  "diffusing",
  "deadlock",
  "tokens",
  "chandy-lamport",
  "lai-yang",
  "consistent-cut",
  "termination,bogus",
  "exact",
  "bitstate",
  "por",
  "symmetry",
  "uniform",
  "pct",
  "1/0",
  "3/2",
  "2/2",
  "7:1:2",
  "svg",
  "dot",
  "promela",
  "size-plot",
  "gexf",
  "512m",
  "2g",
  "16",
  "x".repeat(300),
  "\u001b[2J",
  "NaN",
  "true",
  "null",
  "[]",
  "{}",
  "examples/cos418/2nodes.top",
  "examples/cos418/2nodes-concurrent.events",
  "/nonexistent/file",
  "README.md",
  "counterexamples",
  ...TRACES,
];

/** The bounds each command runs with, before the fuzzed flags (whose own bound values are small). */
const BOUNDS: Record<string, readonly string[]> = {
  explore: ["--max-states", "300", "--max-depth", "8"],
  simulate: ["--runs", "3", "--max-steps", "8"],
  snapshots: ["--max-states", "300"],
};

/** The flags that write a file: always into the fuzz folder, after the fuzzed flags. */
function outputs(command: string, argv: readonly string[]): string[] {
  if (command === "explore" || command === "simulate") return ["--out", fresh("out")];
  if (command === "report") return ["--out", fresh("report.html")];
  if (command === "export") {
    const format = argv[argv.lastIndexOf("--format") + 1];
    const graph = ["gexf", "graphml", "dot", "size-plot", "promela"].includes(format ?? "");
    return [...(graph ? ["--max-states", "300"] : []), "--out", fresh("export")];
  }
  return [];
}

const flagArg = (command: string) => {
  const unknown = fc.constantFrom(...UNKNOWN_FLAGS);
  const flags = COMMAND_FLAGS[command] ?? [];
  if (flags.length === 0) return unknown;
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...flags).map((f) => `--${f}`) },
    { weight: 1, arbitrary: unknown },
  );
};
const valueArg = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

const commandLine = fc
  .constantFrom(...Object.keys(COMMAND_FLAGS), "bogus", "--help", "--version", "")
  .chain((command) =>
    fc
      .array(fc.oneof(fc.tuple(flagArg(command), valueArg), fc.tuple(flagArg(command)), fc.tuple(valueArg)), {
        maxLength: 6,
      })
      .map((parts) => {
        const fuzzed = parts.flat();
        return [command, ...(BOUNDS[command] ?? []), ...fuzzed, ...outputs(command, fuzzed)].filter(
          (a, i) => i > 0 || a !== "",
        );
      }),
  );

/** JSON values of every type, including the right types at the wrong size. */
const jsonValue = fc.oneof(
  fc.constantFrom(...VALUES),
  fc.integer({ min: -5, max: 20 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer({ min: -2, max: 3 }), { maxLength: 5 }),
  fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);
const configFile = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .dictionary(fc.constantFrom(...FIELDS, "bogus", "maxstates", "Balances"), jsonValue, { maxKeys: 6 })
      .map((c) => JSON.stringify(c)),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.string(),
      jsonValue.map((v) => JSON.stringify(v)),
    ),
  },
);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** One change to a trace: a value replaced or removed somewhere, or the text cut short. */
const traceMutation = fc.record({
  source: fc.constantFrom(...TRACES),
  path: fc.array(fc.nat(40), { minLength: 1, maxLength: 6 }),
  action: fc.constantFrom("replace", "delete", "truncate"),
  value: jsonValue,
  cut: fc.nat(),
});

type Mutation = typeof traceMutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, m: Mutation): string {
  if (m.action === "truncate") return text.slice(0, m.cut % text.length);
  const root = JSON.parse(text) as Json;
  let node: Json = root;
  for (const [depth, step] of m.path.entries()) {
    if (node === null || typeof node !== "object") break;
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[step % keys.length] as string & number;
    const last = depth === m.path.length - 1;
    const child: Json | undefined = (node as Record<string, Json>)[key];
    if (last || child === null || typeof child !== "object") {
      if (m.action === "delete") {
        if (Array.isArray(node)) node.splice(key, 1);
        else delete (node as Record<string, Json>)[key];
      } else (node as Record<string, Json>)[key] = m.value as Json;
      break;
    }
    node = child;
  }
  return JSON.stringify(root);
}

/** How many cases ended with each exit code: the fuzzing must reach the searches, not only the parsers. */
const exitCodes = new Map<number, number>();

/** What every answer must be, whatever the input. */
async function judged(argv: readonly string[]): Promise<CliResult> {
  const started = performance.now();
  const r = await runInProcess(...argv);
  const seconds = (performance.now() - started) / 1000;
  const context = `snapcheck ${argv.map((a) => JSON.stringify(a)).join(" ")}\n${r.stderr}`;
  expect(seconds, context).toBeLessThan(CASE_SECONDS);
  expect([0, 1, 2, 3], context).toContain(r.code);
  expect(r.stderr, context).not.toMatch(/^\s+at /m);
  expect(r.stderr, context).not.toContain("internal error");
  expect(r.stderr, context).not.toMatch(/^\w*Error: /m);
  exitCodes.set(r.code, (exitCodes.get(r.code) ?? 0) + 1);
  if (r.code === 2 && argv[0] !== "" && argv.length > 0) {
    const lines = r.stderr.trimEnd().split("\n");
    const message = lines[lines.length - 1] ?? "";
    expect(message, context).toMatch(/^snapcheck: \S/);
    // The lines before the message are notes (a file kept as it was), never more of the error.
    for (const line of lines.slice(0, -1)) expect(line, context).toMatch(/^snapcheck: kept |^progress: /);
    expect(namesCulprit(message, argv, argv.map(fileText).join("\n")), context).toBe(true);
  }
  return r;
}

/** The text of the file `arg` names, if it is one: a message may name a field found in it. */
function fileText(arg: string): string {
  try {
    return statSync(arg).isFile() ? readFileSync(arg, "utf8") : "";
  } catch {
    return "";
  }
}

/**
 * Whether the message names a flag, a config field (a known one, or one the input has), a command
 * or a file of the command line.
 */
function namesCulprit(message: string, argv: readonly string[], input: string): boolean {
  if (/--[a-z]/.test(message)) return true;
  if (FIELDS.some((f) => message.includes(`${f}:`) || message.includes(`${f} `))) return true;
  const named = /^snapcheck: ("(?:[^"\\]|\\.)*"|[^:\s]+):/.exec(message)?.[1];
  const field = named?.startsWith('"') === true ? (JSON.parse(named) as string) : named;
  if (field !== undefined && (input.includes(JSON.stringify(field)) || input.includes(field))) return true;
  const given = argv
    .map(terminalText)
    .filter(
      (a) =>
        (a.length >= 2 && message.includes(a)) ||
        message.includes(`"${a}"`) ||
        message.includes(`cannot read ${a}:`),
    );
  return (
    given.length > 0 ||
    Object.keys(COMMAND_FLAGS).some((c) => message.startsWith(`snapcheck: ${c}`)) ||
    message.includes("unknown command")
  );
}

const params = (runs: number) => ({
  numRuns: runs,
  ...(SEED === undefined ? {} : { seed: SEED }),
  endOnFailure: true,
});

describe(`fuzzing the command line (${TOTAL_RUNS} cases)`, () => {
  mkdirSync(work, { recursive: true });

  it("random command lines", async () => {
    exitCodes.clear();
    await fc.assert(
      fc.asyncProperty(commandLine, async (argv) => {
        await judged(argv);
      }),
      params(RUNS_PER_KIND),
    );
    // Some command lines are right and run (a verdict or a limit), not only refused.
    expect(
      [0, 1, 3].some((code) => (exitCodes.get(code) ?? 0) > 0),
      JSON.stringify([...exitCodes]),
    ).toBe(true);
    if (process.env.SNAPCHECK_FUZZ_RUNS !== undefined)
      console.log("exit codes", Object.fromEntries(exitCodes));
  });

  it("random config files through explore and simulate", async () => {
    await fc.assert(
      fc.asyncProperty(configFile, fc.constantFrom("explore", "simulate"), async (text, command) => {
        const file = fresh("config.json");
        writeFileSync(file, text);
        await judged([command, "--config", file, ...(BOUNDS[command] ?? []), ...outputs(command, [])]);
      }),
      params(RUNS_PER_KIND),
    );
  });

  it("mutated traces through replay, report and export", async () => {
    await fc.assert(
      fc.asyncProperty(traceMutation, fc.constantFrom("replay", "report", "mermaid"), async (m, command) => {
        const file = fresh("trace.itf.json");
        writeFileSync(file, mutate(readFileSync(m.source, "utf8"), m));
        const argv =
          command === "mermaid"
            ? ["export", "--format", "mermaid", file]
            : [command, file, ...outputs(command, [])];
        await judged(argv);
      }),
      params(RUNS_PER_KIND),
    );
  });
});
