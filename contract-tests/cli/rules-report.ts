// contract-rules.md: the rule table (support/rules/) with what this run found for each rule.
import type { SuiteOutcome } from "../support/reports/outcome.js";
import { renderRuleTable, ruleTable, type CheckResult, type RuleRow } from "../support/rules/rule-table.js";

export function rowResult(row: RuleRow, outcome: SuiteOutcome): CheckResult {
  const states = row.checks.flatMap((c) => (c.file.startsWith("support/") ? [] : outcome.tests.filter((t) => t.file === c.file && t.name.includes(c.test)).map((t) => t.state)));
  if (states.includes("failed")) return "failed";
  if (states.includes("passed")) return "passed";
  if (states.length > 0) return "skipped";
  return row.checks.some((c) => c.file.startsWith("support/")) ? "every answer" : "not run";
}

export function rulesReport(outcome: SuiteOutcome, baseUrl: string): string {
  return [`# The contract's rules, checked against ${baseUrl}`, "", renderRuleTable(ruleTable(), (row) => rowResult(row, outcome)), ""].join("\n");
}
