/** Faulty channels: what each fault does to a step, and which properties Chandy–Lamport then loses. */
import { describe, expect, it } from "vitest";
import { marker } from "../../src/model/message.js";
import { checkAll, modelOf, shortest } from "../support/models.js";

describe("lossy and duplicating channels", () => {
  it("offer, per deliverable message, its delivery, then its loss, then its duplication", () => {
    const model = modelOf({ balances: [1, 0], lossy: true, duplicating: true });
    const start = model.steps(model.initial).find((s) => s.kind === "initiate");
    const s = start && model.next(model.initial, start).state;
    const labels = s ? model.steps(s).map((x) => model.label(x)) : [];
    expect(labels).toEqual(["send(P0→P1)", "deliver(c(0,1): M)", "drop(c(0,1): M)", "duplicate(c(0,1): M)"]);
  });

  it("a drop loses the message; a duplicate delivers it and keeps it", () => {
    const model = modelOf({ balances: [1, 0], lossy: true, duplicating: true });
    const MARKER = marker(0);
    const init = model.next(model.initial, { kind: "initiate", process: 0, instance: 0 }).state;
    const c01 = model.topology.channelIndex(0, 1) ?? -1;
    const dropped = model.next(init, { kind: "drop", channel: c01, message: MARKER });
    expect(dropped.state.channels[c01]).toEqual([]);
    expect(dropped.state.snapshots[0]?.recorded[1]).toBeNull();
    expect(dropped.events).toEqual([{ kind: "lose", channel: c01, message: MARKER }]);
    const copied = model.next(init, { kind: "duplicate", channel: c01, message: MARKER });
    expect(copied.state.channels[c01]).toEqual([MARKER]);
    expect(copied.state.snapshots[0]?.recorded[1]).toEqual([0]);
  });

  it("under fifo,lossy a lost marker stalls the snapshot (termination) while the recorded cuts stay consistent", () => {
    const lengths = shortest(checkAll({ balances: [1, 1], lossy: true }, { maxDepth: 10 }));
    expect(lengths.termination).toBeGreaterThan(0);
    expect(lengths["consistent-cut"]).toBeNull();
    expect(lengths.conservation).toBeNull();
  });

  it("under nonfifo,lossy the overtaking bug remains, in 4 steps", () => {
    const lengths = shortest(
      checkAll({ balances: [1, 1], channels: "nonfifo", lossy: true }, { maxDepth: 8 }),
    );
    expect(lengths["consistent-cut"]).toBe(4);
    expect(lengths.conservation).toBe(4);
  });
});
