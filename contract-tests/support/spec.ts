// The contract as the suite reads it: the bundled spec, its operations and one Ajv set-up, loaded once per
// test worker. Every expectation about shapes, statuses and rules comes from here, never from hand-typed copies.
import type { OpenAPIV3_1 } from "openapi-types";
import { loadBundledSpec } from "../../src/spec/load-spec.js";
import { listOperations, resolve, type OperationId, type SpecOperation } from "../../src/spec/operations.js";
import { createSchemaValidators } from "../../src/spec/schema-validator.js";

export const spec = loadBundledSpec();
export const operations = listOperations(spec);
export const validators = createSchemaValidators(spec);
/** Parameters arrive as text: validated as the server is told to (coerced). */
const parameterValidators = createSchemaValidators(spec, { coerce: true });

/**
 * An Ajv validator (compiled once) of a parameter of an operation, for values as sent in a URL: whether the
 * spec accepts `value` for it.
 */
export function parameterValidator(id: OperationId, name: string): (value: string) => boolean {
  const param = operation(id).parameters.find((p) => p.name === name);
  if (!param?.schema) throw new Error(`${id} has no parameter ${name}`);
  // Wrapped in an object: a `default` only applies (and Ajv only allows it) below the root.
  const validate = parameterValidators.compile({ type: "object", properties: { [name]: param.schema } });
  return (value) => validate({ [name]: value });
}

/** Whether the spec accepts `value` (as sent in a URL) for a parameter of an operation. */
export function parameterAccepts(id: OperationId, name: string, value: string): boolean {
  return parameterValidator(id, name)(value);
}

/** The resolved schema of a parameter of an operation. */
export function parameterSchema(id: OperationId, name: string): OpenAPIV3_1.SchemaObject {
  const param = operation(id).parameters.find((p) => p.name === name);
  if (!param?.schema) throw new Error(`${id} has no parameter ${name}`);
  return resolve<OpenAPIV3_1.SchemaObject>(spec, param.schema);
}

/**
 * The header that carries the API key, from the spec's `apiKey` security scheme (lower case, as Node and
 * `Headers` give header names). Every secured operation must name the same one.
 */
export const API_KEY_HEADER: string = (() => {
  const names = new Set(operations.map((o) => o.apiKeyHeader).filter((h): h is string => h !== undefined));
  const [only] = names;
  if (names.size !== 1 || only === undefined) {
    throw new Error(`the spec's operations should name one API key header, found: ${[...names].join(", ") || "none"}`);
  }
  return only;
})();

/** The documented body limit of an operation (`x-max-body-bytes` of its 413), in bytes. */
export function maxBodyBytes(id: OperationId): number {
  const limit = operation(id).maxBodyBytes;
  if (limit === undefined) throw new Error(`${id} documents no 413 with x-max-body-bytes`);
  return limit;
}

export function operation(id: OperationId): SpecOperation {
  const op = operations.find((o) => o.operationId === id);
  if (!op) throw new Error(`the spec has no operation ${id}`);
  return op;
}

/** The documented operation for a method on a path template, if any. */
export function operationFor(method: string, pathTemplate: string): SpecOperation | undefined {
  const m = method.toLowerCase();
  return operations.find((o) => o.method === m && o.path === pathTemplate);
}

/** Every path template of the spec with the methods it documents. */
export function documentedMethodsByPath(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const op of operations) out.set(op.path, [...(out.get(op.path) ?? []), op.method.toUpperCase()]);
  return out;
}

/** A component schema, `$ref`s resolved at the top level only. */
export function componentSchema(name: string): OpenAPIV3_1.SchemaObject {
  const schema = spec.components?.schemas?.[name];
  if (!schema) throw new Error(`the spec has no schema ${name}`);
  return resolve<OpenAPIV3_1.SchemaObject>(spec, schema);
}

/** The JSON body schema of an operation's request, resolved. */
export function requestSchema(id: OperationId): OpenAPIV3_1.SchemaObject {
  const schema = operation(id).requestBody?.content["application/json"]?.schema;
  if (!schema) throw new Error(`${id} documents no JSON request body`);
  return resolve<OpenAPIV3_1.SchemaObject>(spec, schema);
}

/** The pointer of a `$ref` schema, e.g. `#/components/schemas/EmailDomain`, else undefined. */
export function refOf(schema: unknown): string | undefined {
  const ref = (schema as { $ref?: unknown } | undefined)?.$ref;
  return typeof ref === "string" ? ref : undefined;
}

export { resolve };
export type { OperationId, SpecOperation };
