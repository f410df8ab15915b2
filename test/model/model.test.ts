/** The model's steps, one rule at a time (semantics.md, "Chandy–Lamport"). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fifo } from "../../src/model/channels/fifo.js";
import { nonfifo } from "../../src/model/channels/nonfifo.js";
import { appMessage, marker } from "../../src/model/message.js";
import type { Model } from "../../src/model/model.js";
import { isComplete, viewOf } from "../../src/model/snapshot.js";
import type { GlobalState, SnapshotView, Step } from "../../src/model/types.js";
import { modelOf } from "../support/models.js";

const M0 = marker(0);

/** The state after `label`, seen through snapshot instance 0. */
function take(model: Model, state: GlobalState, label: string): SnapshotView {
  const step = model.steps(state).find((s) => model.label(s) === label);
  if (step === undefined)
    throw new Error(`${label} not enabled; enabled: ${model.steps(state).map((s) => model.label(s))}`);
  return viewOf(model.next(state, step).state, 0);
}

/** The labels of the deliveries enabled in `state`. */
function deliveries(model: Model, state: GlobalState): string[] {
  return model
    .steps(state)
    .filter((x) => x.kind === "deliver")
    .map((x) => model.label(x));
}

function run(model: Model, labels: string[]): SnapshotView {
  return labels.reduce((s, l) => take(model, s, l), viewOf(model.initial, 0));
}

describe("bank with Chandy–Lamport", () => {
  const model = modelOf({ balances: [1, 0, 0] });

  it("offers initiate(P0), then the transfers P0 can make, in a fixed order", () => {
    expect(model.steps(model.initial).map((s) => model.label(s))).toEqual([
      "initiate(P0)",
      "send(P0→P1)",
      "send(P0→P2)",
    ]);
  });

  it("numbers its own steps apart, by model, without touching what a step equals or prints as", () => {
    const steps = model.steps(model.initial);
    const numbers = steps.map((s) => model.stepNumber(s));
    expect(new Set(numbers).size).toBe(steps.length);
    expect(numbers.every((n) => n >= 0)).toBe(true);
    // A step read from a trace is not the model's own; a second model numbers the same objects its own way.
    expect(model.stepNumber({ ...(steps[0] as Step) })).toBe(-1);
    expect(steps[0]).toEqual({ ...(steps[0] as Step) });
    expect(JSON.stringify(steps[0])).toBe(JSON.stringify({ ...(steps[0] as Step) }));
    const other = modelOf({ balances: [1, 0, 0] });
    expect(steps.map((s) => other.stepNumber(s))).toEqual(steps.map(() => -1));
    expect(steps.map((s) => other.label(s))).toEqual(steps.map((s) => model.label(s)));
  });

  it("takes each step over a copy of the source and undoes it, even when other steps run in between", () => {
    const from = model.codec.encode(model.initial);
    const steps = model.steps(model.initial);
    const over = from.slice();
    for (const step of [...steps, ...steps]) {
      const events = model.applyOver(from, step, over);
      const effect = model.lastEffect;
      const expected = new Int32Array(from.length);
      expect(model.apply(from, step, expected)).toBe(events);
      expect(over).toEqual(expected);
      // Another step applied meanwhile (as a violation's rebuilt run does) must not spoil the undo.
      model.apply(from, steps[steps.length - 1] as Step, new Int32Array(from.length));
      model.restore(from, over, effect);
      expect(over).toEqual(from);
    }
  });

  it("initiate records the initiator's state and sends a marker on every outgoing channel", () => {
    const s = run(model, ["initiate(P0)"]);
    expect(s.recorded).toEqual([[1], null, null]);
    expect(s.channels[model.topology.channelIndex(0, 1) ?? -1]).toEqual([M0]);
    expect(s.channels[model.topology.channelIndex(0, 2) ?? -1]).toEqual([M0]);
    expect(model.steps(s).some((x) => x.kind === "initiate")).toBe(false);
  });

  it("a first marker records the receiver, closes its channel as empty and forwards markers", () => {
    const s = run(model, ["initiate(P0)", "deliver(c(0,1): M)"]);
    expect(s.recorded[1]).toEqual([0]);
    expect(s.records[model.topology.channelIndex(0, 1) ?? -1]).toEqual({ closed: true, messages: [] });
    expect(s.channels[model.topology.channelIndex(1, 0) ?? -1]).toEqual([M0]);
    expect(s.channels[model.topology.channelIndex(1, 2) ?? -1]).toEqual([M0]);
  });

  it("a transfer arriving on a recording channel is recorded and credited", () => {
    const s = run(model, [
      "send(P0→P1)",
      "initiate(P0)",
      "deliver(c(0,2): M)",
      "deliver(c(2,1): M)",
      "deliver(c(0,1): T)",
    ]);
    const c01 = model.topology.channelIndex(0, 1) ?? -1;
    expect(s.procs[1]).toEqual([1]);
    expect(s.records[c01]).toEqual({ closed: false, messages: ["T"] });
    const closed = take(model, s, "deliver(c(0,1): M)");
    expect(closed.records[c01]).toEqual({ closed: true, messages: ["T"] });
  });

  it("fifo offers only the head of a channel", () => {
    const s = run(model, ["initiate(P0)", "send(P0→P1)"]);
    expect(deliveries(model, s)).toEqual(["deliver(c(0,1): M)", "deliver(c(0,2): M)"]);
  });

  it("the snapshot completes once every process recorded and every channel closed", () => {
    const s = run(model, [
      "initiate(P0)",
      "deliver(c(0,1): M)",
      "deliver(c(0,2): M)",
      "deliver(c(1,0): M)",
      "deliver(c(1,2): M)",
      "deliver(c(2,0): M)",
    ]);
    expect(isComplete(s)).toBe(false);
    expect(isComplete(take(model, s, "deliver(c(2,1): M)"))).toBe(true);
  });
});

describe("nonfifo", () => {
  const model = modelOf({ balances: [2, 0], channels: "nonfifo" });

  it("offers one delivery per distinct message, and any of them", () => {
    const s = run(model, ["send(P0→P1)", "initiate(P0)", "send(P0→P1)"]);
    expect(deliveries(model, s)).toEqual(["deliver(c(0,1): M)", "deliver(c(0,1): T)"]);
  });

  it("a channel is a multiset: the same messages sent in any order give the same contents", () => {
    const t = appMessage("T");
    expect(nonfifo.append(nonfifo.append([], t), M0)).toEqual(nonfifo.append(nonfifo.append([], M0), t));
    expect(fifo.append(fifo.append([], t), M0)).not.toEqual(fifo.append(fifo.append([], M0), t));
  });

  it("interleavings that leave equal states are found equal", () => {
    const a = run(model, ["send(P0→P1)", "initiate(P0)", "deliver(c(0,1): T)"]);
    const b = run(model, ["initiate(P0)", "send(P0→P1)", "deliver(c(0,1): T)"]);
    expect(a.recorded).not.toEqual(b.recorded);
    const c = run(model, ["send(P0→P1)", "send(P0→P1)", "deliver(c(0,1): T)"]);
    const d = run(model, ["send(P0→P1)", "deliver(c(0,1): T)", "send(P0→P1)"]);
    expect(model.key(c)).toBe(model.key(d));
  });
});

describe("model laws", () => {
  const configs = [
    modelOf({ balances: [1, 1, 0] }),
    modelOf({ balances: [2, 1], channels: "nonfifo" }),
    modelOf({ workload: "orders", balances: [1, 1], stock: [1, 0] }),
  ];

  it("next is pure and deterministic, keys are stable, along random paths", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.array(fc.nat(), { maxLength: 30 }), (which, choices) => {
        const model = configs[which] as Model;
        let state = model.initial;
        for (const choice of choices) {
          const steps: Step[] = model.steps(state);
          if (steps.length === 0) break;
          const step = steps[choice % steps.length] as Step;
          const frozen = structuredClone(state);
          const before = model.key(state);
          const once = model.next(state, step);
          const twice = model.next(state, step);
          expect(state).toEqual(frozen);
          expect(model.key(state)).toBe(before);
          expect(model.key(once.state)).toBe(model.key(twice.state));
          expect(model.key(structuredClone(once.state))).toBe(model.key(once.state));
          state = once.state;
        }
      }),
      { numRuns: 200 },
    );
  });
});
