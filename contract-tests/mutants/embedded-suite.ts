// Runs suite files again and again in one Vitest instance (started once: no process or Vite start-up per
// run), each time against another base URL, and reports which tests failed and why.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createVitest, type TestModule, type Vitest } from "vitest/node";
import contractConfig from "../../vitest.contract.config.js";
import { settingsFromEnv } from "../support/settings.js";
import { MUTANT_ORIGIN } from "./mutant-origin.js";

const CONFIG = "vitest.contract.config.ts";
const IN_PROCESS_MUTANT = fileURLToPath(new URL("in-process-mutant.ts", import.meta.url));
const toArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export interface SuiteRun {
  /** This run's own reports folder (JUnit, reproduction scripts under repro/): kept until removeEmbeddedReports(). */
  reportsDir: string;
  passed: number;
  /** `test name: message` for each failed test, and errors outside tests (hooks, imports). */
  failures: string[];
}

/** Settings of one run that differ from the environment's: the model seed, the concurrent stage's runs. */
export interface SuiteOptions {
  seed?: number;
  parallelRuns?: number;
  parallelClients?: number;
}

/** Where a run's requests go: a base URL (a server), or a mutant served in-process (in-process-mutant.ts). */
export type RunTarget = { baseUrl: string } | { inProcessMutant: string };

export interface EmbeddedSuite {
  /** `modelDeletesExisting`: the model (or concurrent) file, when it runs alone, may delete the accounts' pre-existing domains. */
  run(target: RunTarget, files: string[], options?: SuiteOptions & { modelDeletesExisting?: boolean }): Promise<SuiteRun>;
  close(): Promise<void>;
}

function summarise(modules: TestModule[], unhandled: unknown[], moduleIds: Set<string>): Omit<SuiteRun, "reportsDir"> {
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

// The reports of these runs go to a folder of their own, away from the real reports, one subfolder per run
// (given to the suite through provide, so two instances never write into each other's run);
// removeEmbeddedReports() deletes it at the end.
const reports = mkdtempSync(join(tmpdir(), "contract-mutants-"));
process.env["CONTRACT_REPORTS_DIR"] = reports;
const baseSettings = settingsFromEnv(process.env);
// CONTRACT_MUTANT_KEEP=1 keeps them (the scripts of each kill, to read), and says where.
export const removeEmbeddedReports = () =>
  process.env["CONTRACT_MUTANT_KEEP"] === "1" ? console.log(`reports of these runs kept in ${reports}`) : rmSync(reports, { recursive: true, force: true });

export async function startEmbeddedSuite(): Promise<EmbeddedSuite> {
  const vitest: Vitest = await createVitest("test", {
    config: CONFIG,
    watch: false,
    reporters: [{}], // silent: results are read from the run
    // In front of the suite's own set-up: a run may serve its mutant in-process (in-process-mutant.ts).
    setupFiles: [IN_PROCESS_MUTANT, ...toArray(contractConfig.test?.setupFiles)],
    // The files of one run load the engine and the suite's modules once, not once per file: they share one
    // target (the mock behind the proxy, or one in-process world) either way.
    isolate: false,
  });
  const project = vitest.getRootProject();
  return {
    async run(runTarget, files, options) {
      const reportsDir = mkdtempSync(join(reports, "run-"));
      vitest.provide("contractBaseUrl", "baseUrl" in runTarget ? runTarget.baseUrl : MUTANT_ORIGIN);
      vitest.provide("mutantInProcess", "inProcessMutant" in runTarget ? runTarget.inProcessMutant : "");
      vitest.provide("contractInProcessMock", false);
      // The model file alone has the mock to itself: its sequences may then delete the demo accounts' own
      // domains (their defaults too), which the first-domain and heir rules need, for the mutants that ask for
      // it (the others were made for sequences on the demo accounts as seeded, which deleting them drains).
      // Never when other files share the mock, whatever the environment says.
      // The concurrent file alone likewise: its runs may then empty an account first, to race for the first default.
      const alone = files.length === 1 && (files[0] === "model" || files[0] === "concurrent") && options?.modelDeletesExisting === true;
      const seed = options?.seed ?? baseSettings.model.seed;
      const parallel = { runs: options?.parallelRuns ?? baseSettings.parallel.runs, clients: options?.parallelClients ?? baseSettings.parallel.clients };
      vitest.provide("contractSettings", { ...baseSettings, reportsDir, parallel, model: { ...baseSettings.model, seed, deleteExisting: alone } });
      const specs = files.map((f) => project.createSpecification(resolve(`contract-tests/${f}.test.ts`)));
      const result = await vitest.runTestSpecifications(specs);
      return { reportsDir, ...summarise(result.testModules, result.unhandledErrors, new Set(specs.map((s) => s.moduleId))) };
    },
    close: () => vitest.close(),
  };
}
