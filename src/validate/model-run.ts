/**
 * A logged run as a run of snapcheck's model, so it can be stored, replayed, reported and drawn
 * like a counterexample. The model is the log's own: its processes and links, the workload with
 * the logged initial states, Chandy–Lamport on fifo or nonfifo channels as the header says, and as
 * initiators the processes that recorded with no marker. Walking the run in happens-before order,
 * each logged event either is one the model's last step already emitted (a step is atomic: a
 * recording sends its markers at once) or starts the model step that emits it, which must be
 * enabled. A run the model cannot take — an implementation that broke the algorithm's rules, a
 * workload the model runs only by script, several snapshots — gets the reason instead.
 */
import { buildModel, parseConfig, type SnapcheckConfig } from "../config.js";
import { SnapcheckError } from "../errors.js";
import type { Model } from "../model/model.js";
import { channelName, processName } from "../model/topology.js";
import type { GlobalState, ModelEvent, Run, Step } from "../model/types.js";
import type { LogContext } from "./judgement.js";
import type { LoggedEvent } from "./run-log.js";

export type ModelRun =
  | (Run & {
      readonly kind: "run";
      readonly config: SnapcheckConfig;
      readonly model: Model;
    })
  | { readonly kind: "none"; readonly why: string };

/** The properties a logged run is judged by on the model (termination needs every run, not one). */
export const MODEL_PROPERTIES = ["consistent-cut", "reachable-cut", "conservation"] as const;

/** Beyond this many events a run's diagram is unreadable and its trace needlessly large. */
export const MAX_DRAWN_EVENTS = 2000;

export function modelRunOf(context: LogContext): ModelRun {
  const { log, workload } = context;
  if (log.events.length > MAX_DRAWN_EVENTS)
    return none(
      `the run has ${log.events.length} events, more than the ${MAX_DRAWN_EVENTS} a diagram can show`,
    );
  if (workload === undefined || log.initial === undefined)
    return none("the model needs the workload and the initial states");
  const snapshots = new Set(log.events.flatMap((e) => ("snapshot" in e ? [e.snapshot] : [])));
  if (snapshots.size !== 1) return none("the model replays logs of one snapshot");
  const [first, second] = workload.fields(log.processes);
  const field = (s: Readonly<Record<string, number>>, f: string | undefined) =>
    f === undefined ? undefined : s[f];
  let config: SnapcheckConfig;
  let model: Model;
  try {
    const stock = second === undefined ? undefined : log.initial.map((s) => field(s, second));
    config = parseConfig(
      {
        processes: log.processes,
        topology: log.topology.channels.map((c) => [c.from, c.to]),
        balances: log.initial.map((s) => field(s, first)),
        ...(stock === undefined ? {} : { stock }),
        channels: log.ordered ? "fifo" : "nonfifo",
        algorithm: "chandy-lamport",
        workload: workload.name,
        initiators: initiatorsOf(log.events),
        properties: [...MODEL_PROPERTIES],
      },
      MODEL_PROPERTIES,
    );
    model = buildModel(config);
  } catch (e) {
    if (e instanceof SnapcheckError)
      return none(`the model cannot be configured from this log (${e.message})`);
    throw e;
  }
  const initial = JSON.stringify(log.initial.map((s) => workload.fields(log.processes).map((f) => s[f])));
  if (JSON.stringify(model.initial.procs) !== initial)
    return none(`the ${workload.name} workload's parameters cannot give the logged initial states`);
  return walk(context, config, model);
}

function none(why: string): ModelRun {
  return { kind: "none", why };
}

/** Processes whose recording no marker caused, in the order they recorded. */
function initiatorsOf(events: readonly LoggedEvent[]): number[] {
  const marked = new Set<number>();
  const initiators: number[] = [];
  for (const e of events) {
    if (e.kind === "marker-receive") marked.add(e.process);
    if (e.kind === "record" && !marked.has(e.process)) initiators.push(e.process);
  }
  return initiators.sort((a, b) => a - b);
}

function walk(context: LogContext, config: SnapcheckConfig, model: Model): ModelRun {
  const { log, hb } = context;
  const steps: Step[] = [];
  const states: GlobalState[] = [model.initial];
  // Per process, what the model's steps emitted that the log has not shown yet.
  const pending: ModelEvent[][] = Array.from({ length: log.processes }, () => []);
  for (const i of hb.order) {
    const e = log.events[i] as LoggedEvent;
    if (e.kind === "channel-recorded") continue;
    const queue = pending[e.process] as ModelEvent[];
    const emitted = queue.findIndex((m) => fits(model, e, m, context));
    if (emitted >= 0) {
      queue.splice(emitted, 1);
      continue;
    }
    const state = states[states.length - 1] as GlobalState;
    const step = model.steps(state).find((s) => {
      const events = model.next(state, s).events;
      return actorOf(model, s) === e.process && events.some((m) => fits(model, e, m, context));
    });
    if (step === undefined)
      return none(
        `at line ${e.line} the model cannot take ${processName(e.process)}'s ${e.kind}: the implementation did something Chandy–Lamport on ${config.channels} channels never does`,
      );
    const { state: next, events } = model.next(state, step);
    const rest = [...events];
    rest.splice(
      rest.findIndex((m) => fits(model, e, m, context)),
      1,
    );
    queue.push(...rest);
    steps.push(step);
    states.push(next);
  }
  const left = pending.findIndex((q) => q.length > 0);
  const extra = pending[left]?.[0];
  if (extra !== undefined)
    return none(
      `the model's ${processName(left)} also ${describeModelEvent(model, extra)}, which the log never shows`,
    );
  return { kind: "run", config, model, steps, states };
}

/** The process whose step it is. */
function actorOf(model: Model, step: Step): number | undefined {
  if (step.kind === "initiate" || step.kind === "app") return step.process;
  if (step.kind === "deliver") return model.topology.channel(step.channel).to;
  return undefined;
}

/** The logged event is what the model event says happened. */
function fits(model: Model, e: LoggedEvent, m: ModelEvent, context: LogContext): boolean {
  if (m.kind === "record") return e.kind === "record" && m.process === e.process;
  if (m.kind === "lose") return false;
  const { from, to } = model.topology.channel(m.channel);
  if (m.kind === "send") {
    if (m.message.kind === "marker") return e.kind === "marker-send" && from === e.process && to === e.to;
    return e.kind === "send" && from === e.process && to === e.to && m.message.payload === e.payload;
  }
  if (m.message.kind === "marker") return e.kind === "marker-receive" && to === e.process && from === e.from;
  if (e.kind !== "receive" || to !== e.process || from !== e.from) return false;
  const send = context.log.events[context.messages.sendOf.get(e.id) as number];
  return send?.kind === "send" && send.payload === m.message.payload;
}

/** What a model event does, for the reason a run does not fit. */
function describeModelEvent(model: Model, m: ModelEvent): string {
  if (m.kind === "record") return "records";
  const channel = channelName(model.topology.channel(m.channel));
  const what = m.message.kind === "marker" ? "a marker" : m.message.payload;
  return `${m.kind === "send" ? "sends" : m.kind === "receive" ? "receives" : "loses"} ${what} on ${channel}`;
}
