/**
 * `export --format promela`: the text is a well-formed model with one guarded d_step per snapcheck
 * step; unsupported configurations are refused naming the field; and, where spin and cc are
 * installed, SPIN's states stored equal snapcheck's distinct states on fifo and depth-bounded
 * nonfifo configurations, and SPIN's conservation verdict agrees with snapcheck's — including on a
 * mutant that forgets to record channel states. Skipped, saying so, where spin or cc is absent
 * (CI installs spin).
 */
import { afterAll, describe, expect, it } from "vitest";
import { properties } from "../../properties/index.js";
import { buildModel, parseConfig } from "../../src/config.js";
import { check } from "../../src/engine/check.js";
import { ConfigError } from "../../src/errors.js";
import { promelaModel } from "../../src/render/promela.js";
import { runInProcess } from "../support/run-cli.js";
import { type CompiledSpin, compileSpin, type SpinOptions, spinPresent } from "../support/spin.js";

const configOf = (raw: Record<string, unknown>) =>
  parseConfig(
    raw,
    properties.map((p) => p.name),
  );

describe("the Promela text", () => {
  it("declares every field once and offers one guarded d_step per snapcheck step", () => {
    const text = promelaModel(configOf({ balances: "2,1,0", initiators: "0,2", topology: "ring" }));
    const options = text.match(/^ {2}:: d_step \{ \/\* [^*]+ \*\/ [^{}]+ -> [^{}]+ \}$/gm) ?? [];
    // 2 initiations, then per channel of the ring: a send, a T delivery and a marker delivery.
    expect(options).toHaveLength(2 + 3 * 3);
    expect(options.map((o) => /\/\* (\S+)/.exec(o)?.[1])).toEqual([
      "initiate(P0)",
      "initiate(P2)",
      "send(P0→P1)",
      "send(P1→P2)",
      "send(P2→P0)",
      "deliver(c(0,1):",
      "deliver(c(0,1):",
      "deliver(c(1,2):",
      "deliver(c(1,2):",
      "deliver(c(2,0):",
      "deliver(c(2,0):",
    ]);
    expect(text).toMatch(/^#define TOTAL 3$/m);
    expect(text).toMatch(/^byte b_0 = 2; bit r_0; byte rb_0;$/m);
    expect(text).toMatch(/^byte q_2_0; bit m_2_0; byte t_2_0; bit x_2_0; byte n_2_0;$/m);
    expect(text).toMatch(/^active proctype snapshot\(\) \{\nend:\n {2}do\n/m);
    expect(text.split("{").length).toBe(text.split("}").length);
    expect(text.match(/assert\(/g)).toHaveLength(3);
  });

  it("keeps nonfifo channels as multisets and names the depth bound to give pan", () => {
    const text = promelaModel(configOf({ balances: "1,1", channels: "nonfifo", maxDepth: 9 }));
    expect(text).not.toMatch(/t_0_1/);
    expect(text).toMatch(/deliver\(c\(0,1\): M\) \*\/ m_0_1 ->/);
    expect(text).toMatch(/\.\/pan -m9 -A/);
  });

  it("refuses what it does not model, naming the field", () => {
    const refused = (raw: Record<string, unknown>) => {
      try {
        promelaModel(configOf(raw));
      } catch (e) {
        return e instanceof ConfigError ? e.field : e;
      }
      return "accepted";
    };
    expect(refused({ workload: "orders" })).toBe("workload");
    expect(refused({ algorithm: "lai-yang" })).toBe("algorithm");
    expect(refused({ channels: "fifo,lossy" })).toBe("channels");
    expect(refused({ channels: "nonfifo", maxDepth: 256 })).toBe("maxDepth");
    // A state limit keeps nonfifo's default depth bound, which the model then runs to.
    expect(promelaModel(configOf({ channels: "nonfifo", maxStates: 100 }))).toContain("./pan -m12 ");
    expect(refused({ balances: "200,56" })).toBe("balances");
    expect(refused({ balances: "200,55" })).toBe("accepted");
  });

  it("is written by the CLI from explore's flags, and refusals are one line with exit 2", async () => {
    const r = await runInProcess("export", "--format", "promela", "--balances", "1,1", "--initiators", "all");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(promelaModel(configOf({ balances: "1,1", initiators: "all" })));
    const bad = await runInProcess("export", "--format", "promela", "--workload", "orders");
    expect([bad.code, bad.stderr]).toEqual([
      2,
      'snapcheck: workload: the Promela export models bank only, got "orders"\n',
    ]);
    const flag = await runInProcess("export", "--format", "promela", "--max-states", "9");
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^snapcheck: export: --max-states does not apply to --format promela/);
  });
});

const title = spinPresent
  ? "SPIN on the exported model"
  : "SPIN on the exported model — SKIPPED: spin or cc is absent (install it: apt-get install -y spin)";
if (!spinPresent)
  console.warn("Promela tests with SPIN skipped: spin or cc is absent (install it: apt-get install -y spin)");

describe.skipIf(!spinPresent)(title, () => {
  // Each model is compiled once, then searched with as many options as the tests need.
  const compiled = new Map<string, CompiledSpin>();
  afterAll(() => {
    for (const pan of compiled.values()) pan.dispose();
  });
  const runSpin = (model: string, options: SpinOptions) => {
    const pan = compiled.get(model) ?? compileSpin(model);
    compiled.set(model, pan);
    return pan.search(options);
  };

  it.each([
    [{ balances: "1,1" }, 155],
    [{ balances: "2,1" }, 507],
    [{ balances: "1,1,0" }, 45_075],
    [{ balances: "1,1,1", topology: "ring" }, 2_565],
    [{ balances: "1,1,0", initiators: "all" }, 104_034],
    [{ balances: "2,0,1", topology: "0-1,1-2,2-0,1-0" }, 14_764],
    [{ balances: "1,1", channels: "nonfifo", maxDepth: 10 }, 355],
    [{ balances: "1,1,0", channels: "nonfifo", maxDepth: 6 }, 1_552],
  ])("%o: SPIN stores exactly snapcheck's %d distinct states", (raw, expected) => {
    const config = configOf(raw);
    const { stats } = check(buildModel(config), [], { limits: { ...config, maxStates: 4 * expected } });
    const spin = runSpin(promelaModel(config), { maxDepth: config.maxDepth, countOnly: true });
    expect([stats.distinctStates, spin.statesStored]).toEqual([expected, expected]);
    expect(spin.depthReached).toBe(stats.maxDepth);
    if (stats.stop === "exhausted") expect(spin.transitions).toBe(stats.transitions + 1);
  });

  it("agrees with snapcheck on conservation: proved under fifo, violated in 4 steps under nonfifo", () => {
    const fifo = runSpin(promelaModel(configOf({ balances: "1,1,0" })), { countOnly: false });
    expect([fifo.assertionViolated, fifo.statesStored]).toEqual([false, 45_075]);
    const nonfifo = configOf({ balances: "1,1", channels: "nonfifo", maxDepth: 10 });
    const spin = runSpin(promelaModel(nonfifo), { maxDepth: 10, countOnly: false });
    expect(spin.assertionViolated).toBe(true);
    // pan numbers depths from 0: the assertion in the 4th step runs at depth 3.
    expect(spin.output).toMatch(/assertion violated .* \(at depth 3\)/);
    const verdict = check(buildModel(nonfifo), properties, { limits: nonfifo }).verdicts.find(
      (v) => v.property.name === "conservation",
    );
    expect(verdict?.counterexample?.steps).toHaveLength(4);
  });

  it("reports a violation for a mutant that never records in-flight transfers, even under fifo", () => {
    const text = promelaModel(configOf({ balances: "1,1" }));
    const mutant = text.replace(/-> n_(\d+)_(\d+)\+\+/g, "-> skip");
    expect(mutant).not.toBe(text);
    expect(runSpin(mutant, { countOnly: false }).assertionViolated).toBe(true);
    const wrongTotal = text.replace("#define TOTAL 2", "#define TOTAL 3");
    expect(runSpin(wrongTotal, { countOnly: false }).assertionViolated).toBe(true);
  });
});
