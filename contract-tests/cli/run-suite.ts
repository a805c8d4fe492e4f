// Runs the contract suite (contract-tests/*.test.ts, its own Vitest config) through Vitest's Node API,
// with Vitest's console and JUnit reporters, and collects what happened as a SuiteOutcome.
import { join, relative } from "node:path";
import { startVitest, type Reporter, type TestModule } from "vitest/node";
import { packageRoot } from "../../src/project-paths.js";
import type { SuiteOutcome, TestOutcome } from "./outcome.js";
import type { RunOptions } from "./options.js";

const suiteDir = join(packageRoot, "contract-tests");

function collect(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<{ message?: string }>): SuiteOutcome {
  const tests: TestOutcome[] = [];
  const errors = unhandled.map((e) => `unhandled: ${e.message ?? String(e)}`);
  for (const mod of modules) {
    const file = relative(suiteDir, mod.moduleId);
    for (const e of mod.errors()) errors.push(`${file}: ${e.message}`);
    // A failing hook is a failure of its suite: reported like a test, so it is grouped by its rule too.
    for (const suite of mod.children.allSuites()) {
      for (const e of suite.errors()) tests.push({ file, name: `${suite.fullName} (hook)`, state: "failed", message: e.message });
    }
    for (const test of mod.children.allTests()) {
      const result = test.result();
      if (result.state === "failed") tests.push({ file, name: test.fullName, state: "failed", message: result.errors.map((e) => e.message).join("\n") });
      else if (result.state === "skipped") tests.push({ file, name: test.fullName, state: "skipped", ...(result.note ? { message: result.note } : {}) });
      else if (result.state === "passed") tests.push({ file, name: test.fullName, state: "passed" });
    }
  }
  return { tests, errors };
}

/** The suite's variables (support/target.ts, reports-dir.ts) from the options: they reach Vitest's workers. */
export function suiteEnvironment(options: RunOptions): Record<string, string | undefined> {
  return {
    CONTRACT_BASE_URL: options.baseUrl,
    CONTRACT_API_KEY: options.own.apiKey,
    CONTRACT_ACCOUNT_ID: options.own.accountId,
    CONTRACT_OTHER_API_KEY: options.other?.apiKey,
    CONTRACT_OTHER_ACCOUNT_ID: options.other?.accountId,
    CONTRACT_REPORTS_DIR: options.reportDir,
    CONTRACT_TIMEOUT_MS: String(options.timeoutMs),
  };
}

export async function runSuite(options: RunOptions): Promise<SuiteOutcome> {
  for (const [name, value] of Object.entries(suiteEnvironment(options))) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  let outcome: SuiteOutcome = { tests: [], errors: ["Vitest reported no results (see its output above)"] };
  const collector: Reporter = {
    onTestRunEnd(modules, unhandled) {
      outcome = collect(modules, unhandled);
    },
  };
  const vitest = await startVitest("test", [], {
    root: packageRoot,
    config: join(packageRoot, "vitest.contract.config.ts"),
    watch: false,
    reporters: ["default", "junit", collector],
    outputFile: { junit: options.junitFile },
  });
  await vitest.close();
  return outcome;
}
