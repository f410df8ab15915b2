/**
 * Text on its way to a terminal. A trace's notes, a config's names or a file name are the user's
 * (or anyone's) text: a control character in it could clear the screen, move the cursor over a
 * verdict or fake a line, so every printer passes its text through here first.
 */

/** C0 controls but newline and tab, DEL, C1 controls, and the line separators and bidi overrides of Unicode. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** What JSON.stringify leaves raw of those: DEL, C1, separators and overrides. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const hex = (c: string, digits: number) => (c.codePointAt(0) ?? 0).toString(16).padStart(digits, "0");

/** `text` with each unsafe character written out, `\x1b` or `\u202e`: readable, and inert. */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, (c) =>
    c.length === 1 && c < "\u0100" ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`,
  );
}

/** JSON text (from JSON.stringify) with the unsafe characters it leaves raw as `\u` escapes: the same data. */
export function terminalJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (c) => `\\u${hex(c, 4)}`);
}
