/** Writing a counterexample from the library: the CLI's trace files, never over a different file. */
import type { Counterexample } from "../engine/check.js";
import { writeCounterexample as writeFiles } from "../trace/counterexample-file.js";
import type { StoredFile } from "../trace/store.js";
import type { ConfiguredModel } from "./model.js";

/**
 * Writes `counterexample` of `model` to `outDir` as NAME.itf.json (for `snapcheck replay` when the
 * workload and algorithm are built-in ones), NAME.txt and NAME.svg; an existing different file is
 * kept and the new one gets NAME~2.
 */
export function writeCounterexample(
  model: ConfiguredModel,
  counterexample: Counterexample,
  outDir: string,
): StoredFile {
  return writeFiles(
    model,
    { ...model.config, properties: [counterexample.property] },
    counterexample,
    outDir,
  );
}
