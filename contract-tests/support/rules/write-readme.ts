// Writes the rule table into the README between its markers (`npx tsx contract-tests/support/rules/write-readme.ts`).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../../src/project-paths.js";
import { README_END, README_START } from "./readme-block.js";
import { renderRuleTable, ruleTable } from "./rule-table.js";

const file = join(packageRoot, "README.md");
const readme = readFileSync(file, "utf8");
const start = readme.indexOf(README_START);
const end = readme.indexOf(README_END);
if (start < 0 || end < start) throw new Error(`README.md has no ${README_START} ... ${README_END} block`);
writeFileSync(file, `${readme.slice(0, start + README_START.length)}\n\n${renderRuleTable(ruleTable())}\n\n${readme.slice(end)}`);
