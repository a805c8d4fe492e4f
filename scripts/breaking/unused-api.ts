// What no given consumer uses, in the working spec: operations none of them calls, response fields none of
// them reads, and optional request properties none of them sends (what a cleanup could remove next). A field
// is used when a manifest reads it, something under it, or every field of something above it.
import type { CallUsage, UsageManifest } from "../../src/usage/usage-manifest.js";
import { contentSchemas, record, schemaFields } from "./schema-places.js";
import { get, operations, type Json, type OperationRef } from "./spec-pointer.js";

export interface UnusedField {
  field: string;
  /** The called operations it appears in; no given consumer uses it in any of them. */
  operations: string[];
}

export interface UnusedApi {
  operations: string[];
  responseFields: UnusedField[];
  requestFields: (UnusedField & { in: string })[];
}

const name = (op: OperationRef) => op.operationId ?? `${op.method.toUpperCase()} ${op.path}`;
const under = (field: string, parent: string): boolean => parent === "" || field === parent || field.startsWith(`${parent}.`);

function readUsed(calls: CallUsage[], field: string): boolean {
  return calls.some((c) => c.reads.some((r) => r.of === "data" && (under(r.field, field) || (r.every === true && under(field, r.field)))));
}

function sentUsed(calls: CallUsage[], place: string, field: string): boolean {
  return calls.some((c) => c.sends.some((s) => s.in === place && (under(s.field, field) || (s.every === true && under(field, s.field)))));
}

/** Fields seen in the called operations, by place and path: where each appears and whether anyone uses it there. */
class FieldTally {
  private readonly seen = new Map<string, { in?: string; field: string; operations: string[]; used: boolean }>();

  note(field: string, op: string, used: boolean, place?: string): void {
    const key = `${place ?? ""} ${field}`;
    const entry = this.seen.get(key) ?? { ...(place ? { in: place } : {}), field, operations: [], used: false };
    if (!entry.operations.includes(op)) entry.operations.push(op);
    entry.used ||= used;
    this.seen.set(key, entry);
  }

  /** The fields nobody uses in any operation, without those under a field already listed. */
  unused(): (UnusedField & { in?: string })[] {
    const list = [...this.seen.values()].filter((e) => !e.used);
    return list
      .filter((e) => !list.some((p) => p !== e && p.in === e.in && e.field.startsWith(`${p.field}.`)))
      .map(({ used: _, ...rest }) => rest);
  }
}

const list = (v: Json): Json[] => (Array.isArray(v) ? v : []);

export function unusedApi(spec: Json, manifests: UsageManifest[]): UnusedApi {
  const result: UnusedApi = { operations: [], responseFields: [], requestFields: [] };
  const responses = new FieldTally();
  const requests = new FieldTally();
  for (const op of operations(spec)) {
    const at = ["paths", op.path, op.method];
    const id = name(op);
    const calls = manifests.flatMap((m) => m.calls).filter((c) => (op.operationId ? c.operationId === op.operationId : c.method === op.method && c.path === op.path));
    if (!calls.length) {
      result.operations.push(id);
      continue;
    }
    for (const status of Object.keys(record(get(spec, [...at, "responses"])))) {
      if (!/^2/.test(status)) continue;
      for (const schema of contentSchemas(get(spec, [...at, "responses", status]))) {
        for (const path of schemaFields(spec, schema)) {
          const field = path.join(".");
          responses.note(field, id, readUsed(calls, field));
        }
      }
    }
    for (const mediaType of Object.keys(record(get(spec, [...at, "requestBody", "content"])))) {
      const schemaAt = [...at, "requestBody", "content", mediaType, "schema"];
      const required = new Set(list(record(get(spec, schemaAt))["required"]).map(String));
      for (const path of schemaFields(spec, get(spec, schemaAt))) {
        const field = path.join(".");
        // A required property is sent by every call that compiles.
        if (path.length === 1 && required.has(field)) continue;
        requests.note(field, id, sentUsed(calls, "body", field), "body");
      }
    }
    const parameters = [
      ...list(get(spec, ["paths", op.path, "parameters"])).map((_, i) => get(spec, ["paths", op.path, "parameters", String(i)])),
      ...list(get(spec, [...at, "parameters"])).map((_, i) => get(spec, [...at, "parameters", String(i)])),
    ].map(record);
    for (const parameter of parameters) {
      const place = String(parameter["in"]);
      const field = String(parameter["name"]);
      if (place === "path" || parameter["required"] === true) continue;
      requests.note(field, id, sentUsed(calls, place, field), place);
    }
  }
  result.responseFields = responses.unused();
  result.requestFields = requests.unused() as UnusedApi["requestFields"];
  return result;
}
