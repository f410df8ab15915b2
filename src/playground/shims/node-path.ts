/**
 * The browser's stand-in for node:path: only the trace store and its file writer work with paths,
 * and the page never stores a file, so reaching one is a bug, said as such.
 */
function noFilePaths(): never {
  throw new Error("no file paths in the browser");
}

export const basename = noFilePaths;
export const dirname = noFilePaths;
export const join = noFilePaths;
