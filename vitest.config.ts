import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: a single one on two cores. Many files
    // wait on child processes (npm, cc, chromium, tsx), so two workers keep both cores busy.
    maxWorkers: 2,
  },
});
