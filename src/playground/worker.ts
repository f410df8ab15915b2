/**
 * The page's Web Worker: runs one exploration at a time off the page's thread, so the page stays
 * responsive, and reports its progress. Stopping is the page terminating this worker.
 */
import { SnapcheckError } from "../errors.js";
import { explore } from "./engine.js";
import type { ExploreRequest, WorkerMessage } from "./protocol.js";

const post = (message: WorkerMessage) => postMessage(message);

addEventListener("message", (event: MessageEvent<ExploreRequest>) => {
  try {
    const outcome = explore(event.data.config, (report) => post({ kind: "progress", report }));
    post({ kind: "done", outcome });
  } catch (error) {
    // A refused configuration is the user's to fix; anything else is a bug and surfaces as one.
    if (!(error instanceof SnapcheckError)) throw error;
    post({ kind: "invalid", message: error.message });
  }
});
