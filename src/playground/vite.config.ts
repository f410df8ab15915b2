/**
 * Builds the playground into dist/playground/index.html: one self-contained page that opens from
 * disk or any static host. Chromium loads no module script from file://, so the page's script and
 * styles are inlined into the HTML and the worker into the script (a classic worker from a blob:);
 * the Content-Security-Policy admits exactly the inlined scripts by their hashes. The node:
 * built-ins the library touches for the command line get small browser stand-ins.
 */
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import { REPORT_SCRIPT } from "../render/report-script.js";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const sha256 = (text: string) => createHash("sha256").update(text).digest("base64");

/** The placeholder in index.html that becomes the page's policy. */
const POLICY = "__CONTENT_SECURITY_POLICY__";

/**
 * Script that survives inside an HTML element byte for byte, so its hash holds: a `</script` or
 * `<!--` in the code (the report's page template has one) gets an escaped slash or bang, and a
 * control character (the HTML parser replaces NUL) its \x escape, which JavaScript reads the same
 * in strings and templates, where the bundle has them.
 */
function inlineable(code: string): string {
  return code
    .replace(/<\/(script)/gi, "<\\/$1")
    .replace(/<!--/g, "<\\!--")
    .replace(/[^\t\n\r -\u{10ffff}]/gu, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** Moves the built script and styles into index.html and writes the page's policy. */
function inlineIntoPage(): Plugin {
  return {
    name: "snapcheck-inline-page",
    enforce: "post",
    generateBundle(_options, bundle) {
      const page = bundle["index.html"];
      if (page === undefined || page.type !== "asset") throw new Error("the build made no index.html");
      let html = String(page.source);
      const scripts: string[] = [];
      for (const [name, item] of Object.entries(bundle)) {
        if (item.type === "chunk") {
          const code = inlineable(item.code);
          scripts.push(code);
          html = html.replace(
            new RegExp(`<script type="module" crossorigin src="\\./${escapeRegExp(name)}"></script>`),
            () => `<script type="module">${code}</script>`,
          );
          delete bundle[name];
        } else if (name.endsWith(".css")) {
          html = html.replace(
            new RegExp(`<link rel="stylesheet" crossorigin href="\\./${escapeRegExp(name)}">`),
            () => `<style>${String(item.source)}</style>`,
          );
          delete bundle[name];
        }
      }
      if (/\bsrc="|<link rel="stylesheet"/.test(html))
        throw new Error("an asset of the page was left outside it");
      const hashes = [...scripts, REPORT_SCRIPT].map((s) => `'sha256-${sha256(s)}'`).join(" ");
      // The walk-through is a srcdoc frame: it inherits this policy, so the report's script is admitted here too.
      const policy = `default-src 'none'; script-src ${hashes}; worker-src blob:; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
      page.source = html.replace(POLICY, policy);
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export default defineConfig({
  root: here("."),
  base: "./",
  define: { __REPORT_SCRIPT_HASH__: JSON.stringify(sha256(REPORT_SCRIPT)) },
  resolve: {
    alias: {
      "node:v8": here("./shims/node-v8.ts"),
      "node:fs": here("./shims/node-fs.ts"),
      "node:crypto": here("./shims/node-crypto.ts"),
      "node:path": here("./shims/node-path.ts"),
      "node:os": here("./shims/node-os.ts"),
    },
  },
  plugins: [inlineIntoPage()],
  worker: { format: "iife" },
  build: {
    outDir: here("../../dist/playground"),
    emptyOutDir: true,
    assetsInlineLimit: Number.MAX_SAFE_INTEGER,
    modulePreload: false,
    reportCompressedSize: false,
  },
  preview: { host: "127.0.0.1", port: 4173, strictPort: false },
});
