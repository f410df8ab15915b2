/**
 * A counterexample as files: the ITF trace (replayable with no other input) and its rendering for
 * people, side by side, named after what failed where, never written over a different file.
 */
import type { SnapcheckConfig } from "../config.js";
import type { Counterexample } from "../explorer/check.js";
import type { Model } from "../model/model.js";
import { type SnapcheckMeta, toItf } from "./itf.js";
import { renderRun } from "./render.js";
import { type StoredFile, storeTrace } from "./store.js";

/** The file name says what failed where: property, workload, algorithm, channels, balances. */
export function counterexampleName(config: SnapcheckConfig, property: string): string {
  const initiators =
    config.initiators.length === 1 && config.initiators[0] === 0 ? "" : `_init${config.initiators.join("-")}`;
  return `${property}_${config.workload}_${config.algorithm}_${config.channels}_b${config.balances.join("-")}${initiators}`;
}

/**
 * Writes `cx` to `outDir` as NAME.itf.json and NAME.txt. `extra` adds fields to `#meta.snapcheck`
 * (e.g. the seed of a simulation).
 */
export function writeCounterexample(
  model: Model,
  config: SnapcheckConfig,
  cx: Counterexample,
  outDir: string,
  extra: Partial<SnapcheckMeta> = {},
): StoredFile {
  const meta: SnapcheckMeta = {
    kind: "counterexample",
    config,
    property: cx.property,
    reason: cx.reason,
    steps: cx.steps.map((s) => model.label(s)),
    ...extra,
  };
  const trace = `${JSON.stringify(toItf(model, meta, cx.states, cx.loop), null, 1)}\n`;
  const title = `snapcheck counterexample: ${cx.property} fails (${config.workload}, ${config.algorithm}, ${config.channels} channels, balances ${config.balances.join(",")}, initiators ${config.initiators.map((p) => `P${p}`).join(",")}) — ${cx.steps.length} steps`;
  return storeTrace(outDir, counterexampleName(config, cx.property), trace, (path) =>
    renderRun(model, {
      title,
      steps: cx.steps,
      states: cx.states,
      loop: cx.loop,
      reason: cx.reason,
      footer: [`Replay it: npx snapcheck replay ${path}`],
    }),
  );
}
