// A Vitest run of the contract suite as a SuiteOutcome: every test with its state, message (a skip's reason,
// skip-reason.ts) and reproduction; a failed set-up hook as one failed "... (hook)" test; errors outside tests.
// The one source of every report (console, summary, JUnit, CTRF), so their counts agree.
import { join, relative } from "node:path";
import type { TestModule } from "vitest/node";
import { packageRoot } from "../../../src/project-paths.js";
import { REPRO_ERROR_NAME } from "../repro/on-failure.js";
import { hookErrors, setUpName, skipReasonOf } from "../skip-reason.js";
import type { SuiteOutcome, TestOutcome } from "./outcome.js";

const suiteDir = join(packageRoot, "contract-tests");

export function collectModule(mod: TestModule, tests: TestOutcome[], errors: string[]): void {
  const file = relative(suiteDir, mod.moduleId);
  // A failed set-up's reproduction is carried by the file (support/setup-file.ts): its first line names the hook.
  const setUpRepro = new Map<string, string>();
  for (const e of mod.errors()) if (e.name === REPRO_ERROR_NAME) setUpRepro.set(e.message.split("\n")[0]!, e.message.slice(e.message.indexOf("\n") + 1));
  const hasTests = [...mod.children.allTests()].length > 0;
  // A failing hook is a failure of its suite (the file's, for a top-level hook): reported like a test, once,
  // so it is grouped by its rule too; the tests it kept from running are skipped, naming it (skip-reason.ts).
  for (const suite of [...(hasTests ? [mod] : []), ...mod.children.allSuites()]) {
    const failed = hookErrors(suite);
    if (failed.length === 0) continue;
    const name = setUpName(suite);
    const reproduction = setUpRepro.get(name);
    tests.push({ file, name, state: "failed", message: failed.map((e) => e.message).join("\n"), ...(reproduction ? { reproduction } : {}) });
  }
  // A file that did not load has no tests to hold its error.
  if (!hasTests) for (const e of hookErrors(mod)) errors.push(`${file}: ${e.message}`);
  for (const test of mod.children.allTests()) {
    const result = test.result();
    const durationMs = Math.round(test.diagnostic()?.duration ?? 0);
    if (result.state === "failed") {
      const reproduction = result.errors.find((e) => e.name === REPRO_ERROR_NAME)?.message;
      const message = result.errors.filter((e) => e.name !== REPRO_ERROR_NAME).map((e) => e.message).join("\n");
      tests.push({ file, name: test.fullName, state: "failed", message, durationMs, ...(reproduction ? { reproduction } : {}) });
    } else if (result.state === "skipped") {
      const note = skipReasonOf(test);
      tests.push({ file, name: test.fullName, state: "skipped", ...(note ? { message: note } : {}) });
    } else if (result.state === "passed") tests.push({ file, name: test.fullName, state: "passed", durationMs });
  }
}

export function collect(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<{ message?: string }>): SuiteOutcome {
  const tests: TestOutcome[] = [];
  const errors = unhandled.map((e) => `unhandled: ${e.message ?? String(e)}`);
  for (const mod of modules) collectModule(mod, tests, errors);
  return { tests, errors };
}
