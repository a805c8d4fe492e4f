// Runs the contract suite (contract-tests/*.test.ts, its own Vitest config) through Vitest's Node API, with a
// console reporter of one line per file, and collects what happened as a SuiteOutcome: the one source of the
// console's blocks, the Markdown summary, JUnit and CTRF (so their counts agree).
import { join, relative } from "node:path";
import { startVitest, type Reporter, type TestModule, type Vitest } from "vitest/node";
import { REPRO_ERROR_NAME } from "../support/repro/on-failure.js";
import { hookErrors, setUpName, skipReasonOf } from "../support/skip-reason.js";
import { packageRoot } from "../../src/project-paths.js";
import { count, type SuiteOutcome, type TestOutcome } from "./outcome.js";
import type { RunOptions } from "./options.js";

const suiteDir = join(packageRoot, "contract-tests");

function collectModule(mod: TestModule, tests: TestOutcome[], errors: string[]): void {
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

/**
 * The console while the suite runs: the server it runs against, then one line per file with its counts. What
 * broke is printed once the run's scripts are checked (main.ts), one block per rule: no failure details, code
 * frames or stack frames of the kit here.
 */
class ContractConsoleReporter implements Reporter {
  constructor(private readonly baseUrl: string) {}
  onInit(): void {
    process.stdout.write(`\n RUN  email-domain contract suite against ${this.baseUrl}\n`);
  }
  onTestModuleEnd(mod: TestModule): void {
    const tests: TestOutcome[] = [];
    collectModule(mod, tests, []);
    const outcome = { tests, errors: [] };
    const failed = count(outcome, "failed");
    const counts = [`${count(outcome, "passed")} passed`, ...(failed ? [`${failed} failed`] : []), ...(count(outcome, "skipped") ? [`${count(outcome, "skipped")} skipped`] : [])];
    process.stdout.write(` ${failed > 0 ? "✗" : "✓"} ${relative(suiteDir, mod.moduleId)}: ${counts.join(", ")} (${(mod.diagnostic().duration / 1000).toFixed(1)} s)\n`);
  }
}

export async function runSuite(options: RunOptions): Promise<SuiteOutcome> {
  let outcome: SuiteOutcome = { tests: [], errors: ["Vitest reported no results"] };
  const collector: Reporter = {
    onTestRunEnd(modules, unhandled) {
      outcome = collect(modules, unhandled);
    },
  };
  const vitest: Vitest = await startVitest("test", [], {
    root: packageRoot,
    config: join(packageRoot, "vitest.contract.config.ts"),
    watch: false,
    // The settings reach the global setup and the workers through provide (support/suite-settings.ts).
    provide: { contractSettings: options.settings },
    reporters: [new ContractConsoleReporter(options.baseUrl), collector],
  });
  await vitest.close();
  return outcome;
}
