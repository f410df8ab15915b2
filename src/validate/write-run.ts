/**
 * A validated log written like a counterexample: the run as an ITF trace of the model (so replay,
 * report and export read it), its rendering for people and its space-time diagram with the cut,
 * named after the log and never written over a different file. The trace is a counterexample of
 * the first property the model finds failing on the run, or a scenario when all hold.
 */
import { mkdirSync } from "node:fs";
import { basename, join } from "node:path";
import type { Property } from "../engine/property.js";
import { existingFile, writeFileOnce } from "../files/write-once.js";
import { viewsOf } from "../model/snapshot.js";
import { MAX_DRAWN_STEPS } from "../render/drawing-limit.js";
import { renderRun } from "../render/run-text.js";
import { spaceTimeSvg } from "../render/space-time.js";
import { counterexampleTitle } from "../trace/counterexample-file.js";
import { type SnapcheckMeta, toItf } from "../trace/itf.js";
import { judgeRun } from "../trace/replay.js";
import { reportKept, storeTrace } from "../trace/store.js";
import { logDiagramSvg } from "./log-diagram.js";
import { MAX_DRAWN_EVENTS, MODEL_PROPERTIES, modelRunOf } from "./model-run.js";
import type { Validation } from "./validate.js";

export interface WrittenRun {
  readonly files: readonly string[];
  /** Why nothing was written, when nothing was. */
  readonly note?: string;
}

/** Writes the run to `outDir`, judged by those of `catalogue` the model checks on one run (MODEL_PROPERTIES). */
export function writeLoggedRun(
  validation: Validation,
  outDir: string,
  catalogue: readonly Property[],
): WrittenRun {
  const { log } = validation.context;
  const broken = validation.snapshots
    .flatMap((s) => s.judgements)
    .find((j) => j.name === "algorithm" && j.verdict === "fails");
  const run =
    broken === undefined
      ? modelRunOf(validation.context)
      : ({
          kind: "none",
          why: "the implementation did not follow Chandy–Lamport, so the model cannot take its run",
        } as const);
  if (run.kind === "none") return writeLogDiagram(validation, outDir, run.why);
  const { model, config, steps, states } = run;
  const replayed = { model, steps, states };
  const failing = MODEL_PROPERTIES.flatMap((name) => {
    const property = catalogue.find((p) => p.name === name);
    const reason = property === undefined ? undefined : judgeRun(replayed, property);
    return reason === undefined ? [] : [{ name, reason }];
  })[0];
  const labels = steps.map((s) => model.label(s));
  const meta: SnapcheckMeta =
    failing === undefined
      ? { kind: "scenario", config, steps: labels }
      : { kind: "counterexample", config, property: failing.name, reason: failing.reason, steps: labels };
  const title =
    failing === undefined
      ? `snapcheck validate ${log.file}: the logged run (${steps.length} steps)`
      : counterexampleTitle(config, failing.name, steps.length);
  const view = { title, steps, states: viewsOf(states, 0), reason: failing?.reason };
  const trace = `${JSON.stringify(toItf(model, meta, states), null, 1)}\n`;
  const drawn = steps.length <= MAX_DRAWN_STEPS;
  const stored = storeTrace(outDir, baseName(log.file), trace, {
    ".txt": (path) => renderRun(model, { ...view, footer: [`Replay it: npx snapcheck replay ${path}`] }),
    ...(drawn ? { ".svg": () => spaceTimeSvg(model, view) } : {}),
  });
  reportKept(stored);
  const sibling = (ext: string) => stored.path.replace(/\.itf\.json$/, ext);
  return { files: [stored.path, sibling(".txt"), ...(drawn ? [sibling(".svg")] : [])] };
}

function baseName(file: string): string {
  return basename(file).replace(/\.(jsonl|json|log|txt|shiviz)$/, "");
}

/**
 * No model run: the diagram drawn from the log instead, with the cut of the snapshot that fails
 * (the algorithm's judgement first: it says why the model cannot take the run).
 */
function writeLogDiagram(validation: Validation, outDir: string, why: string): WrittenRun {
  const { context, cuts, snapshots } = validation;
  if (context.log.events.length > MAX_DRAWN_EVENTS)
    return { files: [], note: `No trace or diagram written: ${why}.` };
  const failures = snapshots.flatMap((s, k) =>
    s.judgements.flatMap((j) => (j.verdict === "fails" ? [{ k, failure: { ...j } }] : [])),
  );
  const chosen = failures.find((f) => f.failure.name === "algorithm") ?? failures[0];
  const cut = cuts[chosen?.k ?? 0];
  if (cut === undefined) return { files: [], note: `No trace or diagram written: ${why}.` };
  const title = `snapcheck validate ${context.log.file}: snapshot ${cut.snapshot}, drawn from the log`;
  const svg = logDiagramSvg(context, cut, chosen?.failure, title);
  mkdirSync(outDir, { recursive: true });
  for (let n = 1; ; n++) {
    const path = join(outDir, `${baseName(context.log.file)}${n === 1 ? "" : `~${n}`}.svg`);
    const existing = existingFile(path, svg);
    if (existing === "torn" || existing === "foreign") continue;
    if (existing === "absent") writeFileOnce(path, svg);
    return {
      files: [path],
      note: `No trace written: ${why}; the diagram is drawn from the log instead.`,
    };
  }
}
