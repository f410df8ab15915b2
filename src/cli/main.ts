#!/usr/bin/env node
/**
 * The snapcheck command line — the only module that touches `process` beyond the output streams:
 * it runs src/cli/cli.ts on the arguments and sets the exit code.
 */
import { runCli } from "./cli.js";

// A reader that stops early (`snapcheck … | head`) closes the pipe: stop quietly, as Unix tools do.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE")
    process.stderr.write(`snapcheck: cannot write the output (${e.code ?? e.message})\n`);
  process.exit(process.exitCode ?? 0);
});

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
