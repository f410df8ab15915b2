/**
 * Debian's Chromium for the browser tests, driven by playwright-core: a fresh profile, headless,
 * nothing that reaches the network on its own (updates, sync, QUIC). Tests are skipped, saying
 * so, only where /usr/bin/chromium is absent (CI installs it).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const chromiumPresent = existsSync(CHROMIUM);

/** The describe title: `what`, or why it is skipped (and a warning saying so). */
export function browserSuiteTitle(what: string): string {
  if (chromiumPresent) return what;
  const why = `${CHROMIUM} is absent (install it: apt-get install -y chromium)`;
  console.warn(`browser tests skipped: ${why}`);
  return `${what} — SKIPPED: ${why}`;
}

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** A headless Chromium with a throw-away profile. */
export async function launchChromium(viewport = { width: 1200, height: 900 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "snapcheck-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
