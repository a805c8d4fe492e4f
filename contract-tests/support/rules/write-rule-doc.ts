// Writes the rule table into docs/rules.md between its markers (`npx tsx contract-tests/support/rules/write-rule-doc.ts`).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../../src/project-paths.js";
import { RULE_DOC, RULE_TABLE_END, RULE_TABLE_START } from "./rule-doc-block.js";
import { renderRuleTable, ruleTable } from "./rule-table.js";

const file = join(packageRoot, RULE_DOC);
const doc = readFileSync(file, "utf8");
const start = doc.indexOf(RULE_TABLE_START);
const end = doc.indexOf(RULE_TABLE_END);
if (start < 0 || end < start) throw new Error(`${RULE_DOC} has no ${RULE_TABLE_START} ... ${RULE_TABLE_END} block`);
writeFileSync(file, `${doc.slice(0, start + RULE_TABLE_START.length)}\n\n${renderRuleTable(ruleTable())}\n\n${doc.slice(end)}`);
