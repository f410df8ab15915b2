/** Text layout for SVG, which does not wrap: greedy word wrapping by an estimated character width. */

/** Average advance of a character of the 12 px sans-serif used in the pictures, in px. */
export const CHAR_WIDTH = 6.8;

/** Splits `text` into lines of at most `width` px (a longer single word keeps its own line). */
export function wrap(text: string, width: number, charWidth = CHAR_WIDTH): string[] {
  const max = Math.max(8, Math.floor(width / charWidth));
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line === "") line = word;
    else if (line.length + 1 + word.length <= max) line = `${line} ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}

/** ⟨a, b⟩: a channel's contents as the lecture writes them. */
export function seq(items: readonly string[]): string {
  return `⟨${items.join(", ")}⟩`;
}
