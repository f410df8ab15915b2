/**
 * The report page's only script, as text: it reads the run's data from the page (a JSON island,
 * never evaluated), and on the slider, the buttons and the keys (← → or p n, Home, End) shows one
 * state: fills the tables with textContent only (marking the channel the cut got wrong), dims what
 * has not happened yet in the diagram, fades messages still on their way, moves the "now" line and
 * marks the state in the global-state graph. Its hash goes into the page's Content-Security-Policy,
 * so no other script can run there.
 */
export const REPORT_SCRIPT = `"use strict";
(() => {
  const { steps, offending } = JSON.parse(document.getElementById("run-data").textContent);
  const last = steps.length - 1;
  const slider = document.getElementById("step");
  const svg = document.querySelector("#diagram svg");
  const now = document.createElementNS("http://www.w3.org/2000/svg", "line");
  now.setAttribute("class", "now");
  now.setAttribute("y1", "0");
  now.setAttribute("y2", svg.getAttribute("height"));
  svg.appendChild(now);
  const seq = (items) => "\\u27e8" + items.join(", ") + "\\u27e9";
  const fill = (id, rows, bad = () => false) => {
    const body = document.getElementById(id);
    body.replaceChildren(...rows.map((cells) => {
      const tr = document.createElement("tr");
      if (bad(cells[0][0])) tr.className = "bad";
      for (const [text, cls] of cells) {
        const td = document.createElement("td");
        td.textContent = text;
        if (cls) td.className = cls;
        tr.appendChild(td);
      }
      return tr;
    }));
  };
  let at = last;
  const show = (i) => {
    at = Math.max(0, Math.min(last, i));
    const s = steps[at];
    slider.value = String(at);
    document.getElementById("step-title").textContent =
      at === 0 ? "Initial state" : "Step " + at + " of " + last + ": " + s.label;
    document.getElementById("step-note").textContent = s.note || "";
    document.getElementById("snapshot").textContent = "Snapshot " + s.snapshot;
    fill("processes", s.processes.map((p) => [
      [p.name], [p.state], p.recorded === null ? ["not recorded", "waiting"] : [p.recorded, "recorded"],
    ]));
    fill("channels", s.channels.map((c) => [
      [c.name], [seq(c.inFlight)], [c.recording === "waiting" ? "\\u2014" : seq(c.recorded), c.recording], [c.recording],
    ]), (name) => offending.includes(name));
    for (const e of svg.querySelectorAll("[data-step]")) {
      e.classList.toggle("future", Number(e.dataset.step) > at);
      e.classList.toggle("pending", Number(e.dataset.step) <= at && at < Number(e.dataset.until));
    }
    const x = String(Number(svg.dataset.left) + at * Number(svg.dataset.column));
    now.setAttribute("x1", x);
    now.setAttribute("x2", x);
    for (const n of document.querySelectorAll("#graph [data-run]")) {
      n.classList.toggle("current", n.dataset.run.split(" ").includes(String(at)));
    }
    document.getElementById("prev").disabled = at === 0;
    document.getElementById("next").disabled = at === last;
  };
  slider.addEventListener("input", () => show(Number(slider.value)));
  document.getElementById("prev").addEventListener("click", () => show(at - 1));
  document.getElementById("next").addEventListener("click", () => show(at + 1));
  const keys = { ArrowLeft: -1, ArrowRight: 1, p: -1, n: 1 };
  document.addEventListener("keydown", (e) => {
    if (e.target === slider || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key in keys) show(at + keys[e.key]);
    else if (e.key === "Home") show(0);
    else if (e.key === "End") show(last);
    else return;
    e.preventDefault();
  });
  show(last);
})();
`;
