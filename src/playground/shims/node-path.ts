/**
 * The browser's stand-in for node:path: only the trace store joins paths, and the page never
 * stores a file, so reaching it is a bug, said as such.
 */
export function join(): never {
  throw new Error("no file paths in the browser");
}
