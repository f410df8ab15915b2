/**
 * The browser's stand-in for node:crypto, which the report page uses to hash its script: the
 * playground builds that hash ahead (vite.config.ts), so hashing at run time is a bug, said as such.
 */
export function createHash(): never {
  throw new Error("no synchronous hash in the browser: the report script's hash is computed at build time");
}
