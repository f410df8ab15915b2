/**
 * The packed transition relation is the generic Model's, step for step: along seeded random walks,
 * every packed state decodes to a state whose enabled steps (in order) are the engine's, and each
 * engine successor decodes to the generic successor's key. Step index k of the engine is step k
 * of `Model.steps`, which is what makes engine paths generic paths. The compiled kernel gives the
 * same successors in the same order as the interpreted relation.
 */
import { describe, expect, it } from "vitest";
import { engineModelOf } from "../../src/engine/config.js";
import { decodeState, decodeStep } from "../../src/engine/decode.js";
import { compileKernel } from "../../src/engine/kernel.js";
import { Layout } from "../../src/engine/layout.js";
import { Transitions } from "../../src/engine/successors.js";
import { modelOf, type TestConfig } from "../support/models.js";

const walks: readonly { name: string; config: TestConfig; maxDepth?: number }[] = [
  { name: "fifo 2,1,1 all initiators", config: { balances: [2, 1, 1], initiators: [0, 1, 2] } },
  {
    name: "fifo 3,0,1,1 line",
    config: {
      balances: [3, 0, 1, 1],
      links: [
        [0, 1],
        [1, 0],
        [1, 2],
        [2, 1],
        [2, 3],
        [3, 2],
      ],
    },
  },
  {
    name: "nonfifo 2,1,1 initiators P0 and P2",
    config: { balances: [2, 1, 1], channels: "nonfifo", initiators: [0, 2] },
    maxDepth: 40,
  },
];

describe("the packed transition relation", () => {
  it.each(walks)("matches the generic model along random walks: $name", ({ config, maxDepth }) => {
    const model = modelOf(config);
    const engineModel = engineModelOf(model);
    const t = new Transitions(engineModel, new Layout(engineModel, maxDepth));
    const kernel = compileKernel(t);
    const compiled: string[] = [];
    const out = new Uint32Array(t.layout.words);
    const sink = { visit: (k: number) => compiled.push(`${k}:${out.join(",")}`) };
    let seed = 12345;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (let walk = 0; walk < 30; walk++) {
      const words = new Uint32Array(t.layout.words);
      t.initial(words, 0);
      for (let depth = 0; depth < (maxDepth ?? 40); depth++) {
        const state = decodeState(t, words, 0);
        const n = t.load(words, 0);
        const steps = Array.from({ length: n }, (_, k) => decodeStep(t, k));
        expect(steps.map((s) => model.label(s))).toEqual(model.steps(state).map((s) => model.label(s)));
        if (n === 0) break;
        const next = new Uint32Array(words.length);
        const interpreted: string[] = [];
        for (let k = 0; k < n; k++) {
          t.apply(k, next, 0);
          interpreted.push(`${k}:${next.join(",")}`);
          const expected = model.next(state, steps[k] as (typeof steps)[number]).state;
          expect(model.key(decodeState(t, next, 0))).toBe(model.key(expected));
        }
        // The compiled kernel: the same successors in the same order, the same counts and status.
        compiled.length = 0;
        expect(kernel.expand(words, 0, out, sink)).toBe(n);
        expect(compiled).toEqual(interpreted);
        expect(kernel.enabled(words, 0)).toBe(n);
        t.load(words, 0);
        const status = (t.complete() ? 1 : 0) | (t.initiated() ? 2 : 0) | (t.recordedMoney() << 2);
        expect(kernel.status(words, 0)).toBe(status);
        t.apply(random(n), words, 0);
      }
    }
  });
});
