// contract-ctrf.json: the run in the Common Test Report Format (https://ctrf.io, spec 0.0.0), which CI
// dashboards read beside JUnit. Built from the same outcome as JUnit and the summary, so the counts agree. The
// types come from `ctrf` (the format's reference implementation, a devDependency: the kit's tests validate
// every report with it; the CLI writes plain JSON, so users do not install it).
import type { CTRFReport, Test } from "ctrf";
import { failureFacts } from "./failure-facts.js";
import { count, ruleOf, type SuiteOutcome, type TestOutcome } from "./outcome.js";
import { failureLines } from "./report-text.js";

export interface CtrfRun {
  baseUrl: string;
  /** The kit's name and version (package.json): the tool that ran the tests. */
  tool: { name: string; version: string };
  start: number;
  stop: number;
}

function ctrfTest(t: TestOutcome): Test {
  const test: Test = { name: t.name, status: t.state, duration: t.durationMs ?? 0, suite: [t.file, ...t.name.split(" > ").slice(0, -1)], filePath: `contract-tests/${t.file}` };
  if (t.state === "skipped" && t.message) test.message = t.message;
  if (t.state === "failed") {
    const facts = failureFacts(t);
    test.message = ruleOf(t.message ?? "");
    test.trace = [...failureLines(t), "", t.message ?? "", ...(t.reproduction ? ["", t.reproduction] : [])].join("\n");
    test.extra = { ...facts };
  }
  return test;
}

export function ctrfReport(outcome: SuiteOutcome, run: CtrfRun): CTRFReport {
  const errors: Test[] = outcome.errors.map((e, i) => ({ name: `error outside tests ${i + 1}`, status: "other", duration: 0, message: e.split("\n")[0] ?? e, trace: e }));
  const tests = [...outcome.tests.map(ctrfTest), ...errors];
  return {
    reportFormat: "CTRF",
    specVersion: "0.0.0",
    timestamp: new Date(run.stop).toISOString(),
    generatedBy: run.tool.name,
    results: {
      tool: { name: run.tool.name, version: run.tool.version },
      summary: {
        tests: tests.length,
        passed: count(outcome, "passed"),
        failed: count(outcome, "failed"),
        skipped: count(outcome, "skipped"),
        pending: 0,
        other: errors.length,
        suites: new Set(outcome.tests.map((t) => t.file)).size,
        start: run.start,
        stop: run.stop,
        duration: run.stop - run.start,
      },
      tests,
      environment: { extra: { baseUrl: run.baseUrl } },
    },
  };
}
