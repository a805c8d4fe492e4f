// Validates an operation's parameters and body against the spec, with validators compiled once at start.
// Path and query parameters arrive as text and are coerced to their schema types; bodies are not coerced.
import type { OpenAPIV3_1 } from "openapi-types";
import type { SpecOperation } from "../spec/operations.js";
import { describeErrors } from "../spec/describe-errors.js";
import type { SchemaValidators } from "../spec/validator-types.js";
import type { ValidateFunction } from "ajv";
import { httpError } from "./error-catalogue.js";

export interface ValidatedParameters {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
}

export interface RequestValidator {
  /** Throws a 400 naming every parameter that breaks its schema. */
  parameters(path: Record<string, string>, query: Record<string, unknown>): ValidatedParameters;
  /** Throws a 400 naming every rule the body breaks. */
  body(body: unknown): void;
}

function objectSchema(parameters: OpenAPIV3_1.ParameterObject[], location: "path" | "query") {
  const ofKind = parameters.filter((p) => p.in === location);
  return {
    type: "object",
    properties: Object.fromEntries(ofKind.map((p) => [p.name, p.schema ?? {}])),
    required: ofKind.filter((p) => p.required).map((p) => p.name),
  };
}

export function createRequestValidator(
  op: SpecOperation,
  parameterValidators: SchemaValidators,
  bodyValidators: SchemaValidators,
): RequestValidator {
  const pathSchema = objectSchema(op.parameters, "path");
  const querySchema = objectSchema(op.parameters, "query");
  const path = parameterValidators.compile(pathSchema);
  const query = parameterValidators.compile(querySchema);
  // Ajv checks `maximum` and `integer` against the text it coerced from, so "Infinity" or "1e400" passes;
  // the coerced values are therefore checked again, uncoerced.
  const pathStrict = bodyValidators.compile(pathSchema);
  const queryStrict = bodyValidators.compile(querySchema);
  const bodySchema = op.requestBody?.content["application/json"]?.schema;
  const body = bodySchema ? bodyValidators.compile(bodySchema) : undefined;
  return {
    parameters(rawPath, rawQuery) {
      const validated = { path: { ...rawPath }, query: { ...rawQuery } };
      const problems = [
        ...(path(validated.path) ? strictProblems("path", pathStrict, validated.path, rawPath) : describeErrors("path", path.errors)),
        ...(query(validated.query) ? strictProblems("query", queryStrict, validated.query, rawQuery) : describeErrors("query", query.errors)),
      ];
      if (problems.length > 0) throw httpError("invalidParameters", problems);
      return validated;
    },
    body(value) {
      if (body && !body(value)) throw httpError("invalidBody", describeErrors("body", body.errors));
    },
  };
}

/**
 * Problems of coerced parameters: each must still be valid without coercion, and a number must have been
 * written as plain decimal (not "0x10", "1e3", " 5" or "Infinity", which Ajv's coercion lets through).
 */
function strictProblems(where: string, strict: ValidateFunction, coerced: Record<string, unknown>, raw: Record<string, unknown>): string[] {
  // Nothing was coerced (e.g. only string path parameters): the first pass already said everything.
  if (Object.keys(raw).every((name) => coerced[name] === raw[name])) return [];
  const problems = strict(coerced) ? [] : describeErrors(where, strict.errors);
  for (const [name, value] of Object.entries(coerced)) {
    if (typeof value === "number" && name in raw && String(value) !== raw[name]) problems.push(`${where}/${name} must be written as a plain decimal number`);
  }
  return problems;
}
