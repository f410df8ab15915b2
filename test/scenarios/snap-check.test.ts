/**
 * `snapcheck snapshots … --check FILE.snap`: a COS 418 snapshot file the algorithm can record in
 * the scenario exits 0 and names it; one it cannot exits 1 with the closest recordable snapshot and
 * what differs; a file that does not read exits 2 with its line.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tmp } from "../support/cli.js";
import { runInProcess } from "../support/run-cli.js";

const scenario = [
  "--topology",
  "examples/cos418/2nodes.top",
  "--events",
  "examples/cos418/2nodes-concurrent.events",
];

function snapFile(text: string): string {
  const path = join(tmp(), "my.snap");
  writeFileSync(path, text);
  return path;
}

describe("snapshots --check", () => {
  it("a recordable snapshot: exit 0, which one it is and its witness", async () => {
    const file = snapFile("0\nN1 1\nN2 2\nN2 N1 token(1)\n");
    const r = await runInProcess("snapshots", ...scenario, "--check", file, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).check).toMatchObject({
      instance: 0,
      recordable: true,
      nearest: 2,
      differences: [],
    });
  });

  it("a snapshot the algorithm cannot record: exit 1, the closest one and what differs", async () => {
    // Instance 1 can record N1 2, N2 2 with empty channels; this file loses a token on N2.
    const file = snapFile("1\nN1 2\nN2 1\n");
    const r = await runInProcess("snapshots", ...scenario, "--check", file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${file}: NOT recordable by chandy-lamport in this scenario. Closest: snapshot 2 of instance 1, which differs: N2 holds 1 here, 2 there`,
    );
  });

  it("a channel recorded out of order is not recordable under fifo", async () => {
    const file = snapFile("1\nN1 1\nN2 0\nN1 N2 token(1)\nN1 N2 token(2)\n");
    const r = await runInProcess("snapshots", ...scenario, "--check", file, "--json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).check).toMatchObject({
      recordable: false,
      nearest: 3,
      differences: ["N1→N2 records ⟨token(1), token(2)⟩ here, ⟨token(2), token(1)⟩ there"],
    });
  });

  it("a file that does not read: exit 2 with its line", async () => {
    const r = await runInProcess("snapshots", ...scenario, "--check", snapFile("0\nN1 1\nN3 2\n"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('my.snap:3: unknown process "N3": the scenario\'s processes are N1, N2');
  });
});
