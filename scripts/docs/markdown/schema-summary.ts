// A schema in words for the Markdown pages: its type in one short phrase, and the rows of a field table
// (name, type, required, description), reading through local $refs. Works on the bundled spec.
import type { OpenAPIV3_1 } from "openapi-types";
import type { OpenApiDocument } from "../../../src/spec/load-spec.js";
import { resolve } from "../../../src/spec/operations.js";

type Schema = OpenAPIV3_1.SchemaObject | OpenAPIV3_1.ReferenceObject;

/** `#/components/schemas/EmailDomain` -> `EmailDomain`. */
export function refName(schema: Schema | undefined): string | undefined {
  return schema && "$ref" in schema ? schema.$ref.split("/").pop() : undefined;
}

export function typePhrase(spec: OpenApiDocument, schema: Schema | undefined): string {
  if (!schema) return "any";
  const named = refName(schema);
  const s = resolve<OpenAPIV3_1.SchemaObject>(spec, schema);
  const types = (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []).filter((t) => t !== "null");
  const nullable = Array.isArray(s.type) && s.type.includes("null");
  let phrase: string;
  if (s.enum) phrase = s.enum.map((v) => `\`${JSON.stringify(v)}\``).join(" | ");
  else if (types.includes("array")) phrase = `array of ${typePhrase(spec, (s as OpenAPIV3_1.ArraySchemaObject).items)}`;
  else if (s.oneOf || s.anyOf) phrase = (s.oneOf ?? s.anyOf ?? []).map((sub) => typePhrase(spec, sub)).join(" or ");
  else phrase = types.length ? types.join(" or ") : "any";
  if (s.format) phrase += ` (${s.format})`;
  if (named && !s.enum && types.includes("object")) phrase = `\`${named}\` object`;
  else if (named) phrase = `\`${named}\`: ${phrase}`;
  return nullable && !s.enum?.includes(null) ? `${phrase} or null` : phrase;
}

export interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  description: string;
  rules: string;
}

const RULES: Array<keyof OpenAPIV3_1.SchemaObject> = ["minimum", "maximum", "minLength", "maxLength", "pattern", "default"];

/** One row per property of an object schema (after its $ref), in the spec's order. */
export function fieldRows(spec: OpenApiDocument, schema: Schema | undefined): FieldRow[] {
  if (!schema) return [];
  const s = resolve<OpenAPIV3_1.SchemaObject>(spec, schema);
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).map(([name, raw]) => {
    const prop = resolve<OpenAPIV3_1.SchemaObject>(spec, raw as Schema);
    const rules = RULES.filter((k) => prop[k] !== undefined).map((k) => `\`${String(k)}: ${JSON.stringify(prop[k])}\``);
    return { name, type: typePhrase(spec, raw as Schema), required: required.has(name), description: prop.description ?? "", rules: rules.join(", ") };
  });
}
