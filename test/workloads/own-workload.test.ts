/** A workload written outside snapcheck is checked with every algorithm, through the public library entry. */
import { describe, expect, it } from "vitest";
import { algorithms, check, fifo, Model, nonfifo, properties, RELIABLE, Topology } from "../../src/index.js";
import { tokenPassing } from "./token-ring.js";

function checkToken(algorithm: (typeof algorithms)[number], channels: "fifo" | "nonfifo") {
  const model = new Model({
    topology: Topology.ring(3),
    discipline: channels === "fifo" ? fifo : nonfifo,
    faults: RELIABLE,
    workload: tokenPassing,
    params: { balances: [1, 0, 0] },
    algorithm,
    initiators: [0],
  });
  return check(model, properties, { limits: { maxDepth: 14 } });
}

describe("your own workload", () => {
  it.each(algorithms.map((a) => [a.name, a] as const))(
    "%s keeps every property of the token ring under fifo",
    (_, algorithm) => {
      const result = checkToken(algorithm, "fifo");
      // The token ring has no stable property, so stable-detection has nothing to judge.
      expect(result.skipped.map((s) => s.property.name)).toEqual(["stable-detection"]);
      expect(result.verdicts.map((v) => [v.property.name, v.holds])).toEqual(
        properties.filter((p) => p.name !== "stable-detection").map((p) => [p.name, true]),
      );
    },
  );

  it("under nonfifo, Chandy–Lamport loses the token in S* and Lai–Yang does not", () => {
    const lost = (name: string) =>
      checkToken(
        algorithms.find((a) => a.name === name) as (typeof algorithms)[number],
        "nonfifo",
      ).verdicts.find((v) => v.property.name === "conservation")?.holds;
    expect(lost("chandy-lamport")).toBe(false);
    expect(lost("lai-yang")).toBe(true);
  });
});
