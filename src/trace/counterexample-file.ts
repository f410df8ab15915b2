/**
 * A counterexample as files: the ITF trace (replayable with no other input), its rendering for
 * people and its space-time diagram, side by side, named after what failed where, never written
 * over a different file (one found is kept, and said so on stderr).
 */
import type { SnapcheckConfig } from "../config.js";
import type { Counterexample } from "../engine/check.js";
import type { Model } from "../model/model.js";
import { viewsOf } from "../model/snapshot.js";
import { pluginLabel } from "../plugins/plugins.js";
import { MAX_DRAWN_STEPS } from "../render/drawing-limit.js";
import { renderRun } from "../render/run-text.js";
import { spaceTimeSvg } from "../render/space-time.js";
import { type ItfTrace, type SnapcheckMeta, toItf } from "./itf.js";
import { reportKept, type StoredFile, storeTrace } from "./store.js";

/**
 * The file name says what failed where: property, workload, algorithm, channels, balances, then
 * initiators, instances or the script's length where they are not the default.
 */
export function counterexampleName(config: SnapcheckConfig, property: string): string {
  const initiators =
    config.script !== undefined || (config.initiators.length === 1 && config.initiators[0] === 0)
      ? ""
      : `_init${config.initiators.join("-")}`;
  const instances = (config.instances ?? 1) > 1 ? `_k${config.instances}` : "";
  const script = config.script === undefined ? "" : `_script${config.script.length}`;
  const channels = config.channels.replaceAll(",", "+");
  // A plug-in's path gives its base name, so that the name stays one file in outDir.
  const [workload, algorithm] = [pluginLabel(config.workload), pluginLabel(config.algorithm)];
  return `${property}_${workload}_${algorithm}_${channels}_b${config.balances.join("-")}${initiators}${instances}${script}`;
}

/** The headline of a counterexample: what failed, on which configuration, in how many steps. */
export function counterexampleTitle(config: SnapcheckConfig, property: string, steps: number): string {
  const started =
    config.script === undefined
      ? `initiators ${config.initiators.map((p) => `P${p}`).join(",")}${(config.instances ?? 1) > 1 ? `, ${config.instances} snapshot instances` : ""}`
      : `a script of ${config.script.length} commands`;
  return `snapcheck counterexample: ${property} fails (${config.workload}, ${config.algorithm}, ${config.channels} channels, balances ${config.balances.join(",")}, ${started}) — ${steps} steps`;
}

/** `cx` as an ITF trace that replays with no other input; `extra` adds fields to `#meta.snapcheck`. */
export function counterexampleTrace(
  model: Model,
  config: SnapcheckConfig,
  cx: Counterexample,
  extra: Partial<SnapcheckMeta> = {},
): ItfTrace {
  const meta: SnapcheckMeta = {
    kind: "counterexample",
    config,
    property: cx.property,
    ...(cx.instance === 0 ? {} : { instance: cx.instance }),
    reason: cx.reason,
    steps: cx.steps.map((s) => model.label(s)),
    ...extra,
  };
  return toItf(model, meta, cx.states, cx.loop);
}

/**
 * Writes `cx` to `outDir` as NAME.itf.json, NAME.txt and NAME.svg. `extra` adds fields to
 * `#meta.snapcheck` (e.g. the seed of a simulation).
 */
export function writeCounterexample(
  model: Model,
  config: SnapcheckConfig,
  cx: Counterexample,
  outDir: string,
  extra: Partial<SnapcheckMeta> = {},
): StoredFile {
  const trace = `${JSON.stringify(counterexampleTrace(model, config, cx, extra), null, 1)}\n`;
  const title = counterexampleTitle(config, cx.property, cx.steps.length);
  const run = {
    title,
    steps: cx.steps,
    states: viewsOf(cx.states, cx.instance),
    loop: cx.loop,
    reason: cx.reason,
  };
  const stored = storeTrace(outDir, counterexampleName(config, cx.property), trace, {
    ".txt": (path) => renderRun(model, { ...run, footer: [`Replay it: npx snapcheck replay ${path}`] }),
    // A run too long to draw keeps its trace and text; `snapcheck replay` reads it.
    ...(cx.steps.length <= MAX_DRAWN_STEPS ? { ".svg": () => spaceTimeSvg(model, run) } : {}),
  });
  reportKept(stored);
  return stored;
}
