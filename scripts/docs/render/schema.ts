// A schema of the spec as the reader sees it: its type in words and a table of its properties. Every word
// here is read from the schema (type, format, enum, bounds, pattern, default); no rule is written by hand.
import type { OpenAPIV3_1 } from "openapi-types";
import { el, esc, join, schemaAnchor, type Html } from "./html.js";
import { inline, markdown } from "./markdown.js";

type Schema = OpenAPIV3_1.SchemaObject & { $ref?: string };

const refName = (ref: string): string => ref.split("/").pop() ?? ref;

/** Keywords shown as "name: value" beside a type (validation keywords, not annotations). */
const CONSTRAINTS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems", "pattern", "default"] as const;

/** The type of a schema in words, with links to named schemas. */
export function typeOf(schema: Schema | undefined): Html {
  if (!schema) return esc("any");
  if (schema.$ref) return el("a", { href: `#${schemaAnchor(refName(schema.$ref))}` }, esc(refName(schema.$ref)));
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) return join(variants.map((v) => typeOf(v as Schema)), esc(" or "));
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const words = types.map((type): Html => {
    if (type === "array") return join([esc("array of "), typeOf((schema as { items?: Schema }).items)]);
    if (type === "string" && schema.format) return esc(`string (${schema.format})`);
    return esc(type);
  });
  return words.length ? join(words, esc(" or ")) : esc("any");
}

/** Enum values and validation keywords of a schema, as short code items. */
export function constraintsOf(schema: Schema | undefined): Html {
  if (!schema || schema.$ref) return "" as Html;
  const items: Html[] = [];
  if (schema.enum) items.push(join([esc("one of "), join(schema.enum.map((v) => el("code", {}, esc(JSON.stringify(v)))), esc(", "))]));
  for (const key of CONSTRAINTS) {
    const value = (schema as Record<string, unknown>)[key];
    if (value !== undefined) items.push(join([esc(`${key} `), el("code", {}, esc(typeof value === "string" && key === "pattern" ? value : JSON.stringify(value)))]));
  }
  if (schema.additionalProperties === false) items.push(esc("no other properties"));
  return items.length ? el("span", { class: "constraints" }, join(items, esc("; "))) : ("" as Html);
}

/** The table of an object schema's properties (name, type, required, description). */
export function propertiesTable(schema: Schema, caption: string): Html {
  const properties = Object.entries(schema.properties ?? {}) as Array<[string, Schema]>;
  if (!properties.length) return "" as Html;
  const required = new Set(schema.required ?? []);
  const rows = properties.map(([name, prop]) =>
    el(
      "tr",
      {},
      el("th", { scope: "row" }, el("code", {}, esc(name))),
      el("td", {}, typeOf(prop), " " as Html, constraintsOf(prop)),
      el("td", {}, esc(required.has(name) ? "required" : "optional")),
      el("td", {}, inline(prop.description ?? "")),
    ),
  );
  return el(
    "div",
    { class: "table-scroll", tabindex: 0, role: "region", "aria-label": caption },
    el("table", {}, el("caption", {}, esc(caption)), el("thead", {}, el("tr", {}, el("th", { scope: "col" }, esc("Property")), el("th", { scope: "col" }, esc("Type")), el("th", { scope: "col" }, esc("Required")), el("th", { scope: "col" }, esc("Description")))), el("tbody", {}, ...rows)),
  );
}

/** One named schema of components/schemas: its description, type, constraints and properties. */
export function schemaSection(name: string, schema: Schema): Html {
  return el(
    "section",
    { id: schemaAnchor(name), class: "schema", "aria-labelledby": `${schemaAnchor(name)}-h` },
    el("h3", { id: `${schemaAnchor(name)}-h` }, esc(name)),
    el("p", {}, esc("Type: "), typeOf(schema), " " as Html, constraintsOf(schema)),
    schema.description ? el("div", { class: "prose" }, markdown(schema.description)) : false,
    propertiesTable(schema, `Properties of ${name}`),
  );
}
