/**
 * The playground page: the form and the address hold one configuration and how to check it; Check
 * explores it, or samples its runs, in a Web Worker (Stop terminates the worker), shows its
 * progress, the verdict table, each counterexample walked step by step, and the global-state graph
 * of a small space. A pasted COS 418 scenario is explored the same way. Every text from the
 * checker, a trace file, a paste or a link is put into the page as text.
 */
import { SnapcheckError } from "../errors.js";
import { h } from "./dom.js";
import { drawGraph, stateTables } from "./graph-view.js";
import type {
  CheckRequest,
  ExploreOutcome,
  PastedScenario,
  PropertyOutcome,
  SimulateOutcome,
  WorkerMessage,
} from "./protocol.js";
import { hashOf, rawConfigOf, type Settings, settingsOf } from "./url-config.js";
import { showRun } from "./walkthrough.js";
import ExploreWorker from "./worker.ts?worker&inline";

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = byId<HTMLFormElement>("config");
const exploreButton = byId<HTMLButtonElement>("explore");
const stopButton = byId<HTMLButtonElement>("stop");
const scenarioButton = byId<HTMLButtonElement>("explore-scenario");
const progress = byId("progress");
const error = byId("error");
const frame = byId<HTMLIFrameElement>("run");
const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;

let worker: Worker | undefined;
let removeGraph: (() => void) | undefined;
let outcome: ExploreOutcome | undefined;

function settingsOfForm(): Settings {
  const faults = ["lossy", "duplicating"].filter((f) => field(f).checked);
  return {
    processes: field("processes").value,
    topology: field("topology").value,
    balances: field("balances").value,
    workload: field("workload").value,
    algorithm: field("algorithm").value,
    channels: [field("discipline").value, ...faults].join(","),
    initiators: field("initiators").value,
    instances: field("instances").value === "1" ? "" : field("instances").value,
    maxDepth: field("maxDepth").value,
    ...(field("mode").value === "simulate"
      ? {
          mode: "simulate",
          runs: field("runs").value,
          maxSteps: field("maxSteps").value,
          seed: field("seed").value,
          strategy: field("strategy").value,
        }
      : {}),
  };
}

/** Fills the form from a link; a value no option offers is kept, so the checker names it. */
function fillForm(settings: Settings): void {
  const [discipline = "fifo", ...faults] = (settings.channels ?? "fifo").split(",");
  const set = (name: string, value: string | undefined, fallback: string) => {
    const input = field(name);
    const wanted = value ?? fallback;
    if (input instanceof HTMLSelectElement && ![...input.options].some((o) => o.value === wanted))
      input.add(new Option(wanted));
    input.value = wanted;
  };
  set("processes", settings.processes, String((settings.balances ?? "1,1,1").split(",").length));
  set("topology", settings.topology, "complete");
  set("balances", settings.balances, "1,1,1");
  set("workload", settings.workload, "bank");
  set("algorithm", settings.algorithm, "chandy-lamport");
  set("discipline", discipline, "fifo");
  field("lossy").checked = faults.includes("lossy");
  field("duplicating").checked = faults.includes("duplicating");
  set("initiators", settings.initiators, "0");
  set("instances", settings.instances, "1");
  set("maxDepth", settings.maxDepth, "");
  set("mode", settings.mode, "explore");
  set("runs", settings.runs, "");
  set("maxSteps", settings.maxSteps, "");
  set("seed", settings.seed, "");
  set("strategy", settings.strategy, "uniform");
  showSimulationFields();
}

/** The simulation's settings are shown only when it is chosen. */
function showSimulationFields(): void {
  byId("simulation-fields").hidden = field("mode").value !== "simulate";
}
field("mode").addEventListener("change", showSimulationFields);
showSimulationFields();

/** Keeps one balance per process when the number of processes changes. */
field("processes").addEventListener("change", () => {
  const n = Number(field("processes").value);
  if (!Number.isSafeInteger(n) || n < 2 || n > 12) return;
  const balances = field("balances").value.split(",");
  field("balances").value = Array.from({ length: n }, (_, i) => balances[i]?.trim() || "1").join(",");
});

function requestOf(settings: Settings, scenario: PastedScenario | undefined): CheckRequest {
  const config = rawConfigOf(settings);
  if (scenario !== undefined) return { kind: "explore", config, scenario };
  if (settings.mode !== "simulate") return { kind: "explore", config };
  const { runs, maxSteps, seed, strategy } = settings;
  return { kind: "simulate", config, simulation: { runs, maxSteps, seed, strategy } };
}

function run(settings: Settings, scenario?: PastedScenario): void {
  stop();
  error.textContent = "";
  outcome = undefined;
  const started = performance.now();
  worker = new ExploreWorker();
  worker.addEventListener("message", (event: MessageEvent<WorkerMessage>) => {
    const message = event.data;
    if (message.kind === "progress") {
      const { states, depth, seconds } = message.report;
      progress.textContent = `exploring: ${states.toLocaleString("en")} states · ${Math.round(states / Math.max(seconds, 1e-3)).toLocaleString("en")} states/s · depth ${depth} · ${seconds.toFixed(1)} s`;
    } else if (message.kind === "invalid") {
      finish();
      progress.textContent = "";
      error.textContent = message.message;
    } else {
      finish();
      const seconds = (performance.now() - started) / 1000;
      const done = message.outcome;
      if ("mode" in done) {
        progress.textContent = `done: ${done.runs.toLocaleString("en")} runs, ${done.steps.toLocaleString("en")} steps in ${seconds.toFixed(2)} s in this page · seed ${done.seed}`;
        // The seed drawn for an empty field goes into the form and the link, which then give this run again.
        field("seed").value = String(done.seed);
        history.replaceState(null, "", hashOf({ ...settings, seed: String(done.seed) }));
        showSimulation(done);
      } else {
        progress.textContent = `done: ${done.states.toLocaleString("en")} states in ${seconds.toFixed(2)} s in this page (${Math.round(done.states / Math.max(done.seconds, 1e-3)).toLocaleString("en")} states/s)`;
        showOutcome(done);
      }
    }
  });
  worker.addEventListener("error", (event) => {
    finish();
    error.textContent = `the checker failed: ${event.message}`;
  });
  const request = requestOf(settings, scenario);
  worker.postMessage(request);
  exploreButton.disabled = true;
  scenarioButton.disabled = true;
  stopButton.disabled = false;
  progress.textContent = request.kind === "simulate" ? "simulating…" : "exploring…";
}

function finish(): void {
  worker?.terminate();
  worker = undefined;
  exploreButton.disabled = false;
  scenarioButton.disabled = false;
  stopButton.disabled = true;
}

function stop(): void {
  if (worker === undefined) return;
  finish();
  progress.textContent = `stopped: ${progress.textContent.replace(/^(exploring|simulating)(…|: )?/, "")}`;
}

/** A property's cell; `open` says what a property that holds but is not decided shows. */
function cellOf(p: PropertyOutcome, open = "? bound"): HTMLElement {
  if (p.holds) return p.complete ? h("td", { class: "holds" }, "✓") : h("td", { class: "bound" }, open);
  const button = h(
    "button",
    { type: "button", "data-property": p.name, "aria-pressed": "false" },
    `✗ ${p.steps} steps`,
  );
  button.addEventListener("click", () => openCounterexample(p));
  return h("td", { class: "fails" }, button);
}

/** The verdict table: the search, a cell per property, then the figures named in `figures`. */
function showVerdicts(
  result: ExploreOutcome | SimulateOutcome,
  cells: readonly HTMLElement[],
  figures: Readonly<Record<string, number>>,
): void {
  const verdicts = byId<HTMLTableElement>("verdicts");
  const names = result.properties.map((p) => p.name);
  verdicts.tHead?.replaceChildren(
    h("tr", {}, ...["search", ...names, ...Object.keys(figures), "seconds"].map((c) => h("th", {}, c))),
  );
  verdicts.tBodies[0]?.replaceChildren(
    h(
      "tr",
      {},
      h("td", {}, result.search),
      ...cells,
      ...Object.values(figures).map((f) => h("td", {}, f.toLocaleString("en"))),
      h("td", {}, result.seconds.toFixed(2)),
    ),
  );
  byId("skipped").textContent = result.skipped.map((s) => `${s.name} not checked: ${s.reason}.`).join(" ");
  byId("results").hidden = false;
  const failing = result.properties.find((p) => p.trace !== undefined);
  byId("walkthrough").hidden = failing === undefined;
  if (failing !== undefined) openCounterexample(failing);
  else showGraph([]);
}

function showOutcome(result: ExploreOutcome): void {
  outcome = result;
  showVerdicts(
    result,
    result.properties.map((p) => cellOf(p)),
    {
      states: result.states,
      transitions: result.transitions,
    },
  );
}

/** A simulation's verdicts; it samples runs, so there is no state graph to draw. */
function showSimulation(result: SimulateOutcome): void {
  outcome = undefined;
  showVerdicts(
    result,
    result.properties.map((p) => cellOf(p, "? undecided")),
    {
      runs: result.runs,
      steps: result.steps,
    },
  );
}

function openCounterexample(p: PropertyOutcome): void {
  if (p.trace === undefined) return;
  for (const b of document.querySelectorAll("#verdicts button"))
    b.setAttribute("aria-pressed", String(b.getAttribute("data-property") === p.name));
  openTrace(p.trace, `the ${p.name} counterexample`);
  showGraph(outcome?.graph?.paths[p.name] ?? []);
}

/** Opens a trace's text in the walk-through; a trace that does not fit says why, in one line. */
function openTrace(text: string, source: string): void {
  try {
    const opened = showRun(frame, text, source);
    byId("walkthrough-title").textContent = `Walk-through: ${source}`;
    const link = byId<HTMLAnchorElement>("download");
    URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    link.download = opened.fileName;
    byId("walkthrough").hidden = false;
  } catch (e) {
    if (!(e instanceof SnapcheckError)) throw e;
    error.textContent = e.message;
  }
}

function showGraph(path: readonly number[]): void {
  removeGraph?.();
  removeGraph = undefined;
  const section = byId("graph");
  const caption = byId("graph-caption");
  const canvas = byId("graph-canvas");
  const data = outcome?.graph;
  section.hidden = outcome === undefined;
  byId("node-state").replaceChildren();
  if (data === undefined) {
    caption.textContent = outcome?.graphNote ?? "";
    canvas.hidden = true;
    return;
  }
  canvas.hidden = false;
  caption.textContent = `All ${data.nodes.length.toLocaleString("en")} states, in columns by their distance from the initial state; ${path.length > 0 ? "the counterexample in red, its states numbered by their place in it; " : ""}blue: the snapshot is complete. Click a state to see it and walk on by choosing its next step; scroll to zoom.`;
  try {
    const select = (id: number) => byId("node-state").replaceChildren(stateTables(data, id, select));
    removeGraph = drawGraph(canvas, data, path, select);
  } catch (e) {
    // Without WebGL sigma cannot draw; the rest of the page works regardless.
    canvas.hidden = true;
    caption.textContent = `The graph cannot be drawn in this browser: ${e instanceof Error ? e.message : String(e)}`;
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const settings = settingsOfForm();
  history.replaceState(null, "", hashOf(settings));
  run(settings);
});
stopButton.addEventListener("click", stop);
scenarioButton.addEventListener("click", () => {
  const text = (id: string) => byId<HTMLTextAreaElement>(id).value;
  // A pasted scenario is not in the link: the address keeps no configuration it would not reproduce.
  history.replaceState(null, "", location.pathname);
  run(settingsOfForm(), { topology: text("scenario-top"), events: text("scenario-events") });
});
frame.addEventListener("load", () => frame.contentWindow?.focus());
byId<HTMLInputElement>("trace-file").addEventListener("change", async (event) => {
  const file = (event.target as HTMLInputElement).files?.[0];
  if (file === undefined) return;
  error.textContent = "";
  openTrace(await file.text(), file.name);
});

function runFromAddress(): void {
  const settings = settingsOf(location.hash);
  if (Object.keys(settings).length === 0) return;
  fillForm(settings);
  run(settingsOfForm());
}
addEventListener("hashchange", runFromAddress);
runFromAddress();
