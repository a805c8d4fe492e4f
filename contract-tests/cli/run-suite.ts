// Runs the contract suite (contract-tests/*.test.ts, its own Vitest config) through Vitest's Node API, with a
// console reporter of one line per file, and collects what happened as a SuiteOutcome: the one source of the
// console's blocks, the Markdown summary, JUnit and CTRF (so their counts agree).
import { join, relative } from "node:path";
import { startVitest, type Reporter, type TestModule, type Vitest } from "vitest/node";
import { collect, collectModule } from "../support/reports/collect-outcome.js";
import { packageRoot } from "../../src/project-paths.js";
import { count, type SuiteOutcome, type TestOutcome } from "../support/reports/outcome.js";
import type { RunOptions } from "./options.js";

const suiteDir = join(packageRoot, "contract-tests");

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
