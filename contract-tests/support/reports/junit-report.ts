// contract-junit.xml from the run's outcome: one testsuite per suite file, one testcase per test (a failed
// set-up is a testcase of its own, "... (hook)"), exactly one <failure> per failed testcase, whose message is
// the broken rule (naming the field) and whose text holds the call, expected against came back, the message
// and the reproduction. Errors outside tests are testcases with an <error>. Counts are the outcome's.
import { count, ruleOf, type SuiteOutcome, type TestOutcome } from "./outcome.js";
import { failureLines, xml } from "./report-text.js";
import { violationOf } from "../repro/broken-step.js";

const seconds = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(3);

function testcase(t: TestOutcome): string[] {
  const open = `    <testcase classname="${xml(t.file)}" name="${xml(t.name)}" time="${seconds(t.durationMs)}"`;
  if (t.state === "passed") return [`${open} />`];
  if (t.state === "skipped") return [`${open}>`, `      <skipped message="${xml(t.message ?? "")}" />`, "    </testcase>"];
  const type = violationOf(t.message ?? "") ? "ContractViolation" : "AssertionError";
  const body = [...failureLines(t), "", t.message ?? "", ...(t.reproduction ? ["", t.reproduction] : [])].join("\n");
  return [`${open}>`, `      <failure message="${xml(ruleOf(t.message ?? ""))}" type="${type}">${xml(body)}</failure>`, "    </testcase>"];
}

export function junitReport(outcome: SuiteOutcome): string {
  const files = [...new Set(outcome.tests.map((t) => t.file))];
  const totalMs = outcome.tests.reduce((sum, t) => sum + (t.durationMs ?? 0), 0);
  const errors = outcome.errors.length;
  const out = [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    `<testsuites name="email-domains-contract" tests="${outcome.tests.length + errors}" failures="${count(outcome, "failed")}" errors="${errors}" skipped="${count(outcome, "skipped")}" time="${seconds(totalMs)}">`,
  ];
  for (const file of files) {
    const tests = outcome.tests.filter((t) => t.file === file);
    const mine = { tests, errors: [] };
    out.push(
      `  <testsuite name="${xml(file)}" tests="${tests.length}" failures="${count(mine, "failed")}" errors="0" skipped="${count(mine, "skipped")}" time="${seconds(tests.reduce((s, t) => s + (t.durationMs ?? 0), 0))}">`,
      ...tests.flatMap(testcase),
      "  </testsuite>",
    );
  }
  if (errors > 0) {
    out.push(`  <testsuite name="(outside tests)" tests="${errors}" failures="0" errors="${errors}" skipped="0" time="0">`);
    outcome.errors.forEach((e, i) => out.push(`    <testcase classname="(outside tests)" name="error ${i + 1}" time="0">`, `      <error message="${xml(e.split("\n")[0] ?? e)}">${xml(e)}</error>`, "    </testcase>"));
    out.push("  </testsuite>");
  }
  out.push("</testsuites>", "");
  return out.join("\n");
}
