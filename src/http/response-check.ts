// The mock checks its own responses against the spec before sending them: the status must be documented
// for the operation, and the body valid against that status's schema (or absent when none is documented).
// A violation is never sent as if it were fine: it becomes a loud 500 naming the broken rule.
import type { SpecOperation } from "../spec/operations.js";
import { describeErrors, type SchemaValidators } from "../spec/schema-validator.js";
import type { ValidateFunction } from "ajv";

export class ContractViolation extends Error {
  constructor(readonly operationId: string, readonly status: number, readonly problems: string[]) {
    super(`The mock broke its contract: ${operationId} answered ${status}: ${problems.join("; ")}`);
    this.name = "ContractViolation";
  }
}

export interface ResponseChecker {
  /** Throws ContractViolation when this response is not one the spec documents for the operation. */
  assertDocumented(op: SpecOperation, status: number, body: unknown): void;
}

export function createResponseChecker(operations: SpecOperation[], validators: SchemaValidators): ResponseChecker {
  // Compiled once: operationId -> status -> validator of the JSON body (null: no body documented).
  const table = new Map<string, Map<string, ValidateFunction | null>>();
  for (const op of operations) {
    const byStatus = new Map<string, ValidateFunction | null>();
    for (const [status, response] of Object.entries(op.responses)) {
      const schema = response.content["application/json"]?.schema;
      byStatus.set(status, schema ? validators.compile(schema) : null);
    }
    table.set(op.operationId, byStatus);
  }
  return {
    assertDocumented(op, status, body) {
      const byStatus = table.get(op.operationId);
      const validate = byStatus?.get(String(status));
      if (validate === undefined) {
        throw new ContractViolation(op.operationId, status, [`status ${status} is not documented (documented: ${[...(byStatus?.keys() ?? [])].join(", ")})`]);
      }
      if (validate === null) {
        if (body !== undefined) throw new ContractViolation(op.operationId, status, ["a body was sent where none is documented"]);
        return;
      }
      if (!validate(body)) throw new ContractViolation(op.operationId, status, describeErrors("response body", validate.errors));
    },
  };
}
