/**
 * A deliberately naive, independent check of stable-property detection, written from scratch from
 * semantics.md and the README's description of the diffusing and deadlock workloads. It imports
 * nothing from snapcheck: plain objects for states, JSON.stringify as the key, breadth-first search
 * with an array queue. Complete topology, initiator P0, reliable channels (fifo or nonfifo),
 * Chandy–Lamport — or its broken variant whose channels record from the start of the run.
 *
 * For each direction of the property it finds the length of the shortest run whose last step
 * completes the snapshot and violates it: "false" (Φ(S*) and not Φ(S_end)) and "missed"
 * (Φ(S_start) and not Φ(S*)). It also counts the distinct states of the model.
 */

export interface NaiveConfig {
  readonly workload: "diffusing" | "deadlock";
  /** Work budget (diffusing) or request budget (deadlock) of each process. */
  readonly budgets: readonly number[];
  readonly fifo: boolean;
  /** The broken variant: a channel appends every arrival to its record until its marker, recorded receiver or not. */
  readonly recordFromStart?: boolean;
}

/** Termination: { active, budget }. Deadlock: { waitFor (-1 = not waiting), budget, deferred }. */
type Proc =
  | { readonly active: boolean; readonly budget: number }
  | { readonly waitFor: number; readonly budget: number; readonly deferred: readonly boolean[] };

interface State {
  procs: Proc[];
  recorded: (Proc | null)[];
  /** By "i>j": the record of c(i,j). */
  recs: Record<string, { closed: boolean; msgs: string[] }>;
  /** By "i>j": the contents of c(i,j), oldest first (fifo) or sorted (nonfifo). */
  chans: Record<string, string[]>;
}

export interface NaiveResult {
  readonly states: number;
  /** Shortest false detection, or null. */
  readonly falseAt: number | null;
  /** Shortest missed detection, or null. */
  readonly missedAt: number | null;
}

const ch = (i: number, j: number) => `${i}>${j}`;

export function naiveStableCheck(cfg: NaiveConfig): NaiveResult {
  const n = cfg.budgets.length;
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) pairs.push([i, j]);

  const copy = (s: State): State => JSON.parse(JSON.stringify(s));
  const put = (s: State, i: number, j: number, msg: string) => {
    const c = s.chans[ch(i, j)] as string[];
    c.push(msg);
    if (!cfg.fifo) c.sort();
  };

  // ---- the application ----
  const initialProcs = (): Proc[] =>
    cfg.budgets.map((b, p) =>
      cfg.workload === "diffusing"
        ? { active: p === 0, budget: b }
        : { waitFor: -1, budget: b, deferred: cfg.budgets.map(() => false) },
    );

  /** The application steps: [name, function that applies it to a copy]. */
  const appSteps = (s: State): [string, (t: State) => void][] => {
    const out: [string, (t: State) => void][] = [];
    for (let p = 0; p < n; p++) {
      const me = s.procs[p] as Proc;
      if ("active" in me) {
        if (!me.active) continue;
        if (me.budget >= 1) {
          for (let q = 0; q < n; q++) {
            if (q === p) continue;
            out.push([
              `work ${p}->${q}`,
              (t) => {
                t.procs[p] = { active: true, budget: me.budget - 1 };
                put(t, p, q, "W");
              },
            ]);
          }
        }
        out.push([
          `idle ${p}`,
          (t) => {
            t.procs[p] = { active: false, budget: me.budget };
          },
        ]);
      } else {
        if (me.waitFor !== -1 || me.budget < 1) continue;
        for (let q = 0; q < n; q++) {
          if (q === p) continue;
          out.push([
            `request ${p}->${q}`,
            (t) => {
              t.procs[p] = { waitFor: q, budget: me.budget - 1, deferred: me.deferred };
              put(t, p, q, "request");
            },
          ]);
        }
      }
    }
    return out;
  };

  /** Pj receives `msg` from Pi (an application message). */
  const receiveApp = (t: State, i: number, j: number, msg: string) => {
    const me = t.procs[j] as Proc;
    if ("active" in me) {
      t.procs[j] = { active: true, budget: me.budget };
    } else if (msg === "request") {
      if (me.waitFor === -1) put(t, j, i, "reply");
      else t.procs[j] = { ...me, deferred: me.deferred.map((d, k) => d || k === i) };
    } else if (me.waitFor === i) {
      me.deferred.forEach((d, k) => {
        if (d) put(t, j, k, "reply");
      });
      t.procs[j] = { waitFor: -1, budget: me.budget, deferred: me.deferred.map(() => false) };
    }
  };

  // ---- Φ, on processes and channel contents ----
  const phi = (procs: readonly Proc[], chans: Record<string, readonly string[]>): boolean => {
    if (cfg.workload === "diffusing") {
      const anyActive = procs.some((p) => "active" in p && p.active);
      const anyWork = Object.values(chans).some((c) => c.includes("W"));
      return !anyActive && !anyWork;
    }
    // Pp → Pq in the wait-for graph when Pp waits for Pq and no reply is on c(q,p).
    const edge = (p: number): number => {
      const me = procs[p] as Proc;
      if ("active" in me || me.waitFor === -1) return -1;
      return (chans[ch(me.waitFor, p)] ?? []).includes("reply") ? -1 : me.waitFor;
    };
    for (let start = 0; start < n; start++) {
      let p = start;
      for (let k = 0; k < n; k++) {
        p = edge(p);
        if (p === -1) break;
        if (p === start) return true;
      }
    }
    return false;
  };

  // ---- the snapshot ----
  const sendMarkers = (t: State, p: number) => {
    for (let q = 0; q < n; q++) if (q !== p) put(t, p, q, "M");
  };
  const isComplete = (s: State) =>
    s.recorded.every((r) => r !== null) && Object.values(s.recs).every((r) => r.closed);

  const steps = (s: State): [string, State][] => {
    const out: [string, State][] = [];
    if (s.recorded[0] === null) {
      const t = copy(s);
      t.recorded[0] = t.procs[0] as Proc;
      sendMarkers(t, 0);
      out.push(["initiate 0", t]);
    }
    for (const [name, apply] of appSteps(s)) {
      const t = copy(s);
      apply(t);
      out.push([name, t]);
    }
    for (const [i, j] of pairs) {
      const c = s.chans[ch(i, j)] as string[];
      const offered = cfg.fifo ? c.slice(0, 1) : [...new Set(c)];
      for (const msg of offered) {
        const t = copy(s);
        const tc = t.chans[ch(i, j)] as string[];
        tc.splice(tc.indexOf(msg), 1);
        const rec = t.recs[ch(i, j)] as { closed: boolean; msgs: string[] };
        if (msg === "M") {
          if (t.recorded[j] === null) {
            t.recorded[j] = t.procs[j] as Proc;
            sendMarkers(t, j);
          }
          rec.closed = true;
        } else {
          const recording = cfg.recordFromStart === true || t.recorded[j] !== null;
          if (recording && !rec.closed) rec.msgs.push(msg);
          receiveApp(t, i, j, msg);
        }
        out.push([`deliver ${i}->${j} ${msg}`, t]);
      }
    }
    return out;
  };

  const initial: State = {
    procs: initialProcs(),
    recorded: cfg.budgets.map(() => null),
    recs: Object.fromEntries(pairs.map(([i, j]) => [ch(i, j), { closed: false, msgs: [] }])),
    chans: Object.fromEntries(pairs.map(([i, j]) => [ch(i, j), []])),
  };

  // ---- 1. distinct states of the model ----
  const seen = new Set<string>([JSON.stringify(initial)]);
  const queue: State[] = [initial];
  for (let k = 0; k < queue.length; k++) {
    for (const [, t] of steps(queue[k] as State)) {
      const key = JSON.stringify(t);
      if (!seen.has(key)) {
        seen.add(key);
        queue.push(t);
      }
    }
  }

  // ---- 2. runs, breadth-first, with what Φ was at S_start carried along ----
  let falseAt: number | null = null;
  let missedAt: number | null = null;
  type Node = { s: State; start: "none" | boolean; depth: number };
  const seenRuns = new Set<string>();
  const runs: Node[] = [{ s: initial, start: "none", depth: 0 }];
  for (let k = 0; k < runs.length; k++) {
    const { s, start, depth } = runs[k] as Node;
    for (const [name, t] of steps(s)) {
      const startNow = start === "none" && name === "initiate 0" ? phi(s.procs, s.chans) : start;
      if (!isComplete(s) && isComplete(t)) {
        const recordedChans = Object.fromEntries(Object.entries(t.recs).map(([c, r]) => [c, r.msgs]));
        const atStar = phi(t.recorded as Proc[], recordedChans);
        const appChans = Object.fromEntries(
          Object.entries(t.chans).map(([c, msgs]) => [c, msgs.filter((m) => m !== "M")]),
        );
        if (atStar && !phi(t.procs, appChans)) falseAt ??= depth + 1;
        if (startNow === true && !atStar) missedAt ??= depth + 1;
        continue; // judged: nothing more to see on this run
      }
      const key = JSON.stringify([t, startNow]);
      if (!seenRuns.has(key)) {
        seenRuns.add(key);
        runs.push({ s: t, start: startNow, depth: depth + 1 });
      }
    }
  }
  return { states: seen.size, falseAt, missedAt };
}
