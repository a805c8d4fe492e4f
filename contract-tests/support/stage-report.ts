// What one Vitest run tells `npm test`'s stage runner (scripts/test/run-stages.ts): when STAGE_REPORT_FILE is
// set, one JSON line per test (file, name, state, and for a skip its reason) is appended to that file. Unset
// (every other run, and the installed kit's CLI), stageReporters() is empty and nothing is written.
// A skip's reason is the note of `ctx.skip(note)`, else `meta.skipReason` of the test or of a describe around
// it (`it.skipIf(cond)(name, { meta: { skipReason: "..." } }, fn)`).
import { appendFileSync } from "node:fs";
import { relative } from "node:path";
import type { Reporter, TestModule } from "vitest/node";
import { skipReasonOf } from "./skip-reason.js";

export interface StageTestRecord {
  file: string;
  name: string;
  state: "passed" | "failed" | "skipped" | "pending";
  reason?: string;
}

export class StageReporter implements Reporter {
  constructor(private readonly file: string) {}

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<{ message?: string }>): void {
    const records: StageTestRecord[] = [];
    for (const mod of modules) {
      const file = relative(process.cwd(), mod.moduleId);
      for (const e of mod.errors()) records.push({ file, name: `(file) ${e.message}`, state: "failed" });
      for (const suite of mod.children.allSuites()) {
        for (const e of suite.errors()) records.push({ file, name: `${suite.fullName} (hook) ${e.message}`, state: "failed" });
      }
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        const reason = state === "skipped" ? skipReasonOf(test) : undefined;
        records.push({ file, name: test.fullName, state, ...(reason ? { reason } : {}) });
      }
    }
    for (const e of unhandled) records.push({ file: "(unhandled)", name: e.message ?? String(e), state: "failed" });
    if (records.length > 0) appendFileSync(this.file, records.map((r) => JSON.stringify(r)).join("\n") + "\n");
  }
}

/** [a StageReporter] under the stage runner, [] otherwise: spread into a config's `reporters`. */
export function stageReporters(): Reporter[] {
  const file = process.env["STAGE_REPORT_FILE"]?.trim();
  // Taken by this run only: Vitest runs that its tests start (the CLI's tests run the suite against broken
  // servers on purpose) must not add their results to the stage's counts.
  delete process.env["STAGE_REPORT_FILE"];
  return file ? [new StageReporter(file)] : [];
}
