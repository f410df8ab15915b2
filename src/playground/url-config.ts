/**
 * The configuration in the page's address: `#processes=3&balances=1,1,1&channels=nonfifo…`, and
 * for a simulation its mode and seed (`&mode=simulate&seed=7`), so a link reproduces a run. Only
 * these fields are read from a link, as strings; what they mean is for parseConfig (or the
 * simulation's settings) to judge, exactly as for a config file or a flag.
 */

/** The configuration's fields a link may set, in the order a link writes them. */
const CONFIG_FIELDS = [
  "processes",
  "topology",
  "balances",
  "workload",
  "algorithm",
  "channels",
  "initiators",
  "instances",
  "maxDepth",
] as const;

/** Then how it is checked: `mode=simulate` and the simulation's settings (explore is the default). */
export const LINK_FIELDS = [...CONFIG_FIELDS, "mode", "runs", "maxSteps", "seed", "strategy"] as const;

export type LinkField = (typeof LINK_FIELDS)[number];
export type Settings = Partial<Record<LinkField, string>>;

/** The address fragment for `settings` (empty fields left out). */
export function hashOf(settings: Settings): string {
  const params = new URLSearchParams();
  for (const field of LINK_FIELDS) {
    const value = settings[field]?.trim();
    if (value !== undefined && value !== "") params.set(field, value);
  }
  return `#${params.toString().replaceAll("%2C", ",")}`;
}

/** The settings a fragment holds; anything but the known fields is ignored. */
export function settingsOf(hash: string): Settings {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const settings: Settings = {};
  for (const field of LINK_FIELDS) {
    const value = params.get(field);
    if (value !== null) settings[field] = value;
  }
  return settings;
}

/** The raw configuration parseConfig validates: the non-empty configuration fields. */
export function rawConfigOf(settings: Settings): Record<string, string> {
  return Object.fromEntries(
    CONFIG_FIELDS.flatMap((k) => {
      const value = settings[k]?.trim();
      return value === undefined || value === "" ? [] : [[k, value]];
    }),
  );
}
