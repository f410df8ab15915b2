#!/usr/bin/env node
// The installed command: runs the compiled CLI (npm builds dist/ on install through `prepare`).
// In the repository, `npx tsx src/cli/main.ts …` runs the sources directly.
import "../dist/src/cli/main.js";
