// What the spec lets a reproduction check of one answer with sh and grep: the operation a call hits, the
// top-level properties its documented answer requires (type and enum, from the schema), and the properties
// that echo the request (named like a path parameter or a request body property).
import type { OpenAPIV3_1 } from "openapi-types";
import { createRouter } from "../../../src/engine/router.js";
import { operations, resolve, spec, type SpecOperation } from "../spec.js";
import type { FieldShape, JsonType } from "./format.js";

const router = createRouter(operations.map((op) => ({ method: op.method, path: op.path, route: op })));

/** The documented operation of a call, or undefined (an undocumented path or method). */
export function operationOfCall(method: string, path: string): SpecOperation | undefined {
  try {
    return router.match(method, path.replace(/\?.*$/, "")).route;
  } catch {
    return undefined;
  }
}

const JSON_TYPES: Record<string, JsonType> = { string: "string", number: "number", integer: "number", boolean: "boolean", null: "null", object: "object", array: "array" };

/** The JSON types (and string enum) a schema allows, when it says so plainly; undefined when it does not. */
function shapeOf(node: OpenAPIV3_1.SchemaObject | OpenAPIV3_1.ReferenceObject): Omit<FieldShape, "name"> | undefined {
  const schema = resolve<OpenAPIV3_1.SchemaObject>(spec, node);
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) {
    const parts = alternatives.map(shapeOf);
    if (parts.some((p) => p === undefined)) return undefined;
    const types = [...new Set(parts.flatMap((p) => p!.types))];
    const enums = parts.filter((p) => p!.types.includes("string")).map((p) => p!.enum);
    const merged = enums.every((e) => e !== undefined) && enums.length > 0 ? [...new Set(enums.flat() as string[])] : undefined;
    return { types, ...(merged ? { enum: merged } : {}) };
  }
  const declared = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  const types = declared.map((t) => JSON_TYPES[t]).filter((t): t is JsonType => t !== undefined);
  if (types.length === 0) return undefined;
  const values = schema.enum ?? (schema.const !== undefined ? [schema.const] : undefined);
  const strings = values?.filter((v): v is string => typeof v === "string");
  return { types, ...(strings && strings.length > 0 ? { enum: strings } : {}) };
}

/**
 * The required top-level properties of the documented JSON answer of (operation, status), as shapes: of the
 * object, or of each element of an array of objects (a list answer).
 */
export function answerShape(op: SpecOperation, status: number): FieldShape[] {
  const media = op.responses[String(status)]?.content["application/json"];
  if (!media) return [];
  let schema = resolve<OpenAPIV3_1.SchemaObject>(spec, media.schema);
  if (schema.type === "array" && schema.items) schema = resolve<OpenAPIV3_1.SchemaObject>(spec, schema.items);
  if (schema.type !== "object" || !schema.properties) return [];
  const shapes: FieldShape[] = [];
  for (const name of schema.required ?? []) {
    const property = schema.properties[name];
    const shape = property ? shapeOf(property) : undefined;
    if (shape) shapes.push({ name, ...shape });
  }
  return shapes;
}

/** Names of answer properties that echo what the request said: path parameters and request body properties. */
export function echoedNames(op: SpecOperation): string[] {
  const names = op.parameters.filter((p) => p.in === "path").map((p) => p.name);
  const body = op.requestBody?.content["application/json"]?.schema;
  if (body) names.push(...Object.keys(resolve<OpenAPIV3_1.SchemaObject>(spec, body).properties ?? {}));
  return [...new Set(names)];
}

/**
 * The only top-level properties the documented JSON answer of (operation, status) may have, when its schema
 * (or, for an array, its items' schema) is closed (`additionalProperties: false`); undefined otherwise.
 */
export function closedFields(op: SpecOperation, status: number): string[] | undefined {
  const media = op.responses[String(status)]?.content["application/json"];
  if (!media) return undefined;
  let schema = resolve<OpenAPIV3_1.SchemaObject>(spec, media.schema);
  if (schema.type === "array" && schema.items) schema = resolve<OpenAPIV3_1.SchemaObject>(spec, schema.items);
  return schema.type === "object" && schema.additionalProperties === false && schema.properties ? Object.keys(schema.properties) : undefined;
}
