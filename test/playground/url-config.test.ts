/** The configuration in the playground's address: what a link writes is what it reads back, and nothing else. */
import { describe, expect, it } from "vitest";
import { hashOf, rawConfigOf, settingsOf } from "../../src/playground/url-config.js";

describe("the playground's link", () => {
  it("reads back the settings it writes, commas kept readable", () => {
    const settings = { processes: "3", balances: "1,1,0", channels: "nonfifo,lossy", maxDepth: "8" };
    const hash = hashOf(settings);
    expect(hash).toBe("#processes=3&balances=1,1,0&channels=nonfifo,lossy&maxDepth=8");
    expect(settingsOf(hash)).toEqual(settings);
  });

  it("leaves empty fields out and ignores fields it does not know", () => {
    expect(hashOf({ balances: "1,1", maxDepth: " " })).toBe("#balances=1,1");
    expect(settingsOf("#balances=1,1&script=send%200%201%201&onload=x")).toEqual({ balances: "1,1" });
    expect(rawConfigOf({ balances: " 1,1 ", maxDepth: "" })).toEqual({ balances: "1,1" });
  });

  it("holds how the configuration is checked, which is no field of the configuration", () => {
    const settings = { balances: "1,1,0", channels: "nonfifo", mode: "simulate", seed: "7", runs: "200" };
    expect(hashOf(settings)).toBe("#balances=1,1,0&channels=nonfifo&mode=simulate&runs=200&seed=7");
    expect(settingsOf(hashOf(settings))).toEqual(settings);
    expect(rawConfigOf(settings)).toEqual({ balances: "1,1,0", channels: "nonfifo" });
  });

  it("keeps markup in a value as an inert string for the checker to refuse", () => {
    const hostile = '<img src=x onerror="pwned=1">';
    expect(settingsOf(hashOf({ workload: hostile })).workload).toBe(hostile);
  });
});
