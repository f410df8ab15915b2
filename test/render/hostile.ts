/** A hand-written scenario whose free text tries to inject markup and script into a report. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const HOSTILE = [
  "</script><script>window.pwned = 1</script>",
  '<img src=x onerror="window.pwned = 2">',
  "<!-- ]]> --> & &amp; \u2028 {{x}}",
];

/** Writes the scenario to a temp file and returns its path. */
export function hostileScenario(): string {
  const trace = {
    "#meta": {
      format: "ITF",
      "format-description": "https://apalache-mc.org/docs/adr/015adr-trace.html",
      source: "snapcheck",
      description: HOSTILE.join(" "),
      snapcheck: {
        kind: "scenario",
        config: { processes: 2, balances: [1, 1], channels: "fifo" },
        steps: ["initiate(P0)", "send(P1→P0)", "deliver(c(0,1): M)"],
        notes: HOSTILE,
      },
    },
    vars: ["procs", "recorded", "records", "channels", "mbt::actionTaken"],
    states: [],
  };
  const file = join(mkdtempSync(join(tmpdir(), "snapcheck-hostile-")), "hostile.itf.json");
  writeFileSync(file, JSON.stringify(trace));
  return file;
}
