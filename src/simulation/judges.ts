/**
 * Judging one executed run against one property. Safety properties run their own monitors along
 * the run (monitor-judge.ts). Two properties are decided on the whole state graph by `explore`, and
 * a run has no graph, so they are decided differently here: reachable-cut by building the witness
 * Chandy & Lamport's theorem promises (witness.ts), termination on the forced-fair continuation
 * (termination-judge.ts).
 */

import type { Property } from "../engine/property.js";
import { ConfigError } from "../errors.js";
import type { Model } from "../model/model.js";
import { monitorJudge } from "./monitor-judge.js";
import { terminationJudge } from "./termination-judge.js";
import type { RunJudge } from "./verdict.js";
import { witnessJudge } from "./witness.js";

/** How `property` is judged on single runs of `model`. */
export function judgeFor(property: Property, model: Model): RunJudge {
  if (property.name === "reachable-cut") return witnessJudge(model);
  if (property.kind === "always") return monitorJudge(property, model);
  if (property.name === "termination") return terminationJudge(property, model);
  throw new ConfigError(
    "properties",
    `${property.name} is judged on the whole state graph only: check it with snapcheck explore`,
  );
}
