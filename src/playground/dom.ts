/**
 * Building the page's elements with text set as text: no markup is ever parsed from a string, so
 * nothing from a trace, a link or the checker can become script.
 */
export function h(
  tag: string,
  attrs: Readonly<Record<string, string>> = {},
  ...children: readonly (Node | string)[]
): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** A table of text cells under a header row. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): HTMLElement {
  return h(
    "table",
    {},
    h("thead", {}, h("tr", {}, ...header.map((c) => h("th", {}, c)))),
    h("tbody", {}, ...rows.map((r) => h("tr", {}, ...r.map((c) => h("td", {}, c))))),
  );
}
