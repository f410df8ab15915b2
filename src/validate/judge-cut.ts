/**
 * consistent-cut on a logged run — the lecture's definition, as properties/consistent-cut.ts
 * decides it on the model: no receive inside the cut whose send lies outside it, and each
 * channel's recorded state is exactly the messages that cross the cut on it (in order when the
 * links are fifo, as multisets otherwise). Messages carry ids here, so a message recorded twice
 * counts twice.
 */
import { channelName, processName } from "../model/topology.js";
import { seq } from "../render/text.js";
import {
  describeMessage,
  type Finding,
  type Judgement,
  judgementOf,
  type LogContext,
  lineOf,
  notJudged,
} from "./judgement.js";
import { crossingOf, incompleteness, type LoggedCut, orphansOf, sameMessages } from "./logged-cut.js";

export function judgeConsistentCut(context: LogContext, cut: LoggedCut): Judgement {
  const missing = incompleteness(context.log, cut);
  if (missing !== undefined) return notJudged("consistent-cut", `the snapshot is incomplete: ${missing}`);
  return judgementOf("consistent-cut", [...orphanFindings(context, cut), ...channelFindings(context, cut)]);
}

/** Each receive without its send, found at the receive. */
export function orphanFindings(context: LogContext, cut: LoggedCut): Finding[] {
  const { log, messages, hb } = context;
  return orphansOf(log, messages, hb, cut).map(({ send, receive }) => {
    const s = log.events[send];
    const sender = s?.process ?? 0;
    const receiver = log.events[receive]?.process ?? 0;
    const id = s?.kind === "send" ? s.id : "";
    return {
      line: lineOf(context, receive),
      reason: `${processName(sender)}'s ${describeMessage(context, id)} on ${channelName({ from: sender, to: receiver })}, sent at line ${lineOf(context, send)} after ${processName(sender)} recorded, was received at line ${lineOf(context, receive)} before ${processName(receiver)} recorded: the cut holds a receive without its send`,
    };
  });
}

/** Each channel whose recorded state is not what crossed the cut, found at its channel-recorded line. */
export function channelFindings(context: LogContext, cut: LoggedCut): Finding[] {
  const { log, messages, hb } = context;
  const crossing = crossingOf(log, messages, hb, cut);
  return log.topology.channels.flatMap((channel, c) => {
    const at = cut.channels[c] as number;
    const e = log.events[at];
    const recorded = e?.kind === "channel-recorded" ? e.messages : [];
    const crossed = crossing[c] ?? [];
    if (sameMessages(recorded, crossed, log.ordered)) return [];
    return [
      {
        line: lineOf(context, at),
        reason: `${channelName(channel)} was recorded as ${seq(recorded)}, but the messages sent before ${processName(channel.from)} recorded and received after ${processName(channel.to)} recorded (or never) are ${seq(crossed)}`,
      },
    ];
  });
}
