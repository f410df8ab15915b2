/**
 * `snapcheck matrix`: which algorithm survives which relaxation of the lecture's assumptions. Every
 * algorithm is checked under every channel discipline on small configurations; a cell lists the
 * properties that fail, each linked to its shortest counterexample, or says what the properties
 * were proved on. The table is the README's; a test keeps it true.
 */
import { algorithms } from "../algorithms/index.js";
import { SnapcheckError } from "../errors.js";
import { type MatrixPicture, matrixSvg } from "../render/matrix-svg.js";
import { parseFlags } from "./args.js";
import { writeNewFile } from "./output-file.js";
import { printJson, printText } from "./print.js";
import { type CheckReport, configFrom, runCheck } from "./run-check.js";

/** The disciplines of the columns: the lecture's, then each relaxation. */
export const MATRIX_CHANNELS = [
  "fifo",
  "nonfifo",
  "fifo,lossy",
  "nonfifo,lossy",
  "fifo,duplicating",
  "nonfifo,duplicating",
] as const;

/**
 * The configurations every cell is checked on, small so that each search ends or reaches its bound
 * quickly. Only reliable fifo channels give finite spaces; the others are searched to MATRIX_DEPTH,
 * beyond every shortest counterexample the matrix shows.
 */
export const MATRIX_DEPTH = 8;

/**
 * Every search stops at this many states: the matrix's spaces hold at most 45,754, so only a
 * broken algorithm whose recordings never close (an infinite space even under fifo) reaches it,
 * and its cell then says so instead of the matrix running forever.
 */
export const MATRIX_MAX_STATES = 200_000;

export const MATRIX_CONFIGS = [
  { label: "bank 1,1", fields: { workload: "bank", balances: [1, 1] } },
  { label: "orders 1,1", fields: { workload: "orders", balances: [1, 1], stock: [1, 1] } },
  // Workloads with a stable property, so that stable-detection has its place on the map.
  { label: "diffusing 1,0", fields: { workload: "diffusing", balances: [1, 0] } },
  { label: "deadlock 1,1", fields: { workload: "deadlock", balances: [1, 1] } },
] as const;

export interface MatrixCell {
  readonly algorithm: string;
  readonly channels: string;
  /** Why the cell is not modelled, if it is not. */
  readonly refused?: string;
  readonly runs: readonly { readonly label: string; readonly report: CheckReport }[];
}

export const MATRIX_FLAGS = {
  json: { type: "boolean", description: "print one JSON object on stdout" },
  out: {
    type: "string",
    value: "DIR",
    description: "where counterexamples are written",
    default: "counterexamples",
  },
  svg: { type: "string", value: "FILE", description: "also draw the matrix as an SVG picture" },
} as const;

export function matrixCommand(argv: string[]): number {
  const { values } = parseFlags(argv, MATRIX_FLAGS, "matrix");
  const cells = assumptionMatrix(values.out ?? "counterexamples");
  if (values.svg !== undefined) writeNewFile(values.svg, matrixSvg(matrixPicture(cells)), "--svg");
  if (values.json === true) printJson(cells);
  else printText(matrixTable(cells));
  return 0;
}

/** Checks every algorithm under every discipline, writing counterexamples to `outDir`. */
export function assumptionMatrix(outDir: string): MatrixCell[] {
  return algorithms.flatMap((a) =>
    MATRIX_CHANNELS.map((channels): MatrixCell => {
      try {
        const runs = MATRIX_CONFIGS.map(({ label, fields }) => ({
          label,
          report: runCheck(
            configFrom({
              ...fields,
              algorithm: a.name,
              channels,
              ...(channels === "fifo" ? {} : { maxDepth: MATRIX_DEPTH }),
            }),
            { outDir, maxStates: MATRIX_MAX_STATES },
          ),
        }));
        return { algorithm: a.name, channels, runs };
      } catch (e) {
        if (!(e instanceof SnapcheckError)) throw e;
        return { algorithm: a.name, channels, refused: e.message, runs: [] };
      }
    }),
  );
}

/** The matrix as Markdown: rows algorithms, columns disciplines. */
export function matrixTable(cells: readonly MatrixCell[]): string {
  const rows = [...new Set(cells.map((c) => c.algorithm))].map((algorithm) => {
    const row = MATRIX_CHANNELS.map((channels) => {
      const cell = cells.find((c) => c.algorithm === algorithm && c.channels === channels);
      return cell === undefined ? "–" : cellText(cell);
    });
    return `| ${algorithm} | ${row.join(" | ")} |`;
  });
  return `${[`| algorithm | ${MATRIX_CHANNELS.join(" | ")} |`, `|${" --- |".repeat(MATRIX_CHANNELS.length + 1)}`, ...rows].join("\n")}\n`;
}

/** The matrix as the picture shows it: per cell its verdict and the failing properties or what it was proved on. */
export function matrixPicture(cells: readonly MatrixCell[]): MatrixPicture {
  const algorithmNames = [...new Set(cells.map((c) => c.algorithm))];
  return {
    title: "Which snapshot algorithm survives which channel relaxation",
    columns: MATRIX_CHANNELS,
    rows: algorithmNames.map((name) => ({
      name,
      cells: MATRIX_CHANNELS.map((channels) => {
        const cell = cells.find((c) => c.algorithm === name && c.channels === channels);
        if (cell === undefined || cell.refused !== undefined)
          return { verdict: "not modelled" as const, lines: ["not modelled"] };
        const failing = [...failuresOf(cell).keys()];
        return failing.length > 0
          ? { verdict: "fails" as const, lines: failing }
          : {
              verdict: "holds" as const,
              lines: ["all hold", ...skippedOf(cell).map((n) => `(${n} undecidable)`)],
            };
      }),
    })),
    note: `bank 1,1 and orders 1,1; reliable fifo exhaustively, the others to depth ${MATRIX_DEPTH} (snapcheck matrix --svg)`,
  };
}

/** Each failing property of a cell with its shortest counterexample over the cell's runs. */
function failuresOf(cell: MatrixCell): Map<string, { steps: number; file: string }> {
  const failures = new Map<string, { steps: number; file: string }>();
  for (const { report } of cell.runs) {
    for (const p of report.properties) {
      const cx = p.counterexample;
      const known = failures.get(p.name);
      if (cx !== undefined && (known === undefined || cx.steps < known.steps)) failures.set(p.name, cx);
    }
  }
  return failures;
}

/** The properties that could not be decided in some run of the cell. */
function skippedOf(cell: MatrixCell): string[] {
  return [...new Set(cell.runs.flatMap((r) => r.report.skipped.map((s) => s.name)))];
}

function cellText(cell: MatrixCell): string {
  if (cell.refused !== undefined) return "not modelled";
  const failures = failuresOf(cell);
  if (failures.size > 0) {
    return [...failures].map(([name, cx]) => `✗ [${name}](${cx.file}) (${cx.steps})`).join("<br>");
  }
  const bounds = [
    ...new Set(
      cell.runs.map((r) =>
        r.report.config.maxDepth !== undefined
          ? `depth ≤ ${MATRIX_DEPTH}`
          : r.report.stats.stoppedBy === "max-states"
            ? `stopped at ${MATRIX_MAX_STATES.toLocaleString("en")} states`
            : "exhaustive",
      ),
    ),
  ];
  const skipped = skippedOf(cell);
  const proved = `✓ ${cell.runs.map((r) => r.label).join(", ")} (${bounds.join(", ")})`;
  return skipped.length > 0 ? `${proved}; ${skipped.join(", ")} not decidable` : proved;
}
