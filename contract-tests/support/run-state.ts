// What one test file learned that the whole run needs: the (operationId, status) pairs it saw and those it
// judged (coverage.test.ts), and the
// highest attempt counters seen per domain (so "attempts never decrease" holds across files too).
// Each file writes its own part; parts are merged on read, so files never overwrite each other. The folder is
// made by the global setup outside the reports (a temporary one, removed when the run ends).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";

export interface RunStatePart {
  seen: string[];
  /** Pairs whose status was compared with an expectation that could have been different, and held. */
  judged: string[];
  /** domain id -> attempt counter name -> highest value seen */
  attempts: Record<string, Record<string, number>>;
}

export function readRunState(dir: string): RunStatePart {
  const merged: RunStatePart = { seen: [], judged: [], attempts: {} };
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".json"));
  } catch {
    return merged;
  }
  const seen = new Set<string>();
  const judged = new Set<string>();
  for (const file of files) {
    const part = JSON.parse(readFileSync(join(dir, file), "utf8")) as RunStatePart;
    for (const pair of part.seen) seen.add(pair);
    for (const pair of part.judged) judged.add(pair);
    for (const [id, counters] of Object.entries(part.attempts)) {
      const into = (merged.attempts[id] ??= {});
      for (const [name, value] of Object.entries(counters)) into[name] = Math.max(into[name] ?? 0, value);
    }
  }
  merged.seen = [...seen].sort();
  merged.judged = [...judged].sort();
  return merged;
}

const partName = `${process.pid}-${randomUUID()}.json`;

export function writeRunStatePart(dir: string, part: RunStatePart): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, partName), JSON.stringify(part));
}
