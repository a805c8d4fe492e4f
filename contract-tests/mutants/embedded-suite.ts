// Runs suite files again and again in one Vitest instance (started once: no process or Vite start-up per
// run), each time against another base URL, and reports which tests failed and why.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createVitest, type TestModule, type Vitest } from "vitest/node";

export interface SuiteRun {
  passed: number;
  /** `test name: message` for each failed test, and errors outside tests (hooks, imports). */
  failures: string[];
}

export interface EmbeddedSuite {
  run(baseUrl: string, files: string[]): Promise<SuiteRun>;
  close(): Promise<void>;
}

function summarise(modules: TestModule[], unhandled: unknown[], moduleIds: Set<string>): SuiteRun {
  const failures: string[] = unhandled.map((e) => `(unhandled) ${String(e)}`);
  let passed = 0;
  // The result lists every module the instance has run so far; only this run's count.
  for (const mod of modules.filter((m) => moduleIds.has(m.moduleId))) {
    const before = failures.length;
    for (const e of mod.errors()) failures.push(`${mod.moduleId} (file): ${e.message}`);
    for (const suite of mod.children.allSuites()) {
      for (const e of suite.errors()) failures.push(`${suite.fullName} (hook): ${e.message}`);
    }
    for (const test of mod.children.allTests()) {
      const result = test.result();
      if (result.state === "passed") passed++;
      if (result.state === "failed") failures.push(`${test.fullName}: ${result.errors.map((e) => e.message).join("\n")}`);
    }
    if (mod.state() === "failed" && failures.length === before) failures.push(`${mod.moduleId}: failed`);
  }
  return { passed, failures };
}

// Run-state parts of these runs go to one folder of their own (shared by all instances: env is per process),
// away from the real reports; removeEmbeddedReports() deletes it at the end.
const reports = mkdtempSync(join(tmpdir(), "contract-mutants-"));
process.env["CONTRACT_REPORTS_DIR"] = reports;
export const removeEmbeddedReports = () => rmSync(reports, { recursive: true, force: true });

export async function startEmbeddedSuite(): Promise<EmbeddedSuite> {
  const vitest: Vitest = await createVitest("test", {
    config: "vitest.contract.config.ts",
    watch: false,
    reporters: [{}], // silent: results are read from the run
  });
  const project = vitest.getRootProject();
  return {
    async run(baseUrl, files) {
      vitest.provide("contractBaseUrl", baseUrl);
      vitest.provide("contractInProcessMock", false);
      const specs = files.map((f) => project.createSpecification(resolve(`contract-tests/${f}.test.ts`)));
      const result = await vitest.runTestSpecifications(specs);
      return summarise(result.testModules, result.unhandledErrors, new Set(specs.map((s) => s.moduleId)));
    },
    close: () => vitest.close(),
  };
}
