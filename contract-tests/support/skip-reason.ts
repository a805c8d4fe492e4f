// Why a test was skipped: the note of `ctx.skip(note)`, else `meta.skipReason` of the test or of a describe
// around it (`it.skipIf(cond)(name, { meta: { skipReason: "..." } }, fn)`). Read by the CLI's report
// (contract-tests/cli/run-suite.ts) and by `npm test`'s stage runner (stage-report.ts). Kept in its own module
// so the CLI's build (tsconfig.build.json) sees the TaskMeta field it declares.
import type {} from "vitest";
import type { TestCase } from "vitest/node";

declare module "vitest" {
  interface TaskMeta {
    /** Why the test is skipped when its skipIf condition holds. */
    skipReason?: string;
  }
}

export function skipReasonOf(test: TestCase): string | undefined {
  const result = test.result();
  if (result.state === "skipped" && result.note) return result.note;
  for (let entity: TestCase["parent"] | TestCase = test; entity.type !== "module"; entity = entity.parent) {
    const reason = entity.meta().skipReason;
    if (reason) return reason;
  }
  return undefined;
}
