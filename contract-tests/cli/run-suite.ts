// Runs the contract suite (contract-tests/*.test.ts, its own Vitest config) through Vitest's Node API,
// with Vitest's console and JUnit reporters, and collects what happened as a SuiteOutcome.
import { join, relative } from "node:path";
import { DefaultReporter, startVitest, type Reporter, type TestCase, type TestModule, type Vitest } from "vitest/node";
import { REPRO_ERROR_NAME } from "../support/repro/on-failure.js";
import { skipReasonOf } from "../support/skip-reason.js";
import { packageRoot } from "../../src/project-paths.js";
import type { SuiteOutcome, TestOutcome } from "./outcome.js";
import type { RunOptions } from "./options.js";

const suiteDir = join(packageRoot, "contract-tests");

function collect(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<{ message?: string }>): SuiteOutcome {
  const tests: TestOutcome[] = [];
  const errors = unhandled.map((e) => `unhandled: ${e.message ?? String(e)}`);
  for (const mod of modules) {
    const file = relative(suiteDir, mod.moduleId);
    // A failed set-up's reproduction is carried by the file (support/setup-file.ts): its first line names the hook.
    const setUpRepro = new Map<string, string>();
    for (const e of mod.errors()) {
      if (e.name !== REPRO_ERROR_NAME) errors.push(`${file}: ${e.message}`);
      else setUpRepro.set(e.message.split("\n")[0]!, e.message.slice(e.message.indexOf("\n") + 1));
    }
    // A failing hook is a failure of its suite: reported like a test, so it is grouped by its rule too.
    for (const suite of mod.children.allSuites()) {
      const name = `${suite.fullName} (hook)`;
      const reproduction = setUpRepro.get(name);
      for (const e of suite.errors()) tests.push({ file, name, state: "failed", message: e.message, ...(reproduction ? { reproduction } : {}) });
    }
    for (const test of mod.children.allTests()) {
      const result = test.result();
      if (result.state === "failed") {
        const reproduction = result.errors.find((e) => e.name === REPRO_ERROR_NAME)?.message;
        const message = result.errors.filter((e) => e.name !== REPRO_ERROR_NAME).map((e) => e.message).join("\n");
        tests.push({ file, name: test.fullName, state: "failed", message, ...(reproduction ? { reproduction } : {}) });
      } else if (result.state === "skipped") {
        const note = skipReasonOf(test);
        tests.push({ file, name: test.fullName, state: "skipped", ...(note ? { message: note } : {}) });
      }
      else if (result.state === "passed") tests.push({ file, name: test.fullName, state: "passed" });
    }
  }
  return { tests, errors };
}

/** Vitest's console reporter, with the banner naming the server rather than where the kit is installed. */
class ContractConsoleReporter extends DefaultReporter {
  constructor(private readonly baseUrl: string) {
    super();
  }
  override onInit(ctx: Vitest): void {
    const banner = ctx.logger.printBanner.bind(ctx.logger);
    ctx.logger.printBanner = () => ctx.logger.log(`\n RUN  email-domain contract suite against ${this.baseUrl}`);
    try {
      super.onInit(ctx);
    } finally {
      ctx.logger.printBanner = banner;
    }
  }
}

export async function runSuite(options: RunOptions): Promise<SuiteOutcome> {
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
    // The settings reach the global setup and the workers through provide (support/suite-settings.ts).
    provide: { contractSettings: options.settings },
    reporters: [new ContractConsoleReporter(options.baseUrl), "junit", collector],
    outputFile: { junit: options.junitFile },
  });
  await vitest.close();
  return outcome;
}
