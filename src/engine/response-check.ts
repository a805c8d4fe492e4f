// The mock checks its own responses against the spec before sending them: the status must be documented
// for the operation, and the body valid against that status's schema (or absent when none is documented).
// A violation is never sent as if it were fine: it becomes a loud 500 naming the broken rule.
import type { OpenApiDocument } from "../spec/load-spec.js";
import { resolve, type SpecOperation } from "../spec/operations.js";
import { describeErrors } from "../spec/describe-errors.js";
import type { SchemaValidators } from "../spec/validator-types.js";
import { isDeepFrozen } from "../storage/deep-freeze.js";
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

/** A body schema that is only `{$ref: "#/..."}` is compiled once per target, not once per response using it. */
function compileBodySchema(schema: object, validators: SchemaValidators): ValidateFunction {
  const ref = (schema as { $ref?: unknown }).$ref;
  return typeof ref === "string" && ref.startsWith("#/") && Object.keys(schema).length === 1 ? validators.byPointer(ref) : validators.compile(schema);
}

/** Keywords that say nothing about validity, so an array schema made of `type`, `items` and these is valid when each item is. */
const ANNOTATIONS = new Set(["description", "title", "examples", "example", "$comment", "deprecated", "readOnly", "writeOnly"]);

/** For `{type: "array", items: {$ref}}` (plus annotations): the validator of one item. */
function itemValidator(bodySchema: object, spec: OpenApiDocument, validators: SchemaValidators): ValidateFunction | undefined {
  const schema = resolve<Record<string, unknown>>(spec, bodySchema as Record<string, unknown>);
  if (typeof schema !== "object" || schema === null || schema["type"] !== "array") return undefined;
  if (!Object.keys(schema).every((key) => key === "type" || key === "items" || ANNOTATIONS.has(key))) return undefined;
  const items = schema["items"];
  return typeof items === "object" && items !== null ? compileBodySchema(items, validators) : undefined;
}

interface BodyCheck {
  validate: ValidateFunction;
  /** Present for an array of items: each item is checked (and remembered) on its own. */
  items: ValidateFunction | undefined;
}

export function createResponseChecker(spec: OpenApiDocument, operations: SpecOperation[], validators: SchemaValidators): ResponseChecker {
  // Compiled once: operationId -> status -> check of the JSON body (null: no body documented).
  const table = new Map<string, Map<string, BodyCheck | null>>();
  for (const op of operations) {
    const byStatus = new Map<string, BodyCheck | null>();
    for (const [status, response] of Object.entries(op.responses)) {
      const schema = response.content["application/json"]?.schema;
      const validate = schema ? compileBodySchema(schema, validators) : undefined;
      byStatus.set(status, validate ? { validate, items: itemValidator(schema!, spec, validators) } : null);
    }
    table.set(op.operationId, byStatus);
  }
  // Validation has no side effects (no coercion, no defaults), so a deep-frozen value that passed a
  // validator once passes it again: stored domains are checked once, not on every GET and list page.
  const passed = new WeakMap<ValidateFunction, WeakSet<object>>();
  const passes = (validate: ValidateFunction, value: unknown): boolean => {
    if (typeof value !== "object" || value === null || !Object.isFrozen(value)) return validate(value) as boolean;
    let seen = passed.get(validate);
    // Only deep-frozen values are remembered, and freezing cannot be undone: a hit needs no new walk.
    if (seen?.has(value)) return true;
    if (!validate(value)) return false;
    if (!isDeepFrozen(value)) return true;
    if (!seen) passed.set(validate, (seen = new WeakSet()));
    seen.add(value);
    return true;
  };
  const known = ({ validate, items }: BodyCheck, body: unknown): boolean => {
    if (items && Array.isArray(body)) return body.every((item) => passes(items, item));
    return passes(validate, body);
  };
  return {
    assertDocumented(op, status, body) {
      const byStatus = table.get(op.operationId);
      const check = byStatus?.get(String(status));
      if (check === undefined) {
        throw new ContractViolation(op.operationId, status, [`status ${status} is not documented (documented: ${[...(byStatus?.keys() ?? [])].join(", ")})`]);
      }
      if (check === null) {
        if (body !== undefined) throw new ContractViolation(op.operationId, status, ["a body was sent where none is documented"]);
        return;
      }
      if (known(check, body)) return;
      // The whole body against the whole schema: the same errors, whichever way the body failed.
      const { validate } = check;
      if (!validate(body)) throw new ContractViolation(op.operationId, status, describeErrors("response body", validate.errors));
    },
  };
}
