/**
 * What the report shows at each point of a run: each process's state and recorded state, each
 * channel's contents and recording, and how far the snapshot has got — plain data, one entry per
 * state, so the page's script only has to put text into place.
 */
import { messageKey } from "../model/message.js";
import type { Model } from "../model/model.js";
import { isComplete, isInitiated } from "../model/snapshot.js";
import { channelName, processName } from "../model/topology.js";
import type { RunView } from "./timeline.js";

export interface ProcessView {
  readonly name: string;
  readonly state: string;
  /** The recorded state, or null while the process has not recorded. */
  readonly recorded: string | null;
}

export interface ChannelView {
  readonly name: string;
  readonly inFlight: readonly string[];
  readonly recorded: readonly string[];
  /** `waiting`: its receiver has not recorded; `recording`: recorded, no marker yet; `closed`. */
  readonly recording: "waiting" | "recording" | "closed";
}

export interface StepView {
  /** 0 for the initial state, k for the state after step k. */
  readonly index: number;
  readonly label: string;
  readonly note: string | null;
  readonly snapshot: "not started" | "in progress" | "complete";
  readonly processes: readonly ProcessView[];
  readonly channels: readonly ChannelView[];
}

/** One view per state of the run. */
export function stepViews(model: Model, view: RunView): StepView[] {
  const { workload, topology } = model.spec;
  return view.states.map((state, index) => {
    const step = index === 0 ? undefined : view.steps[index - 1];
    return {
      index,
      label: step === undefined ? "initial state" : model.label(step),
      note: view.notes?.[index - 1] ?? null,
      snapshot: isComplete(state) ? "complete" : isInitiated(state) ? "in progress" : "not started",
      processes: state.procs.map((s, p) => {
        const recorded = state.recorded[p];
        return {
          name: processName(p),
          state: workload.describeState(s),
          recorded: recorded === null || recorded === undefined ? null : workload.describeState(recorded),
        };
      }),
      channels: state.channels.map((contents, c) => {
        const channel = topology.channel(c);
        const record = state.records[c];
        return {
          name: channelName(channel),
          inFlight: contents.map(messageKey),
          recorded: [...(record?.messages ?? [])],
          recording:
            state.recorded[channel.to] === null ? "waiting" : record?.closed ? "closed" : "recording",
        };
      }),
    };
  });
}
