// Where a piece of code is in a file, found by its text: tests name the uses they expect by a snippet of the
// line, so that they do not depend on what the analysis under test reports, nor break when lines move.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** `file:line` (1-based) of the one line of `root/file` that contains `snippet`; throws unless exactly one does. */
export function lineOf(root: string, file: string, snippet: string): string {
  const lines = readFileSync(join(root, file), "utf8").split("\n");
  const found = lines.flatMap((text, i) => (text.includes(snippet) ? [i + 1] : []));
  if (found.length !== 1) throw new Error(`${file}: ${found.length} lines contain ${JSON.stringify(snippet)}, expected one`);
  return `${file}:${found[0]}`;
}
