/**
 * How long a run the pictures draw. A space-time diagram or a report page of a longer run would
 * take minutes to build and be unreadable once built; above the limit they are refused at once,
 * pointing to the text replay, which reads any length.
 */
import { TraceError } from "../errors.js";

/** The most steps a diagram, a report page or a run export draws. */
export const MAX_DRAWN_STEPS = 5000;

/** Throws a TraceError saying what to do instead when a run of `steps` steps is too long to draw. */
export function checkDrawable(steps: number, what: string): void {
  if (steps <= MAX_DRAWN_STEPS) return;
  throw new TraceError(
    `${what} has ${steps.toLocaleString("en-US")} steps; diagrams and reports draw at most ${MAX_DRAWN_STEPS.toLocaleString("en-US")}: read it with snapcheck replay FILE, or cut the trace shorter`,
  );
}
