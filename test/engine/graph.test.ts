/**
 * The compact engine's state graph (built after an exact search without symmetry) against the
 * packed engine's StateSpace, edge by edge; termination decided whole on it against the generic
 * check of properties/termination.ts, lassos included; and `explore --engine compact --graph`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { termination } from "../../properties/termination.js";
import { configFrom } from "../../src/cli/run-check.js";
import { runCompact } from "../../src/cli/run-compact.js";
import { check } from "../../src/engine/check.js";
import { engineModelOf } from "../../src/engine/config.js";
import { exploreCompact } from "../../src/engine/explore.js";
import { COMPLETE, EXPANDED } from "../../src/engine/graph.js";
import { spaceOfRun } from "../../src/engine/state-space.js";
import { checkTermination } from "../../src/engine/termination.js";
import { everyInstanceComplete } from "../../src/model/snapshot.js";
import type { GlobalState } from "../../src/model/types.js";
import { tmp } from "../support/cli.js";
import { modelOf, type TestConfig } from "../support/models.js";
import { runInProcess } from "../support/run-cli.js";
import { engineCases } from "./configs.js";

/** P2 has a channel out but none in: markers never reach it, so the snapshot never completes. */
const unreachable: [number, number][] = [
  [0, 1],
  [1, 0],
  [2, 0],
];

/** maxStates: for a case without a depth bound, a few times its state count (a blown-up space fails at once). */
const terminationCases: readonly {
  name: string;
  config: TestConfig;
  maxDepth?: number;
  maxStates?: number;
  holds: boolean;
}[] = [
  { name: "fifo 1,1", config: { balances: [1, 1] }, maxStates: 720, holds: true },
  { name: "fifo 2,1", config: { balances: [2, 1] }, maxStates: 2128, holds: true },
  { name: "fifo 1,1,0", config: { balances: [1, 1, 0] }, maxStates: 180_400, holds: true },
  {
    name: "fifo 1,1,0 ring",
    config: {
      balances: [1, 1, 0],
      links: [
        [0, 1],
        [1, 2],
        [2, 0],
      ],
    },
    maxStates: 2172,
    holds: true,
  },
  {
    name: "nonfifo 1,1 depth 8",
    config: { balances: [1, 1], channels: "nonfifo" },
    maxDepth: 8,
    holds: true,
  },
  {
    name: "fifo 0,0,1, P2 unreachable",
    config: { balances: [0, 0, 1], links: unreachable },
    maxStates: 308,
    holds: false,
  },
  {
    name: "fifo 1,1,0, P2 unreachable",
    config: { balances: [1, 1, 0], links: unreachable },
    maxStates: 720,
    holds: false,
  },
  {
    name: "nonfifo 1,0,1, P2 unreachable, depth 9",
    config: { balances: [1, 0, 1], channels: "nonfifo", links: unreachable },
    maxDepth: 9,
    holds: false,
  },
];

describe("the compact engine's state graph", () => {
  it.each(engineCases.filter((c) => !c.name.startsWith("nonfifo 1,1 depth 12")))(
    "has one edge per transition, and the packed engine's edges state by state ($name)",
    ({ config, maxDepth, maxStates }) => {
      const model = modelOf(config);
      const result = exploreCompact(engineModelOf(model), { maxDepth, maxStates });
      expect(result.stats.stop).not.toBe("max-states");
      const engineSpace = result.space;
      if (engineSpace === undefined) throw new Error("no graph in exact mode");
      const g = engineSpace.graph();
      expect(g.targets.length).toBe(result.stats.transitions);
      expect(g.order).toBe(result.stats.distinctStates);
      const { space } = check(model, [], { limits: { maxDepth, maxStates }, graph: true });
      expect(g.order).toBe(space.size);
      for (let id = 0; id < g.order; id++) {
        const state = engineSpace.state(id);
        expect(model.key(state)).toBe(model.key(space.state(id)));
        expect(g.depth[id]).toBe(space.depth(id));
        expect(g.enabled[id]).toBe(space.enabledCount[id]);
        expect(((g.flags[id] as number) & EXPANDED) === EXPANDED).toBe(space.expanded[id]);
        expect(((g.flags[id] as number) & COMPLETE) === COMPLETE).toBe(everyInstanceComplete(state));
        const edges: string[] = [];
        for (let e = g.start[id] as number; e < (g.start[id + 1] as number); e++) {
          edges.push(`${model.label(engineSpace.step(g.steps[e] as number))}→${g.targets[e]}`);
        }
        expect(edges).toEqual([...space.edges(id)].map(([step, t]) => `${model.label(step)}→${t}`));
      }
    },
  );

  it("marks edges to states a maxStates bound kept out with −1, and still counts them", () => {
    const result = exploreCompact(engineModelOf(modelOf({ balances: [2, 1] })), { maxStates: 50 });
    const g = result.space?.graph();
    expect(g?.targets.length).toBe(result.stats.transitions);
    expect([...(g?.targets ?? [])].some((t) => t === -1)).toBe(true);
  });

  it("is not offered under symmetry or without exact mode", () => {
    // A few hundred states are enough to see it: the whole space is half a million.
    const model = engineModelOf(modelOf({ balances: [1, 1, 1] }));
    const maxStates = 500;
    expect(exploreCompact(model, { maxStates }).space).toBeDefined();
    expect(exploreCompact(model, { maxStates, symmetry: true }).space).toBeUndefined();
    expect(exploreCompact(model, { maxStates, mode: "fingerprint" }).space).toBeUndefined();
    expect(
      exploreCompact(model, { maxStates, mode: "bitstate", bitstateLog2Bits: 16 }).space,
    ).toBeUndefined();
  });
});

describe("termination, decided by the compact engine", () => {
  it.each(terminationCases)(
    "gives the generic check's verdict and lasso ($name)",
    ({ config, maxDepth, maxStates, holds }) => {
      const model = modelOf(config);
      const result = exploreCompact(engineModelOf(model), { maxDepth, maxStates });
      expect(result.stats.stop).not.toBe("max-states");
      const verdict = checkTermination(result);
      const generic = check(model, [termination], { limits: { maxDepth, maxStates } }).verdicts[0];
      expect(verdict.holds).toBe(holds);
      // The reductions keep every deadlock, so the stuck-snapshot half of the verdict stays (a
      // partial-order reduced run may lie deeper: under a bound only a violation is compared).
      for (const reductions of [
        { symmetry: true },
        { partialOrder: true },
        { symmetry: true, partialOrder: true },
      ]) {
        const reduced = exploreCompact(engineModelOf(model), {
          maxDepth: maxDepth === undefined || reductions.partialOrder !== true ? maxDepth : maxDepth + 6,
          maxStates,
          ...reductions,
        });
        if (maxDepth === undefined || !result.noStuckSnapshot.holds) {
          expect(reduced.noStuckSnapshot.holds, JSON.stringify(reductions)).toBe(
            result.noStuckSnapshot.holds,
          );
        }
      }
      expect(generic?.holds).toBe(holds);
      expect(verdict.complete).toBe(generic?.complete);
      if (holds) return;
      const path = verdict.violation?.path;
      const loop = verdict.violation?.loop;
      if (path === undefined || loop === undefined) throw new Error("a violation without its lasso");
      expect(path.steps.map((s) => model.label(s))).toEqual(
        generic?.counterexample?.steps.map((s) => model.label(s)),
      );
      expect(loop).toBe(generic?.counterexample?.loop);
      expect(verdict.violation?.reason).toBe(generic?.counterexample?.reason);
      // The lasso is a run of the model whose last state is its loop state, and the generic
      // property re-judges it as violated.
      let state = model.initial;
      path.steps.forEach((step, i) => {
        expect(model.steps(state).map((s) => model.label(s))).toContain(model.label(step));
        state = model.next(state, step).state;
        expect(model.key(state)).toBe(model.key(path.states[i + 1] as GlobalState));
      });
      expect(model.key(state)).toBe(model.key(path.states[loop] as GlobalState));
      expect(termination.check(spaceOfRun(model, path.states, path.steps), model)).toBeDefined();
    },
    30_000,
  );

  it("reports a stuck snapshot as the search found it, at the generic check's length", () => {
    const model = modelOf({ balances: [0, 0], links: [[1, 0]] });
    const limits = { maxStates: 100 };
    const result = exploreCompact(engineModelOf(model), limits);
    expect(result.stats.stop).not.toBe("max-states");
    const verdict = checkTermination(result);
    expect(verdict).toBe(result.noStuckSnapshot);
    expect(verdict.holds).toBe(false);
    const generic = check(model, [termination], { limits }).verdicts[0];
    expect(verdict.violation?.path?.steps).toHaveLength(generic?.counterexample?.steps.length ?? -1);
  });
});

describe("explore --engine compact with termination and --graph", () => {
  it("writes the generic engine's graph (nodes, edges, attributes) for fifo 1,1", async () => {
    const dir = tmp();
    const compact = await runInProcess(
      "explore",
      "--balances",
      "1,1",
      "--engine",
      "compact",
      "--graph",
      join(dir, "compact.json"),
      "--out",
      dir,
      "--json",
    );
    const generic = await runInProcess(
      "explore",
      "--balances",
      "1,1",
      "--max-states",
      "720",
      "--graph",
      join(dir, "generic.json"),
      "--out",
      dir,
    );
    expect(compact.code).toBe(0);
    expect(generic.code).toBe(0);
    const read = (name: string) => JSON.parse(readFileSync(join(dir, name), "utf8"));
    const [c, g] = [read("compact.json"), read("generic.json")];
    expect(c.nodes).toHaveLength(g.nodes.length);
    expect(c.edges).toHaveLength(g.edges.length);
    expect(c.nodes).toEqual(g.nodes);
    const edges = (graph: { edges: { source: string; target: string; attributes: unknown }[] }) =>
      graph.edges.map(({ source, target, attributes }) => ({ source, target, attributes }));
    expect(edges(c)).toEqual(edges(g));
    const report = JSON.parse(compact.stdout);
    expect(report.properties).toContainEqual({ name: "termination", holds: true, complete: true });
    expect(report.skipped.map((s: { name: string }) => s.name)).not.toContain("termination");
  }, 30_000);

  it("refuses --graph outside exact mode without symmetry, and leaves fair cycles to the generic engine there", async () => {
    const refused = await runInProcess(
      "explore",
      "--balances",
      "1,1",
      "--engine",
      "compact",
      "--mode",
      "fingerprint",
      "--graph",
      join(tmp(), "g.json"),
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--graph");
    const report = JSON.parse(
      (
        await runInProcess(
          "explore",
          "--balances",
          "1,1",
          "--engine",
          "compact",
          "--reduce",
          "symmetry",
          "--json",
          "--out",
          tmp(),
        )
      ).stdout,
    );
    expect(report.skipped.map((s: { name: string }) => s.name)).toContain("termination");
  }, 30_000);

  it("writes a fair cycle as a lasso counterexample (loop set)", () => {
    // The CLI refuses topologies markers cannot cover; the report pipeline itself takes one.
    const resolved = configFrom({ balances: [0, 0, 1], properties: ["termination"] });
    const config = { ...resolved.config, topology: unreachable };
    const dir = tmp();
    const report = runCompact(
      { ...resolved, config },
      { outDir: dir, mode: "exact", reduce: "none", progress: false },
    );
    const verdict = report.properties.find((p) => p.name === "termination");
    expect(verdict?.holds).toBe(false);
    expect(verdict?.counterexample?.steps).toBe(9);
    const file = readdirSync(dir).find((f) => f.endsWith(".itf.json")) as string;
    expect(JSON.parse(readFileSync(join(dir, file), "utf8")).loop).toBe(5);
    // (`replay` re-validates the config, and refuses this topology as explore does.)
    const meta = JSON.parse(readFileSync(join(dir, file), "utf8"))["#meta"].snapcheck;
    expect(meta).toMatchObject({ property: "termination", reason: verdict?.counterexample?.reason });
    expect(meta.steps).toHaveLength(9);
  }, 30_000);
});
