// Runs `redocly diff` (experimental in @redocly/cli 2.77.0) on two bundled specs and returns its JSON
// report. The diff rates each change major / minor / patch; it rates nothing unless its config extends
// `diff-recommended` (redocly-diff.yaml here).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CannotRun } from "./cannot-run.js";
import { redocly, redoclyProblem } from "./redocly-cli.js";

export type Impact = "major" | "minor" | "patch";

export interface DiffSide {
  pointer: string;
  value?: unknown;
}

export interface DiffVerdict {
  ruleId: string;
  impact: Impact;
  message: string;
  location?: { pointer: string };
}

/** One entry of the report. `path` is where the change shows in an operation (a change of a shared
 *  component is reported once, under the first operation that uses it); verdicts say why it rates major. */
export interface DiffChange {
  path: string;
  typeName: string;
  kind: string;
  impact: Impact;
  verdicts: DiffVerdict[];
  property?: string;
  base?: DiffSide;
  revision?: DiffSide;
}

export interface DiffReport {
  changes: DiffChange[];
}

const CONFIG = fileURLToPath(new URL("./redocly-diff.yaml", import.meta.url));

/** `redocly diff base revision --format json`; `workDir` receives the raw report (diff.json). */
export async function redoclyDiff(baseFile: string, revisionFile: string, workDir: string): Promise<DiffReport> {
  const out = join(workDir, "redocly-diff.json");
  const result = await redocly(
    ["diff", baseFile, revisionFile, "--config", CONFIG, "--format", "json", "--output", out, "--fail-on", "none"],
    workDir,
  );
  // With --fail-on none a non-zero exit means the diff itself failed (e.g. a spec with unresolved $refs).
  if (result.code !== 0) throw new CannotRun(`redocly diff failed: ${redoclyProblem(result)}`);
  const report = JSON.parse(await readFile(out, "utf8")) as Partial<DiffReport>;
  if (!Array.isArray(report.changes)) throw new CannotRun(`redocly diff wrote no list of changes to ${out}`);
  return { changes: report.changes };
}
