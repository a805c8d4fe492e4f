// Why a test was skipped, naming the real cause: the note of `ctx.skip(note)`; for a test skipped on purpose
// (`it.skipIf(cond)` / `describe.skipIf(cond)`), `meta.skipReason` of the test or of a describe around it;
// for a test that never ran because a set-up hook around it failed, that hook's failure with its reason in
// full (a describe's meta names why it *would* be skipped, which is not why it was). Read by the CLI's report
// (contract-tests/cli/run-suite.ts) and by `npm test`'s stage runner (stage-report.ts). Kept in its own module
// so the CLI's build (tsconfig.build.json) sees the TaskMeta field it declares.
import type {} from "vitest";
import type { TestCase, TestModule, TestSuite } from "vitest/node";

declare module "vitest" {
  interface TaskMeta {
    /** Why the test is skipped when its skipIf condition holds. */
    skipReason?: string;
  }
}

/** The name of the extra error a failed test or set-up carries with its reproduction (support/repro/on-failure.ts). */
const REPRODUCTION = "Reproduction";

type Entity = TestCase | TestSuite;

/** The errors of a suite's (or file's) own hooks, without the reproduction the file carries. */
export const hookErrors = (suite: TestSuite | TestModule) => suite.errors().filter((e) => e.name !== REPRODUCTION);

/** The name a failed set-up goes by in the reports: the suite's, or the file's when its top-level hook failed. */
export const setUpName = (suite: TestSuite | TestModule) => (suite.type === "module" ? "(file set-up)" : suite.fullName) + " (hook)";

/** One line with every line of an error's message (a contract violation lists its problems below its first line). */
export const oneLine = (message: string) => message.split("\n").map((l) => l.trim()).filter((l) => l !== "").join(" ");

export function skipReasonOf(test: TestCase): string | undefined {
  const result = test.result();
  if (result.state !== "skipped") return undefined;
  if (result.note) return result.note;
  for (let entity: Entity = test; ; entity = entity.parent as Entity) {
    const reason = entity.meta().skipReason;
    if (reason && (entity.options.mode === "skip" || test.options.mode === "skip")) return reason;
    if (entity.parent.type === "module") break;
  }
  // Not skipped on purpose: a set-up hook around it failed.
  for (let suite: TestSuite | TestModule = test.parent; ; suite = suite.parent) {
    const failed = hookErrors(suite)[0];
    if (failed) return `not run: the set-up failed: ${setUpName(suite)}: ${oneLine(failed.message)}`;
    if (suite.type === "module") break;
  }
  return undefined;
}
