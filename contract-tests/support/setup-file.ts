// Runs in every contract test file: afterwards, delete what the file created and hand over what it saw.
// A test that fails leaves the reproduction script of the calls it made (support/repro/).
import { basename } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { deleteCreatedDomains } from "./cleanup.js";
import { interceptWithMsw } from "./host-target.js";
import { flushObservations } from "./observations.js";
import { endTest, startFile, startTest } from "./repro/recorder.js";
import { REPRO_ERROR_NAME, secretsOf, writeReproduction, writeReproScript } from "./repro/on-failure.js";
import { suiteSettings } from "./suite-settings.js";
import { target } from "./target.js";

await interceptWithMsw(suiteSettings);

beforeAll(() => startFile());
beforeEach(() => startTest());

afterEach(async (context) => {
  const { calls, supplied } = endTest();
  const result = context.task.result;
  if (result?.state !== "fail" || (calls.length === 0 && supplied === undefined)) return;
  const test = { file: basename(context.task.file.name), name: context.task.fullTestName ?? context.task.name, message: result.errors?.[0]?.message ?? "" };
  const { annotation } = supplied
    ? writeReproScript(supplied, test, { reportsDir: target.reportsDir, secrets: secretsOf(target) })
    : await writeReproduction(calls, test, { baseUrl: target.baseUrl, reportsDir: target.reportsDir, accounts: target });
  // Carried as one more error of the test (annotations are closed once it failed): JUnit and the CLI's
  // summary show it beside the failure.
  (result.errors ??= []).push({ name: REPRO_ERROR_NAME, message: annotation, stack: "" });
});

afterAll(async () => {
  try {
    await deleteCreatedDomains();
  } finally {
    flushObservations();
  }
});
