/**
 * The commands' output: every line a command prints goes through here, so text that came from a
 * file (a trace's notes, a config's names, a path) reaches the terminal with its control
 * characters escaped (src/render/terminal-text.ts).
 */
import { terminalJson, terminalText } from "../render/terminal-text.js";

/** Prints human text on stdout. */
export function printText(text: string): void {
  process.stdout.write(terminalText(text));
}

/** Prints `value` as indented JSON on stdout, one object and a newline. */
export function printJson(value: unknown): void {
  process.stdout.write(`${terminalJson(JSON.stringify(value, null, 2))}\n`);
}

/** Prints one line on stderr: a note beside the output, or why the command failed. */
export function printNote(line: string): void {
  process.stderr.write(`${terminalText(line)}\n`);
}
