/**
 * `snapcheck report`'s page: one self-contained HTML file (inline CSS and script, no network, opens
 * from disk) with the space-time diagram, a step slider, each process's and channel's state at the
 * chosen step, the snapshot as it is being recorded, and optionally the global-state graph.
 * Everything that comes from a trace file is escaped as text, and the run's data travels as a JSON
 * island with `<` escaped; a Content-Security-Policy admits only the page's own script by its hash.
 */
import { createHash } from "node:crypto";
import type { Model } from "../model/model.js";
import { channelName } from "../model/topology.js";
import { explainCut } from "./cut.js";
import { REPORT_SCRIPT } from "./report-script.js";
import { drawSpaceTime } from "./space-time.js";
import { stepViews } from "./step-views.js";
import type { RunView } from "./timeline.js";
import { escapeXml } from "./xml.js";

export interface ReportOptions {
  /** Where the run came from, shown in the footer. */
  readonly source: string;
  /** The global-state graph around the run, when the exploration was small enough to draw. */
  readonly graph?: { readonly svg: string; readonly caption: string } | undefined;
  /** Why there is no graph, when there is none. */
  readonly graphNote?: string | undefined;
}

const STYLE = `
body{font:15px/1.45 system-ui,"DejaVu Sans",sans-serif;margin:1.5rem auto;max-width:1200px;padding:0 1rem;color:#111}
h1{font-size:1.2rem;margin:0 0 .4rem}h2{font-size:1rem;margin:1rem 0 .4rem}
.reason{color:#b0001e;font-weight:600}
#diagram{overflow-x:auto;border:1px solid #ddd;border-radius:6px}
#diagram svg{display:block}
.future{opacity:.13}.pending{opacity:.5}
.now{stroke:#6a3d9a;stroke-width:2;stroke-dasharray:4 3}
.controls{display:flex;gap:.6rem;align-items:center;margin:.8rem 0;flex-wrap:wrap}
.controls input{flex:1;min-width:12rem}
#step-title{font-weight:600;font-family:ui-monospace,monospace}
#step-note{color:#555;margin:.2rem 0}
.panels{display:flex;gap:2rem;flex-wrap:wrap}
table{border-collapse:collapse}td,th{padding:.15rem .7rem;border-bottom:1px solid #eee;text-align:left}
th{font-weight:600;color:#444}td:first-child{font-weight:600}
.recorded{color:#1f4e9c;font-weight:600}tr.bad td{background:#fff3c4}tr.bad td:first-child{color:#b0001e}.waiting{color:#999}.recording{color:#1f4e9c}.closed{color:#333}
#snapshot{font-weight:600;color:#1f4e9c}
.current circle{stroke:#6a3d9a;stroke-width:4}
footer{margin-top:1.5rem;color:#666;font-size:.85rem}
kbd{border:1px solid #bbb;border-radius:3px;padding:0 .3rem;font-size:.85em}
`;

/** The page for `view` on `model`. */
export function reportHtml(model: Model, view: RunView, options: ReportOptions): string {
  return reportPage(model, view, options, createHash("sha256").update(REPORT_SCRIPT).digest("base64"));
}

/**
 * The page, given the base64 SHA-256 of REPORT_SCRIPT for its policy: where no hash function runs
 * synchronously (a browser), the hash is computed ahead, when the page's host is built.
 */
export function reportPage(model: Model, view: RunView, options: ReportOptions, scriptHash: string): string {
  const steps = stepViews(model, view);
  const explained = explainCut(model, view);
  const topology = model.topology;
  const offending = explained.evidence.channels.map((c) => channelName(topology.channel(c.channel)));
  const last = steps.length - 1;
  const graph =
    options.graph === undefined
      ? options.graphNote === undefined
        ? ""
        : `<section id="graph"><h2>Global-state graph</h2><p>${escapeXml(options.graphNote)}</p></section>`
      : `<section id="graph"><h2>Global-state graph</h2><p>${escapeXml(options.graph.caption)}</p><div style="overflow-x:auto">${options.graph.svg}</div></section>`;
  const policy = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${scriptHash}'`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(view.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeXml(view.title)}</h1>
${view.reason === undefined ? "" : `<p class="reason">Why it fails: ${escapeXml(view.reason)}.</p>`}
</header>
<section id="diagram">${drawSpaceTime(model, view, explained)}</section>
<section class="controls">
<button id="prev" type="button">◀ previous</button>
<input id="step" type="range" min="0" max="${last}" value="${last}" aria-label="state after step">
<button id="next" type="button">next ▶</button>
<span id="step-title"></span>
</section>
<p id="step-note"></p>
<p>Walk the run with the slider or the keys <kbd>←</kbd> <kbd>→</kbd> (<kbd>Home</kbd>, <kbd>End</kbd>). <span id="snapshot"></span></p>
<div class="panels">
<section><h2>Processes</h2><table><thead><tr><th>process</th><th>state</th><th>recorded</th></tr></thead><tbody id="processes"></tbody></table></section>
<section><h2>Channels</h2><table><thead><tr><th>channel</th><th>in flight</th><th>recorded</th><th>recording</th></tr></thead><tbody id="channels"></tbody></table></section>
</div>
${graph}
<footer>${escapeXml(options.source)} — made by snapcheck; replay it with <code>npx snapcheck replay ${escapeXml(options.source)}</code></footer>
<script type="application/json" id="run-data">${jsonIsland({ steps, offending })}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

/** JSON that cannot end its script element or open a comment: every <, > and & is a \\u escape. */
export function jsonIsland(data: unknown): string {
  return JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
