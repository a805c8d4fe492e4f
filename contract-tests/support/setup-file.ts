// Runs in every contract test file: afterwards, delete what the file created and hand over what it saw.
// A test that fails leaves the reproduction script of the calls it made (support/repro/); so does a suite
// whose set-up (beforeAll) failed, with the set-up calls the file made.
import { basename } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, type RunnerTestFile, type RunnerTestSuite } from "vitest";
import { deleteCreatedDomains } from "./cleanup.js";
import { interceptWithMsw } from "./host-target.js";
import { flushObservations } from "./observations.js";
import { endTest, setUpCalls, startFile, startTest } from "./repro/recorder.js";
import { NO_REPRODUCTION, REPRO_ERROR_NAME, secretsOf, writeReproduction, writeReproScript } from "./repro/on-failure.js";
import { suiteSettings } from "./suite-settings.js";
import { target } from "./target.js";

await interceptWithMsw(suiteSettings);

beforeAll(() => startFile());
beforeEach(() => startTest());

afterEach(async (context) => {
  const { calls, supplied } = endTest();
  const result = context.task.result;
  if (result?.state !== "fail") return;
  const test = { file: basename(context.task.file.name), name: context.task.fullTestName ?? context.task.name, message: result.errors?.[0]?.message ?? "" };
  // A supplied reproduction with no step (the model stage failed in its own set-up) gives way to the calls made;
  // a written one (the concurrent stage's racing script) is carried as it is.
  const { annotation } =
    calls.length === 0 && supplied === undefined
      ? { annotation: `${NO_REPRODUCTION}: the test made no call of its own (its failure is not about an answer of the server)` }
      : supplied && "annotation" in supplied
        ? supplied
        : supplied && (supplied.steps.length > 0 || calls.length === 0)
          ? writeReproScript(supplied, test, { reportsDir: target.reportsDir, secrets: secretsOf(target) })
          : await writeReproduction(calls, test, { baseUrl: target.baseUrl, reportsDir: target.reportsDir, accounts: target });
  // Carried as one more error of the test (annotations are closed once it failed): JUnit and the CLI's
  // summary show it beside the failure.
  (result.errors ??= []).push({ name: REPRO_ERROR_NAME, message: annotation, stack: "" });
});

/** The suites of a file whose own hooks failed (a beforeAll): their tests never ran. */
function failedSetUps(suite: RunnerTestSuite | RunnerTestFile): RunnerTestSuite[] {
  return suite.tasks.flatMap((t) => (t.type !== "suite" ? [] : [...(t.result?.state === "fail" && (t.result.errors?.length ?? 0) > 0 ? [t] : []), ...failedSetUps(t)]));
}

/** A failed set-up as the reports name it (skip-reason.ts's setUpName): a suite's, or the file's own top-level hook. */
function setUpsOf(file: RunnerTestFile): { name: string; message: string }[] {
  const own = (file.result?.errors ?? []).filter((e) => e.name !== REPRO_ERROR_NAME);
  const top = own.length > 0 ? [{ name: "(file set-up) (hook)", message: own[0]?.message ?? "" }] : [];
  return [...top, ...failedSetUps(file).map((suite) => ({ name: `${suite.fullTestName ?? suite.name} (hook)`, message: suite.result?.errors?.[0]?.message ?? "" }))];
}

// The file arrives as the second argument (the first is for fixtures, which must be destructured).
// eslint-disable-next-line no-empty-pattern
afterAll(async ({}, file) => {
  try {
    const calls = setUpCalls();
    for (const setUp of calls.length === 0 ? [] : setUpsOf(file as RunnerTestFile)) {
      const test = { file: basename((file as RunnerTestFile).name), name: setUp.name, message: setUp.message };
      const { annotation } = await writeReproduction(calls, test, { baseUrl: target.baseUrl, reportsDir: target.reportsDir, accounts: target });
      // On the file, not the suite: the suite's result has gone to the reporters already; the file's has not.
      const result = (file as RunnerTestFile).result;
      if (result) (result.errors ??= []).push({ name: REPRO_ERROR_NAME, message: `${test.name}\n${annotation}`, stack: "" });
    }
    await deleteCreatedDomains();
  } finally {
    flushObservations();
  }
});
