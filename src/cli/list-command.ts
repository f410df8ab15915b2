/** `snapcheck list`: the catalogue of algorithms, workloads, channel disciplines and properties. */
import { properties } from "../../properties/index.js";
import { algorithms } from "../algorithms/index.js";
import { disciplines } from "../config.js";
import { workloads } from "../workloads/index.js";
import { parseFlags } from "./args.js";
import { printText } from "./print.js";

export const LIST_FLAGS = {} as const;

export function listCommand(argv: string[]): number {
  parseFlags(argv, LIST_FLAGS, "list");
  const section = (title: string, items: readonly { name: string; description: string }[]) => {
    const width = Math.max(...items.map((i) => i.name.length));
    printText(`${title}:\n${items.map((i) => `  ${i.name.padEnd(width)}  ${i.description}`).join("\n")}\n`);
  };
  section("properties", properties);
  section("algorithms", algorithms);
  section("workloads", workloads);
  section("channels", disciplines);
  return 0;
}
