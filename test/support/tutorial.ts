/** The fenced blocks of docs/tutorial.md: files (```ts file=NAME), commands (```sh) and outputs (```text). */
import { readFileSync } from "node:fs";

export interface TutorialBlock {
  readonly lang: string;
  readonly info: string;
  readonly body: string;
}

/** The fenced blocks of docs/tutorial.md, in order. */
export function tutorialBlocks(): TutorialBlock[] {
  const text = readFileSync("docs/tutorial.md", "utf8");
  return [...text.matchAll(/^```(\w+)([^\n]*)\n([\s\S]*?)^```$/gm)].map((m) => ({
    lang: m[1] as string,
    info: (m[2] as string).trim(),
    body: m[3] as string,
  }));
}
