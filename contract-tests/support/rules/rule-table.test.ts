// The rule table holds: every row names a check that exists (a row without one fails here), every prose rule
// still stands in the spec in the words quoted, and docs/rules.md shows the table as generated.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../../../src/project-paths.js";
import { operations } from "../spec.js";
import { proseRules } from "./prose-rules.js";
import { descriptionAt, renderRuleTable, ruleTable } from "./rule-table.js";
import { RULE_DOC, RULE_TABLE_END, RULE_TABLE_START } from "./rule-doc-block.js";

const suiteDir = join(packageRoot, "contract-tests");
const rows = ruleTable();

describe("the rule table", () => {
  it.each(rows.map((r, i) => [i + 1, r] as const))("row %i has a check, and each check is a test or module that exists", (_, row) => {
    expect(row.checks.length, row.rule).toBeGreaterThan(0);
    for (const check of row.checks) {
      const file = join(suiteDir, check.file);
      expect(existsSync(file), `${row.rule}: ${check.file} does not exist`).toBe(true);
      expect(readFileSync(file, "utf8"), `${row.rule}: no test "${check.test}" in ${check.file}`).toContain(check.test);
    }
  });

  it.each(proseRules.map((r) => [r.rule, r] as const))("prose rule '%s' still stands in the spec in the words quoted", (_, rule) => {
    expect(descriptionAt(rule.where)).toContain(rule.quote.replace(/\s+/g, " "));
  });

  it("derives a row from every documented response of every operation", () => {
    for (const op of operations) for (const status of Object.keys(op.responses)) expect(rows.some((r) => r.where === `${op.operationId}: responses.${status}`)).toBe(true);
  });

  it(`is in ${RULE_DOC} as generated (regenerate: npx tsx contract-tests/support/rules/write-rule-doc.ts), which the README links`, () => {
    const doc = readFileSync(join(packageRoot, RULE_DOC), "utf8");
    const block = doc.slice(doc.indexOf(RULE_TABLE_START) + RULE_TABLE_START.length, doc.indexOf(RULE_TABLE_END));
    expect(doc.indexOf(RULE_TABLE_START)).toBeGreaterThan(0);
    expect(block.trim()).toBe(renderRuleTable(rows).trim());
    expect(readFileSync(join(packageRoot, "README.md"), "utf8")).toContain(`](${RULE_DOC})`);
  });
});
