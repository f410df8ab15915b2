import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: a single one on two cores. Many files
    // wait on child processes (npm, cc, chromium, tsx), so two workers keep both cores busy.
    maxWorkers: 2,
    // Each worker imports the sources once for all its files instead of once per file (that took
    // half the time of the small files). The tests keep no state in modules they share; the
    // in-process command line checks that a run leaves the process as it found it.
    isolate: false,
    // What the tests write (the documentation's blocks, among them a user's own test file, and
    // the reports the browser opens) is their output, not more tests to collect.
    exclude: [...configDefaults.exclude, "test-artifacts/**"],
  },
});
