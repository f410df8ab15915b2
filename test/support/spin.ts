/**
 * Running SPIN on an exported Promela model, for the tests and the benchmark: `spin -a`, cc with
 * the export's flags, then pan; the figures are read from pan's final statistics. `spinPresent`
 * says whether spin and cc are installed (the callers skip, saying so, when they are not).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PAN_CC_FLAGS, panRunFlags } from "../../src/render/promela.js";

export const spinPresent = ["spin", "cc"].every(
  (tool) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0,
);

export interface SpinRun {
  readonly statesStored: number;
  /** pan's "transitions (= stored+matched)". */
  readonly transitions: number;
  readonly depthReached: number;
  readonly assertionViolated: boolean;
  /** spin -a plus cc, in seconds. */
  readonly compileSeconds: number;
  /** pan's search, in seconds (wall clock of the pan process). */
  readonly searchSeconds: number;
  /** pan's "total actual memory usage", in MiB. */
  readonly memoryMiB: number;
  readonly output: string;
}

export interface SpinOptions {
  /** pan's BFS depth bound (-m), like --max-depth. */
  readonly maxDepth?: number | undefined;
  /** Ignore assertion violations (-A): count every state. */
  readonly countOnly: boolean;
  /** log2 of the hash table's slots (-w); pan's default is 24. */
  readonly hashBits?: number | undefined;
}

function run(command: string, args: readonly string[], cwd: string): string {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (${r.status}): ${r.stderr}${r.stdout}`);
  }
  return r.stdout;
}

/** A number pan printed; above 10^7 it prints them as %g (e.g. 1.4517841e+08: 8 significant digits). */
function figure(output: string, pattern: RegExp): number {
  const m = pattern.exec(output);
  if (m?.[1] === undefined) throw new Error(`pan's output lacks ${pattern}:\n${output}`);
  return Number(m[1]);
}

/** A compiled pan for one model: run it with several options, then dispose of it. */
export interface CompiledSpin {
  /** spin -a plus cc, in seconds. */
  readonly compileSeconds: number;
  search(options: SpinOptions): SpinSearch;
  dispose(): void;
}

export type SpinSearch = Omit<SpinRun, "compileSeconds">;

/** Writes `model`, generates pan.c with spin -a and compiles it with the export's flags. */
export function compileSpin(model: string): CompiledSpin {
  const dir = mkdtempSync(join(tmpdir(), "snapcheck-spin-"));
  const started = performance.now();
  try {
    writeFileSync(join(dir, "model.pml"), model);
    run("spin", ["-a", "model.pml"], dir);
    run("cc", [...PAN_CC_FLAGS, "-o", "pan", "pan.c"], dir);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    compileSeconds: (performance.now() - started) / 1000,
    search(options) {
      const flags = panRunFlags(options.maxDepth, options.countOnly);
      if (options.hashBits !== undefined) flags.push(`-w${options.hashBits}`);
      const searchStart = performance.now();
      const output = run("./pan", flags, dir);
      return {
        statesStored: figure(output, /^\s*([\d.e+]+) states, stored/m),
        transitions: figure(output, /^\s*([\d.e+]+) transitions \(= stored\+matched\)/m),
        depthReached: figure(output, /depth reached (\d+)/),
        assertionViolated: /assertion violated/.test(output),
        searchSeconds: (performance.now() - searchStart) / 1000,
        memoryMiB: figure(output, /^\s*([\d.]+)\s+total actual memory usage/m),
        output,
      };
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
