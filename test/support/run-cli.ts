/**
 * The command line run in-process, as `snapcheck ARGS` would run it: exit code, stdout and stderr.
 * Much faster than a subprocess (no start-up), for tests that run many command lines. A run that
 * leaves the process changed for the next one (exit code, working folder, signal listeners) throws.
 */
import { runCli } from "../../src/cli/cli.js";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runInProcess(...args: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  const before = processState();
  const capture = (into: string[]) =>
    ((chunk: string | Uint8Array) => {
      into.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return true;
    }) as typeof process.stdout.write;
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  let code: number;
  try {
    code = await runCli(args);
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
  }
  const after = processState();
  if (after !== before)
    throw new Error(`snapcheck ${args.join(" ")} changed the process: ${before} → ${after}`);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

/** What a command must leave as it found it, as one comparable string. */
function processState(): string {
  return JSON.stringify({
    exitCode: process.exitCode,
    cwd: process.cwd(),
    listeners: ["SIGINT", "SIGTERM", "exit", "uncaughtException"].map((e) => process.listenerCount(e)),
  });
}
