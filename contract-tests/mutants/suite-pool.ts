// What the mutant runner and the variant runner share: the suite files to run, the real mock behind the
// mutant proxy, and a small pool of embedded suite instances working through one queue.
import { readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { startMock } from "../../src/hosts/node/start-mock.js";
import { removeEmbeddedReports, startEmbeddedSuite, type EmbeddedSuite, type SuiteOptions, type SuiteRun } from "./embedded-suite.js";
import { startMutantProxy, type Mutation } from "./mutant-proxy.js";

// Every suite file (contract-tests/*.test.ts) but the coverage check, which only reports what a full run saw:
// read from the folder, so a new test file cannot drop out of a run.
export const SUITE_DIR = fileURLToPath(new URL("..", import.meta.url));
export const ALL_FILES = readdirSync(SUITE_DIR)
  .filter((f) => f.endsWith(".test.ts") && f !== "coverage.test.ts")
  .map((f) => f.slice(0, -".test.ts".length))
  .sort();
// Suite instances running side by side, each working through the queue: one more than the cores, as a run
// spends most of its time waiting (the concurrent stage's windows and timers, its shrinking, the processes of
// the scripts' checks), not computing.
export const INSTANCES = Number(process.env["CONTRACT_MUTANT_INSTANCES"] ?? availableParallelism() + 1);

/** Runs the given suite files against a fresh mock behind the mutant proxy (an empty mutation breaks nothing). */
export async function runBehind(suite: EmbeddedSuite, mutation: Mutation, files: string[], options: SuiteOptions = {}): Promise<{ run: SuiteRun }> {
  const mock = await startMock({ port: 0, host: "127.0.0.1" });
  const proxy = await startMutantProxy(mock.url, mutation);
  try {
    return { run: await suite.run({ baseUrl: proxy.url }, files, { ...options, modelDeletesExisting: mutation.modelDeletesExisting === true }) };
  } finally {
    await proxy.close();
    await mock.close(500);
  }
}

/**
 * Runs the given suite files against the named mutant (mutations.ts, or the control) served in-process in the
 * suite's worker: a fresh in-process mock behind the same mutation, no server and no proxy.
 */
export async function runInProcess(suite: EmbeddedSuite, name: string, mutation: Mutation, files: string[], options: SuiteOptions = {}): Promise<{ run: SuiteRun }> {
  return { run: await suite.run({ inProcessMutant: name }, files, { ...options, modelDeletesExisting: mutation.modelDeletesExisting === true }) };
}

/**
 * Works through the queue with INSTANCES suites; rethrows the first crash once every instance has stopped.
 * `settle`, when given, is awaited before the reports folder goes (work the items left running, on their reports).
 */
export async function drainWithSuites<T>(queue: T[], work: (suite: EmbeddedSuite, item: T) => Promise<void>, settle?: () => Promise<unknown>): Promise<void> {
  try {
    // allSettled: every instance has stopped before the reports folder goes, even when one of them threw.
    const settled = await Promise.allSettled(
      Array.from({ length: INSTANCES }, async () => {
        const suite = await startEmbeddedSuite();
        try {
          for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(suite, item);
        } finally {
          await suite.close();
        }
      }),
    );
    await settle?.();
    const crashed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (crashed) throw crashed.reason;
  } finally {
    removeEmbeddedReports();
  }
}
