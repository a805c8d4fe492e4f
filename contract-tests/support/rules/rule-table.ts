// The traceable rule table (issue 17): every rule the spec states, where it states it, and which checks
// assert it. Rows come from the spec's structure (each documented response, each request body schema, each
// secured operation) and from prose-rules.ts (the rules only its descriptions state). Rendered as Markdown for
// docs/rules.md and, with each check's outcome, for the CLI's reports.
import type { OpenAPIV3_1 } from "openapi-types";
import { componentSchema, operations, resolve, spec } from "../spec.js";
import { proseRules, type Check, type Where } from "./prose-rules.js";

export interface RuleRow {
  rule: string;
  /** Where the spec states it, readable: `createEmailDomain: description`, `EmailDomain: required`. */
  where: string;
  checks: Check[];
}

const RESPONSE_CHECK: Check = { file: "support/response-check.ts", test: "responseCheck" };
const COVERAGE: Check = { file: "coverage.test.ts", test: "every documented (operation, status) pair was judged" };

function derivedRows(): RuleRow[] {
  const rows: RuleRow[] = [];
  for (const op of operations) {
    for (const [status, response] of Object.entries(op.responses)) {
      const media = Object.keys(response.content);
      const first = response.description.split(/(?<=\.)\s/)[0] ?? response.description;
      rows.push({
        rule: `${op.operationId} answers ${status}${media.length ? ` (${media.join(", ")}, its schema)` : " with no body"}: ${first.trim()}`,
        where: `${op.operationId}: responses.${status}`,
        checks: [RESPONSE_CHECK, COVERAGE],
      });
    }
    const body = op.requestBody?.content["application/json"]?.schema;
    if (body) {
      const schema = resolve<OpenAPIV3_1.SchemaObject>(spec, body);
      const fields = Object.keys(schema.properties ?? {}).join(", ");
      rows.push({
        rule: `${op.operationId} takes a JSON body {${fields}} as its schema allows (required, types, lengths, formats, no other property) and rejects every other with 400`,
        where: `${op.operationId}: requestBody`,
        checks: [{ file: "request-bodies.test.ts", test: "rejects what its schema forbids" }, { file: "valid-input.test.ts", test: "accepts every" }],
      });
    }
    if (op.apiKeyHeader) {
      rows.push({
        rule: `${op.operationId} needs the account's key in ${op.apiKeyHeader}: none or unknown -> 401, another account's -> 403, and nothing changes`,
        where: `${op.operationId}: security`,
        checks: [{ file: "auth.test.ts", test: "nothing changed" }],
      });
    }
  }
  return rows;
}

const whereText = (where: Where) => ("operationId" in where ? `${where.operationId}: description` : `${where.schema}: description`);

/** The description a prose rule points at, blanks collapsed. */
export function descriptionAt(where: Where): string {
  let text: string | undefined;
  if ("operationId" in where) {
    const op = operations.find((o) => o.operationId === where.operationId);
    const item = op ? resolve<OpenAPIV3_1.PathItemObject>(spec, spec.paths?.[op.path] ?? {}) : undefined;
    text = op ? (item?.[op.method as OpenAPIV3_1.HttpMethods] as OpenAPIV3_1.OperationObject | undefined)?.description : undefined;
  } else text = componentSchema(where.schema).description;
  return (text ?? "").replace(/\s+/g, " ");
}

export function ruleTable(): RuleRow[] {
  return [...proseRules.map((r) => ({ rule: r.rule, where: whereText(r.where), checks: r.checks })), ...derivedRows()];
}

export type CheckResult = "passed" | "failed" | "skipped" | "every answer" | "not run";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
const checkText = (c: Check) => (c.file.startsWith("support/") ? `${c.file} (every answer)` : `${c.file}: "${c.test}"${c.only ? ` (${c.only})` : ""}`);

/** The table in Markdown; with `results`, a column with each row's outcome in this run. */
export function renderRuleTable(rows: RuleRow[], results?: (row: RuleRow) => CheckResult): string {
  const head = results ? ["| # | rule | where in the spec | checked by | this run |", "|---|---|---|---|---|"] : ["| # | rule | where in the spec | checked by |", "|---|---|---|---|"];
  return [
    ...head,
    ...rows.map((r, i) => `| ${i + 1} | ${cell(r.rule)} | ${cell(r.where)} | ${cell(r.checks.map(checkText).join("; "))} |${results ? ` ${results(r)} |` : ""}`),
  ].join("\n");
}
