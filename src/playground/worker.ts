/**
 * The page's Web Worker: runs one exploration or simulation at a time off the page's thread, so the
 * page stays responsive, and reports its progress. Stopping is the page terminating this worker.
 */
import { SnapcheckError } from "../errors.js";
import { explore } from "./engine.js";
import type { CheckRequest, WorkerMessage } from "./protocol.js";
import { scenarioConfig } from "./scenario.js";
import { simulateRuns } from "./simulation.js";

const post = (message: WorkerMessage) => postMessage(message);

addEventListener("message", (event: MessageEvent<CheckRequest>) => {
  try {
    const request = event.data;
    const outcome =
      request.kind === "simulate"
        ? simulateRuns(request.config, request.simulation)
        : explore(
            request.scenario === undefined
              ? request.config
              : scenarioConfig(request.config, request.scenario),
            (report) => post({ kind: "progress", report }),
          );
    post({ kind: "done", outcome });
  } catch (error) {
    // A refused configuration is the user's to fix; anything else is a bug and surfaces as one.
    if (!(error instanceof SnapcheckError)) throw error;
    post({ kind: "invalid", message: error.message });
  }
});
