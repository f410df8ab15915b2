/**
 * Writing XML (SVG, GraphML) and HTML as strings: one escaping function for text and attribute
 * values, and an element builder, so no writer ever concatenates unescaped file content into markup.
 */

/** Attribute values: a missing value leaves the attribute out. */
export type Attrs = Readonly<Record<string, string | number | undefined>>;

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** `text` safe as XML/HTML character data and as a quoted attribute value. */
export function escapeXml(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
  // XML 1.0 allows no control character but tab, line feed and carriage return, not even escaped.
  return /\p{Cc}/u.test(escaped) ? Array.from(escaped, (c) => (isForbidden(c) ? "" : c)).join("") : escaped;
}

function isForbidden(c: string): boolean {
  return c.charCodeAt(0) < 0x20 && c !== "\t" && c !== "\n" && c !== "\r";
}

/** Numbers in coordinates: at most two decimals, so output is stable and small. */
export function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function attributes(attrs: Attrs): string {
  return Object.entries(attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(typeof value === "number" ? num(value) : value)}"`)
    .join("");
}

/** An element whose children are already markup (built by `el` or `text`). */
export function el(name: string, attrs: Attrs = {}, ...children: readonly string[]): string {
  const open = `<${name}${attributes(attrs)}`;
  return children.length === 0 ? `${open}/>` : `${open}>${children.join("")}</${name}>`;
}

/** An element holding escaped text. */
export function textEl(name: string, attrs: Attrs, content: string): string {
  return `<${name}${attributes(attrs)}>${escapeXml(content)}</${name}>`;
}
