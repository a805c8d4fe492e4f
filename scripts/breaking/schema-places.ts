// Where each component of a bundled spec is reached from the operations: which operation, request (body or a
// parameter) or response (status), and at which field path. A change inside a shared schema (say an enum
// value added to DnsCheckStatus) is reported by redocly once; the consumers it touches are those that read
// any of the fields where that schema sits (spfCheckStatus and dmarcStatus, in every operation).
import type { RequestPlace } from "../../src/usage/usage-manifest.js";
import { componentOf, get, operations, segments, type Json, type OperationRef } from "./spec-pointer.js";

export interface Place {
  op: OperationRef;
  side: "request" | "response";
  /** request: where it is sent */
  in?: RequestPlace;
  /** response: the status (`200`, `404`, `4XX`, `default`) */
  status?: string;
  /** Property names from the body (or from the parameter's name) down; array items transparent. */
  field: string[];
}

function record(v: Json): Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, Json>) : {};
}

const MAX_DEPTH = 12;

/** Calls `visit(component, field)` for every $ref to a component under `node`, and for nested schemas. */
function walkSchema(spec: Json, node: Json, field: string[], visit: (component: string, field: string[]) => void, depth = 0, seen = new Set<string>()): void {
  const n = record(node);
  if (depth > MAX_DEPTH) return;
  const ref = n["$ref"];
  if (typeof ref === "string" && ref.startsWith("#/components/")) {
    const component = componentOf(ref) ?? ref;
    visit(component, field);
    if (seen.has(`${component}@${field.join(".")}`)) return;
    seen.add(`${component}@${field.join(".")}`);
    walkSchema(spec, get(spec, segments(ref)), field, visit, depth + 1, seen);
    return;
  }
  for (const [name, value] of Object.entries(record(n["properties"]))) walkSchema(spec, value, [...field, name], visit, depth + 1, seen);
  if (n["items"]) walkSchema(spec, n["items"], field, visit, depth + 1, seen);
  for (const key of ["oneOf", "anyOf", "allOf", "prefixItems"]) {
    const list = n[key];
    if (Array.isArray(list)) for (const item of list) walkSchema(spec, item, field, visit, depth + 1, seen);
  }
}

function contentSchemas(node: Json): Json[] {
  return Object.values(record(record(node)["content"])).map((mt) => record(mt)["schema"]);
}

/** Every (component, place) pair of the spec. */
export function componentPlaces(spec: Json): Map<string, Place[]> {
  const places = new Map<string, Place[]>();
  const add = (component: string, place: Place) => {
    const list = places.get(component) ?? [];
    list.push(place);
    places.set(component, list);
  };
  for (const op of operations(spec)) {
    const parameters = [
      ...((get(spec, ["paths", op.path, "parameters"]) as Json[] | undefined) ?? []).map((_, i) => ["paths", op.path, "parameters", String(i)]),
      ...((get(spec, ["paths", op.path, op.method, "parameters"]) as Json[] | undefined) ?? []).map((_, i) => ["paths", op.path, op.method, "parameters", String(i)]),
    ];
    for (const at of parameters) {
      const raw = record(get(spec, at.slice(0, -1)) as Json[] | undefined)[at.at(-1)!];
      const parameter = record(get(spec, at));
      const place: Place = { op, side: "request", in: String(parameter["in"]) as RequestPlace, field: [String(parameter["name"])] };
      const ref = record(raw)["$ref"];
      if (typeof ref === "string") add(componentOf(ref) ?? ref, place);
      walkSchema(spec, parameter["schema"], place.field, (component, field) => add(component, { ...place, field }));
    }
    const operation = record(get(spec, ["paths", op.path, op.method]));
    const bodyRef = record(operation["requestBody"])["$ref"];
    const body: Place = { op, side: "request", in: "body", field: [] };
    if (typeof bodyRef === "string") add(componentOf(bodyRef) ?? bodyRef, body);
    for (const schema of contentSchemas(get(spec, ["paths", op.path, op.method, "requestBody"]))) {
      walkSchema(spec, schema, [], (component, field) => add(component, { ...body, field }));
    }
    for (const [status, response] of Object.entries(record(operation["responses"]))) {
      const place: Place = { op, side: "response", status, field: [] };
      const ref = record(response)["$ref"];
      if (typeof ref === "string") add(componentOf(ref) ?? ref, place);
      for (const schema of contentSchemas(get(spec, ["paths", op.path, op.method, "responses", status]))) {
        walkSchema(spec, schema, [], (component, field) => add(component, { ...place, field }));
      }
    }
  }
  return places;
}

/** Every field path of a schema (array items transparent), parents before children. */
export function schemaFields(spec: Json, node: Json, prefix: string[] = [], depth = 0, seen = new Set<string>()): string[][] {
  const n = record(node);
  if (depth > MAX_DEPTH) return [];
  const ref = n["$ref"];
  if (typeof ref === "string") {
    if (seen.has(ref)) return [];
    return schemaFields(spec, get(spec, segments(ref)), prefix, depth + 1, new Set([...seen, ref]));
  }
  const fields: string[][] = [];
  for (const [name, value] of Object.entries(record(n["properties"]))) {
    fields.push([...prefix, name], ...schemaFields(spec, value, [...prefix, name], depth + 1, seen));
  }
  if (n["items"]) fields.push(...schemaFields(spec, n["items"], prefix, depth + 1, seen));
  for (const key of ["oneOf", "anyOf", "allOf"]) {
    const list = n[key];
    if (Array.isArray(list)) for (const item of list) fields.push(...schemaFields(spec, item, prefix, depth + 1, seen));
  }
  return fields;
}

export { contentSchemas, record };
