/**
 * `export --format promela`: the reference model of semantics.md (bank, Chandy–Lamport, one
 * snapshot, fifo or nonfifo channels) as a Promela model for SPIN — the one place where the rules
 * of a workload and an algorithm are stated a second time, by hand, for an independent checker;
 * the generated header says what it may not express — written so that SPIN's
 * "states stored" equals snapcheck's distinct states — a cross-check of the count and of the
 * conservation verdict by an independent, compiled checker.
 *
 * What makes the counts equal (checked against the explorer in test/render/promela.test.ts; the
 * figures in brackets are what SPIN 6.5.2 stored on bank 1,1 — 155 states — or nonfifo 1,1 to depth
 * 10 — 355 — when the choice is undone):
 * - State = exactly semantics.md's fields, canonically. One global variable per field: balance
 *   `b_p`; recorded flag `r_p` and recorded balance `rb_p` (0 until Pp records, so "not recorded"
 *   has one encoding); per channel c(i,j) its closed flag `x_i_j` and recorded count `n_i_j` (bank's
 *   only payload is T, so a recorded sequence is its length). Channel contents: one snapshot means at
 *   most one marker per channel, so a fifo channel is T^q [M T^t] — `q_i_j`, `m_i_j`, `t_i_j`, with
 *   t = 0 while there is no marker; a nonfifo channel is the multiset {T^q, M^m}. Each snapcheck
 *   state has exactly one encoding and each encoding is one state: no history, counter or clock.
 * - Control state: one `active proctype` (no `init` and no `run`, which would add a state in which
 *   the process does not exist yet [156]), initial values in the declarations (an initialising
 *   statement would add the all-zero state before it [156]), and a `do` loop whose every option
 *   is one `d_step` headed by its guard: a step is one SPIN transition, stores no intermediate
 *   state and returns to the loop head, so every stored state has the same program counter.
 * - Steps: one option per snapcheck step — initiate(p), send(i→j), deliver T and deliver M per
 *   channel (fifo: the head only; nonfifo: one delivery per distinct message) — with the same
 *   atomic effects as src/algorithms/chandy-lamport.ts and src/workloads/bank.ts.
 * - The loop head is labelled `end`, so a state with no enabled step (no money and a complete
 *   snapshot) is a valid end state rather than an "invalid end state" error that stops the search.
 * - Compile with -DNOREDUCE (SPIN's partial-order reduction must not prune: with one process it
 *   has nothing to reduce [155 either way], but it is stated, not assumed) and -DSAFETY; search
 *   breadth-first (-DBFS) so that pan's depth limit -mD keeps exactly the states at most D steps
 *   from the initial one, like --max-depth (a depth-first search with -m cuts paths, not
 *   distances, and its counts depend on the order of the search [241]); -A ignores assertion
 *   violations when only counting.
 * - Conservation is an `assert` in every marker delivery (the only step that can complete the
 *   snapshot): once every process has recorded and every channel is closed, recorded balances plus
 *   recorded transfers equal the total money. SPIN reports it violated under nonfifo, as snapcheck
 *   does, and proves it under fifo.
 * Variables are bytes: the export refuses a total above 255 money and, under nonfifo, a depth bound
 * above 255 (a recorded count grows by at most one per step) or below 1 (pan refuses -m0).
 * pan's "transitions" is snapcheck's plus one (pan counts the initial state among stored+matched);
 * under a depth bound pan also counts the steps out of the deepest states, which snapcheck does not.
 */

import { type SnapcheckConfig, topologyOf } from "../config.js";
import { ConfigError } from "../errors.js";

/** Flags for compiling SPIN's pan.c so that its states stored are snapcheck's distinct states. */
export const PAN_CC_FLAGS = ["-O2", "-DSAFETY", "-DNOREDUCE", "-DBFS"] as const;

/** pan's run flags: the depth bound (BFS: shortest distance), ignoring assertions when only counting. */
export function panRunFlags(maxDepth: number | undefined, countOnly: boolean): string[] {
  return [`-m${maxDepth ?? 100_000}`, ...(countOnly ? ["-A"] : [])];
}

const BYTE = 255;

/** The Promela model of `config`, or a ConfigError naming the field that the export does not model. */
export function promelaModel(config: SnapcheckConfig): string {
  if (config.workload !== "bank")
    throw new ConfigError("workload", `the Promela export models bank only, got "${config.workload}"`);
  if (config.algorithm !== "chandy-lamport")
    throw new ConfigError(
      "algorithm",
      `the Promela export models chandy-lamport only, got "${config.algorithm}"`,
    );
  if (config.channels !== "fifo" && config.channels !== "nonfifo")
    throw new ConfigError(
      "channels",
      `the Promela export models reliable fifo or nonfifo channels, got "${config.channels}"`,
    );
  const total = config.balances.reduce((a, b) => a + b, 0);
  if (total > BYTE)
    throw new ConfigError("balances", `the Promela export holds money in bytes: at most ${BYTE} in total`);
  const fifo = config.channels === "fifo";
  if (!fifo && (config.maxDepth === undefined || config.maxDepth < 1 || config.maxDepth > BYTE))
    throw new ConfigError(
      "maxDepth",
      `under nonfifo the Promela export needs a depth bound from 1 to ${BYTE} (pan's -m; recorded counts are bytes)`,
    );
  const topology = topologyOf(config.topology, config.processes);
  const procs = Array.from({ length: config.processes }, (_, p) => p);
  const chans = topology.channels.map(({ from, to }) => ({ from, to, s: `${from}_${to}` }));
  const out = (p: number) => chans.filter((c) => c.from === p);
  const sendMarkers = (p: number) => out(p).map((c) => `m_${c.s} = 1`);
  const record = (p: number) => [`r_${p} = 1`, `rb_${p} = b_${p}`];
  const step = (label: string, guard: string, effects: readonly string[]) =>
    `  :: d_step { /* ${label} */ ${guard} -> ${effects.join("; ")} }`;

  const lines = [
    `/* snapcheck export --format promela: ${config.processes} processes, balances ${config.balances.join(",")}, ${config.channels} channels, topology ${JSON.stringify(config.topology)}, initiators ${config.initiators.map((p) => `P${p}`).join(",")}.`,
    " * bank with Chandy–Lamport, one snapshot (snapcheck's semantics.md). SPIN's states stored equal",
    " * snapcheck's distinct states when run as:",
    ` *   spin -a model.pml && cc ${PAN_CC_FLAGS.join(" ")} -o pan pan.c && ./pan ${panRunFlags(config.maxDepth, true).join(" ")}`,
    " * (drop -A to have SPIN judge the conservation assertion).",
    " * What this model may not express: it restates the rules of bank and Chandy–Lamport by hand",
    " * (kept equal to snapcheck's by its tests), so no other workload or algorithm, one snapshot",
    " * instance, no script, no lossy or duplicating channel, money in bytes (a total of at most 255),",
    " * and of the properties conservation alone (consistent-cut, reachable-cut, termination and",
    " * stable-detection are snapcheck's).",
    fifo
      ? " * Channel c(i,j) holds T^q_i_j [M T^t_i_j]: at most one marker, t_i_j = 0 without it."
      : " * Channel c(i,j) is the multiset {T^q_i_j, M^m_i_j}; the space is infinite: bound pan's BFS depth with -m.",
    " */",
    `#define TOTAL ${total}`,
    ...procs.map((p) => `byte b_${p} = ${config.balances[p] ?? 0}; bit r_${p}; byte rb_${p};`),
    ...chans.map(
      (c) => `byte q_${c.s}; bit m_${c.s};${fifo ? ` byte t_${c.s};` : ""} bit x_${c.s}; byte n_${c.s};`,
    ),
    "",
    `#define COMPLETE (${[...procs.map((p) => `r_${p}`), ...chans.map((c) => `x_${c.s}`)].join(" && ")})`,
    `#define RECORDED (${[...procs.map((p) => `rb_${p}`), ...chans.map((c) => `n_${c.s}`)].join(" + ")})`,
    "",
    "active proctype snapshot() {",
    "end:",
    "  do",
    ...config.initiators.map((p) =>
      step(`initiate(P${p})`, `r_${p} == 0`, [...record(p), ...sendMarkers(p)]),
    ),
    ...chans.map((c) =>
      step(`send(P${c.from}→P${c.to})`, `b_${c.from} > 0`, [
        `b_${c.from}--`,
        fifo ? `if :: m_${c.s} -> t_${c.s}++ :: else -> q_${c.s}++ fi` : `q_${c.s}++`,
      ]),
    ),
    ...chans.flatMap((c) => [
      step(`deliver(c(${c.from},${c.to}): T)`, `q_${c.s} > 0`, [
        `q_${c.s}--`,
        `b_${c.to}++`,
        `if :: r_${c.to} && !x_${c.s} -> n_${c.s}++ :: else -> skip fi`,
      ]),
      step(`deliver(c(${c.from},${c.to}): M)`, fifo ? `q_${c.s} == 0 && m_${c.s}` : `m_${c.s}`, [
        `m_${c.s} = 0`,
        ...(fifo ? [`q_${c.s} = t_${c.s}`, `t_${c.s} = 0`] : []),
        `x_${c.s} = 1`,
        `if :: r_${c.to} == 0 -> ${[...record(c.to), ...sendMarkers(c.to)].join("; ")} :: else -> skip fi`,
        "assert(!COMPLETE || RECORDED == TOTAL)",
      ]),
    ]),
    "  od",
    "}",
    "",
  ];
  return lines.join("\n");
}
