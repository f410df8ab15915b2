/** --max-memory takes a size as a user types it: MiB by default, m/M for MiB, g/G for GiB. */
import { describe, expect, it } from "vitest";
import { properties } from "../../properties/index.js";
import { parseConfig } from "../../src/config.js";
import { ConfigError } from "../../src/errors.js";

const names = properties.map((p) => p.name);
const memory = (value: unknown) => parseConfig({ balances: "1,1", maxMemoryMiB: value }, names).maxMemoryMiB;

describe("--max-memory", () => {
  it.each([
    ["512", 512],
    ["512m", 512],
    ["512M", 512],
    ["2g", 2048],
    ["2G", 2048],
    [" 64 ", 64],
    [1024, 1024],
  ])("reads %j as %i MiB", (given, mib) => {
    expect(memory(given)).toBe(mib);
  });

  it.each(["1.5g", "512k", "g", "", "-1", "2gb", "12", 8, "1e3", "0x200", true])(
    "refuses %j, naming the field",
    (given) => {
      expect(() => memory(given)).toThrow(ConfigError);
      expect(() => memory(given)).toThrow(
        /^maxMemoryMiB: expected a memory size of at least 16 MiB such as 512, 512m or 2g/,
      );
    },
  );
});
