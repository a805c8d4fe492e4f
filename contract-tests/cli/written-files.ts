// Every file a run wrote into the reports folder (JUnit, coverage, summary, results, reproduction scripts, the
// model stage's failures, ...): those changed since the run started, listed for the last line of the output.
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

function walk(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export function writtenSince(reportDir: string, sinceMs: number, extra: string[] = []): string[] {
  // File times can be coarser than the clock: a second of slack.
  const fresh = walk(reportDir).filter((f) => statSync(f).mtimeMs >= sinceMs - 1_000);
  return [...new Set([...extra, ...fresh])].sort();
}

/** `reports/contract-junit.xml, reports/repro/ (3 scripts), ...`, relative to cwd where shorter. */
export function listFiles(files: string[], cwd: string): string {
  const shown = (f: string) => {
    const rel = relative(cwd, f);
    return rel.startsWith("..") ? f : rel;
  };
  const scripts = files.filter((f) => f.endsWith(".sh"));
  const others = files.filter((f) => !f.endsWith(".sh")).map(shown);
  return [...others, ...scripts.map(shown)].join(", ");
}
