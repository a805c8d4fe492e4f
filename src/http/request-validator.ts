// Validates an operation's parameters and body against the spec, with validators compiled once at start.
// Path and query parameters arrive as text and are coerced to their schema types; bodies are not coerced.
import type { OpenAPIV3_1 } from "openapi-types";
import type { SpecOperation } from "../spec/operations.js";
import { describeErrors, type SchemaValidators } from "../spec/schema-validator.js";
import { HttpError } from "./errors.js";

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
  const path = parameterValidators.compile(objectSchema(op.parameters, "path"));
  const query = parameterValidators.compile(objectSchema(op.parameters, "query"));
  const bodySchema = op.requestBody?.content["application/json"]?.schema;
  const body = bodySchema ? bodyValidators.compile(bodySchema) : undefined;
  return {
    parameters(rawPath, rawQuery) {
      const validated = { path: { ...rawPath }, query: { ...rawQuery } };
      const problems = [
        ...(path(validated.path) ? [] : describeErrors("path", path.errors)),
        ...(query(validated.query) ? [] : describeErrors("query", query.errors)),
      ];
      if (problems.length > 0) throw new HttpError(400, problems);
      return validated;
    },
    body(value) {
      if (body && !body(value)) throw new HttpError(400, describeErrors("body", body.errors));
    },
  };
}
