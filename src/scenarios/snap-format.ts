/**
 * A recorded snapshot in COS 418's `.snap` format: the first line the instance id; then `id tokens`
 * per process; then `src dst token(n)` per recorded in-flight message, channel by channel, each
 * channel's messages in the order received.
 */

import type { RecordedSnapshot } from "../engine/recorded-snapshots.js";
import type { Topology } from "../model/topology.js";
import { amountOf, held } from "../workloads/tokens.js";

export function snapText(snapshot: RecordedSnapshot, topology: Topology, names: readonly string[]): string {
  const name = (p: number) => names[p] ?? `P${p}`;
  const lines = [
    String(snapshot.instance),
    ...snapshot.processes.map((s, p) => `${name(p)} ${held(s)}`),
    ...snapshot.channels.flatMap((messages, c) => {
      const { from, to } = topology.channel(c);
      return messages.map((payload) => `${name(from)} ${name(to)} token(${amountOf(payload)})`);
    }),
  ];
  return `${lines.join("\n")}\n`;
}
