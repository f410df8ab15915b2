/**
 * reachable-cut — Chandy & Lamport's theorem: the recorded state S* is reachable from app(S_start),
 * and app(S_end) is reachable from S*, in the application-only system (decided by reachability in
 * its graphology state graph). S_start is the state in which the snapshot is initiated, so the
 * monitor carries app(S_start) from the initiating step to the completing one — as its strongly
 * connected component in that graph, which is all the check depends on and keeps the search small.
 * A start whose component the other's reaches is the stricter of the two (it reaches fewer
 * states), so a search that met a state carrying it need not search the state again carrying the
 * other (Monitor.covers): on an application that runs one way, most starts are met that way.
 */
import type { SafetyProperty } from "../src/engine/property.js";
import { startEndMonitor } from "../src/engine/start-end-monitor.js";
import { SnapcheckError } from "../src/errors.js";
import { ApplicationGraph } from "../src/graph/app-graph.js";
import type { Model } from "../src/model/model.js";
import { appProjection } from "../src/model/snapshot.js";

export const reachableCut: SafetyProperty = {
  kind: "always",
  name: "reachable-cut",
  description:
    "S* is reachable from app(S_start) and app(S_end) from S*, in the application-only system (Chandy & Lamport's theorem)",
  unsupported(model) {
    if (model.spec.faults.duplicating)
      return "under duplicating channels copies create money, so the application-only state space is infinite and reachability cannot be decided";
    if (model.spec.script !== undefined)
      return "a script fixes one global order of the application's actions, stronger than happens-before, so a consistent S* need not be a state the script passes through";
    return undefined;
  },
  prepare(model, options) {
    const graph = ApplicationGraph.build(model, options);
    if (typeof graph === "string") return graph;
    applicationGraphs.set(model, graph);
    return undefined;
  },
  monitor(model: Model, instance: number) {
    const { discipline } = model.spec;
    const graph = () => applicationGraphOf(model);
    // The component of app(S_start) is carried, not the state: states of one component reach the same states.
    return startEndMonitor<number>(instance, {
      atStart: (start) => graph().component(appProjection(start, discipline)),
      key: (component) => String(component),
      atEnd(startComponent, end, recorded) {
        if (!graph().componentReaches(startComponent, recorded))
          return "S* is not reachable from the state in which the snapshot started: no run of the application passes through the recorded state";
        if (!graph().reaches(recorded, end))
          return "the state in which the snapshot completed is not reachable from S*: the recorded state is not on any run leading to where the system is";
        return undefined;
      },
      // S* unreachable from the stronger start's component is unreachable from the weaker's when
      // the weaker reaches the stronger: a later start is the stricter one.
      covers: (stronger, weaker) => graph().componentReachesComponent(weaker, stronger),
    });
  },
};

/** One application graph per model, shared by the monitors of all its snapshot instances. */
const applicationGraphs = new WeakMap<Model, ApplicationGraph>();

/** The graph `prepare` built, or (a run judged outside a check: replay, simulation) one built now. */
function applicationGraphOf(model: Model): ApplicationGraph {
  let graph = applicationGraphs.get(model);
  if (graph === undefined) {
    const built = ApplicationGraph.build(model, { limits: {} });
    if (typeof built === "string") throw new SnapcheckError("model", built);
    graph = built;
    applicationGraphs.set(model, graph);
  }
  return graph;
}
