// What a change of the spec touches, in the terms a usage manifest records: a whole operation (every call of
// it breaks), a status told apart, a request property sent, or a response property read. Read from the change's
// JSON pointer (and, for a change inside a shared component, from every place the component is reached).
// Where the pointer says nothing narrower, the whole operation is the target: a consumer is never let off
// because the gate could not place a change.
import type { RequestPlace } from "../../src/usage/usage-manifest.js";
import type { Change } from "./gate.js";
import { componentPlaces, record, type Place } from "./schema-places.js";
import { get, METHODS, operations, segments, toPointer, type Json, type OperationRef } from "./spec-pointer.js";

export type Target =
  | { op: OperationRef; kind: "operation" }
  | { op: OperationRef; kind: "status"; status: string }
  | { op: OperationRef; kind: "request"; in: RequestPlace; field: string }
  | { op: OperationRef; kind: "response"; status: string; field: string };

/** Rules whose change breaks every call of the operations it is on, whatever the call sends or reads. */
const EVERY_CALL = new Set([
  "operation-removed",
  "path-removed",
  "operation-id-changed",
  "parameter-became-required",
  "request-body-became-required",
  "request-body-removed",
  "security-requirement-changed",
  "security-scheme-changed",
  "server-removed",
  "path-template-renamed",
  "generated-type-removed",
]);

interface Specs {
  base: Json;
  revision: Json;
}

/** `properties/a/items/properties/b/enum` -> { field: [a, b], rest: [enum] } */
function schemaPath(segs: string[]): { field: string[]; rest: string[] } {
  const field: string[] = [];
  let i = 0;
  while (i < segs.length) {
    const s = segs[i]!;
    if ((s === "properties" || s === "patternProperties") && segs[i + 1] !== undefined) {
      field.push(segs[i + 1]!);
      i += 2;
    } else if (s === "items" || s === "schema") {
      i += 1;
    } else if (["oneOf", "anyOf", "allOf", "prefixItems"].includes(s) && segs[i + 1] !== undefined) {
      i += 2;
    } else if (s === "content" && segs[i + 1] !== undefined) {
      i += 2;
    } else {
      break;
    }
  }
  return { field, rest: segs.slice(i) };
}

/** The properties a `required-properties-*` change added to or removed from `required` at `schemaAt`. */
function requiredDiff(specs: Specs, schemaAt: string[], rule: string): string[] {
  const list = (spec: Json) => {
    const r = record(get(spec, schemaAt))["required"];
    return Array.isArray(r) ? r.map(String) : [];
  };
  const [before, after] = [list(specs.base), list(specs.revision)];
  return rule.endsWith("-removed") ? before.filter((n) => !after.includes(n)) : after.filter((n) => !before.includes(n));
}

/** Targets of a change at `segs` below a place (an operation's body, parameter or response). */
function atPlace(place: Place, segs: string[], rule: string, specs: Specs, schemaAt: string[]): Target[] {
  const { op } = place;
  const { field: below, rest } = schemaPath(segs);
  const field = [...place.field, ...below];
  if (place.side === "request") {
    if (place.in === "path") return [{ op, kind: "operation" }];
    if (rest[0] === "required" || rule.startsWith("required-properties-")) {
      if (rule === "required-properties-added") return [{ op, kind: "operation" }];
      return requiredDiff(specs, schemaAt, rule).map((name) => ({ op, kind: "request", in: place.in!, field: [...field, name].join(".") }));
    }
    if (place.in === "body" && field.length === 0) return [{ op, kind: "operation" }];
    return [{ op, kind: "request", in: place.in!, field: field.join(".") }];
  }
  const status = place.status!;
  if (rest[0] === "required" || rule.startsWith("required-properties-")) {
    return requiredDiff(specs, schemaAt, rule).map((name) => ({ op, kind: "response", status, field: [...field, name].join(".") }));
  }
  if (field.length === 0 && segs.length === 0) return [{ op, kind: "status", status }];
  if (rest[0] === "headers") return [{ op, kind: "status", status }];
  return [{ op, kind: "response", status, field: field.join(".") }];
}

function opAt(spec: Json, path: string, method: string | undefined): OperationRef[] {
  return operations(spec).filter((op) => op.path === path && (method === undefined || op.method === method));
}

/** The segments of the schema a `required` change is about: the pointer itself, without a trailing `required`. */
function schemaOf(segs: string[]): string[] {
  return segs.at(-1) === "required" ? segs.slice(0, -1) : segs;
}

function inOperation(op: OperationRef, rest: string[], rule: string, specs: Specs, origin: string[]): Target[] {
  const [first, second] = rest;
  if (first === "parameters" && second !== undefined) {
    const at = [...origin.slice(0, origin.length - rest.length), "parameters", second];
    const parameter = record(get(specs.base, at) ?? get(specs.revision, at));
    const place: Place = { op, side: "request", in: String(parameter["in"]) as RequestPlace, field: [String(parameter["name"])] };
    return atPlace(place, rest.slice(3), rule, specs, schemaOf(origin));
  }
  if (first === "requestBody") return atPlace({ op, side: "request", in: "body", field: [] }, rest.slice(1), rule, specs, schemaOf(origin));
  if (first === "responses" && second !== undefined) return atPlace({ op, side: "response", status: second, field: [] }, rest.slice(2), rule, specs, schemaOf(origin));
  return [{ op, kind: "operation" }];
}

export function targetsOf(change: Change, specs: Specs, places = componentPlaces(specs.base)): Target[] {
  const rule = change.rule.replace(/^(redocly|kit)\//, "");
  const pointerSegs = segments(change.pointer);
  const method = (METHODS as readonly string[]).includes(pointerSegs[2] ?? "") ? pointerSegs[2] : undefined;
  const onPointer = pointerSegs[0] === "paths" && pointerSegs[1] ? opAt(specs.base, pointerSegs[1], method) : [];
  const named = operations(specs.base).filter((op) => op.operationId !== undefined && change.usedBy?.includes(op.operationId));
  const ops = [...new Set([...onPointer, ...named])];
  const origin = segments(change.definedAt ?? change.pointer);
  // A component's change without an operation named: the operations that reach it (else, all of them).
  const reaching = origin[0] === "components" && origin[2] !== undefined ? (places.get(toPointer(origin.slice(0, 3))) ?? []).map((p) => p.op) : [];
  const everyOperation = () => {
    const concerned = ops.length ? ops : reaching.length ? [...new Map(reaching.map((op) => [`${op.method} ${op.path}`, op])).values()] : operations(specs.base);
    return concerned.map((op): Target => ({ op, kind: "operation" }));
  };
  if (EVERY_CALL.has(rule)) return everyOperation();

  if (origin[0] === "paths" && origin[1] !== undefined) {
    const at = (METHODS as readonly string[]).includes(origin[2] ?? "") ? origin[2] : undefined;
    const found = opAt(specs.base, origin[1], at);
    if (!at) return found.flatMap((op) => (origin[2] === "parameters" ? inOperation(op, origin.slice(2), rule, specs, origin) : [{ op, kind: "operation" as const }]));
    return found.flatMap((op) => inOperation(op, origin.slice(3), rule, specs, origin));
  }
  if (origin[0] === "components" && origin[2] !== undefined) {
    const component = toPointer(origin.slice(0, 3));
    const reached = places.get(component) ?? [];
    if (!reached.length) return everyOperation();
    return reached.flatMap((place) => atPlace(place, origin.slice(3), rule, specs, schemaOf(origin)));
  }
  return everyOperation();
}
