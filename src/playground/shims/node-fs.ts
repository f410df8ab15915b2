/**
 * The browser's stand-in for node:fs: the modules the page shares with the command line write and
 * read files only on paths the page never takes (it downloads traces and reads them from a file
 * input instead), so reaching one is a bug, said as such.
 */
function noFileSystem(): never {
  throw new Error("no file system in the browser");
}

export const existsSync = noFileSystem;
export const mkdirSync = noFileSystem;
export const readFileSync = noFileSystem;
export const writeFileSync = noFileSystem;
export const linkSync = noFileSystem;
export const renameSync = noFileSystem;
export const rmSync = noFileSystem;
