// Turns a change of `redocly diff` into words a reviewer reads: where (operation, request or response,
// field), what changed, and why it breaks this kit's consumers or not. Consumers are frontends that
// compile against the openapi-typescript types and the openapi-fetch client, and servers tested by the
// contract suite; the "why" texts say what happens to them.
import type { DiffChange, DiffVerdict } from "./redocly-diff.js";
import { get, METHODS, segments, type Json } from "./spec-pointer.js";

export type Direction = "request" | "response" | "other";

export function directionOf(pointer: string): Direction {
  const segs = segments(pointer);
  if (segs.includes("responses")) return "response";
  if (segs.includes("requestBody") || segs.includes("parameters")) return "request";
  return "other";
}

function text(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

function parameterLabel(param: Json): string {
  const p = (param ?? {}) as Record<string, unknown>;
  const name = text(p["name"]) ?? "?";
  return `parameter \`${name}\` (${text(p["in"]) ?? "?"}${p["required"] === true ? ", required" : ""})`;
}

/** A readable location: `POST /api/... (createEmailDomain) › request body › application/json › description`. */
export function describeLocation(pointer: string, specs: Json[]): string {
  const segs = segments(pointer);
  const lookup = (at: string[]): Json => specs.map((s) => get(s, at)).find((v) => v !== undefined);
  const parts: string[] = [];
  let i = 0;
  if (segs[0] === "paths" && segs[1] !== undefined) {
    const method = segs[2];
    if (method && (METHODS as readonly string[]).includes(method)) {
      const op = lookup(segs.slice(0, 3)) as Record<string, unknown> | undefined;
      const id = text(op?.["operationId"]);
      parts.push(`${method.toUpperCase()} ${segs[1]}${id ? ` (${id})` : ""}`);
      i = 3;
    } else {
      parts.push(`path ${segs[1]}`);
      i = 2;
    }
  } else if (segs[0] === "components" && segs[1] && segs[2]) {
    const kinds: Record<string, string> = { securitySchemes: "security scheme", schemas: "schema", examples: "example", parameters: "parameter", responses: "response" };
    parts.push(`${kinds[segs[1]] ?? `component ${segs[1]}`} \`${segs[2]}\``);
    i = 3;
  } else if (segs[0] === "info") {
    parts.push("info");
    i = 1;
  } else if (segs[0] === "security") {
    parts.push("security requirement of the whole API");
    i = 2;
  } else if (segs[0] === "servers" && segs[1]) {
    const server = lookup(segs.slice(0, 2)) as Record<string, unknown> | undefined;
    parts.push(`server ${text(server?.["url"]) ?? segs[1]}`);
    i = 2;
  }
  let field: string[] | undefined; // inside a schema: the property path, e.g. [].dkimAttempts
  while (i < segs.length) {
    const s = segs[i] as string;
    const next = segs[i + 1];
    if (field) {
      if ((s === "properties" || s === "patternProperties") && next !== undefined) {
        field.push(field.length ? `.${next}` : next);
        i += 2;
      } else if (s === "items") {
        field.push("[]");
        i += 1;
      } else if (["oneOf", "anyOf", "allOf", "prefixItems"].includes(s) && next !== undefined) {
        field.push(`(${s}[${next}])`);
        i += 2;
      } else {
        field.push(` ${s}`);
        i += 1;
      }
      continue;
    }
    if (s === "requestBody") {
      parts.push("request body");
      i += 1;
    } else if (s === "responses" && next !== undefined) {
      parts.push(`response ${next}`);
      i += 2;
    } else if (s === "content" && next !== undefined) {
      parts.push(next);
      i += 2;
    } else if (s === "parameters" && next !== undefined) {
      parts.push(parameterLabel(lookup(segs.slice(0, i + 2))));
      i += 2;
    } else if (s === "headers" && next !== undefined) {
      parts.push(`header \`${next}\``);
      i += 2;
    } else if (s === "schema") {
      field = [];
      i += 1;
    } else {
      parts.push(`\`${s}\``);
      i += 1;
    }
  }
  const fieldPath = field?.join("").trim();
  if (fieldPath === "[]") parts.push("each item");
  else if (fieldPath) parts.push(`field \`${fieldPath}\``);
  else if (field) parts.push("schema");
  return parts.length ? parts.join(" › ") : pointer;
}

// Why each rule of diff-recommended breaks a consumer, by the side of the exchange it is on.
const WHY: Record<string, Partial<Record<Direction, string>> & { other?: string }> = {
  "property-removed": {
    response: "clients that read the field get `undefined`; its generated type loses the property, so code that reads it stops compiling",
    request: "clients that send the property are rejected (bodies allow no unknown properties) and the generated request type loses it",
  },
  "required-properties-removed": {
    response: "the field may now be absent: the generated type makes it optional, so code that uses it without a check stops compiling or fails at run time",
  },
  "required-properties-added": {
    request: "requests without the property, valid until now, are rejected; the generated request type requires it, so existing calls stop compiling",
    response: "the generated type changes the property from optional to required",
  },
  "schema-type-changed": {
    response: "clients receive values of a type they were not promised (e.g. `null` where a number was documented) and the generated type changes",
    request: "requests valid until now are rejected; the generated request type changes",
  },
  "schema-constraint-changed": {
    request: "requests valid until now (e.g. a longer text) are rejected with 400",
    response: "responses may hold values outside what clients were promised and validate against",
  },
  "enum-values-added": {
    response: "clients meet a value they do not know (an exhaustive `switch` over the generated union no longer covers it)",
    request: "the generated union of the request changes",
  },
  "enum-values-removed": {
    request: "requests that send the removed value are rejected; the generated union loses it, so code that sends it stops compiling",
    response: "the generated union of the response changes",
  },
  "operation-removed": { other: "calls to the operation fail, and the generated client loses the method, so code that calls it stops compiling" },
  "path-removed": { other: "calls to every operation of the path fail, and the generated client loses the path, so code that calls it stops compiling" },
  "operation-id-changed": {
    other: "openapi-typescript names the operation's types after its operationId (`operations[\"…\"]`), so every type derived from it is renamed and code that names it stops compiling",
  },
  "parameter-removed": { request: "the generated parameters type loses it, so code that passes it stops compiling, and servers stop honouring it" },
  "parameter-became-required": { request: "requests without it, valid until now, are rejected; the generated parameters type requires it" },
  "parameter-serialization-changed": { request: "clients serialise the parameter the old way and the server reads it differently" },
  "request-body-removed": { request: "clients that send the body send something the operation no longer takes" },
  "request-body-became-required": { request: "requests without a body, valid until now, are rejected" },
  "response-removed": {
    response: "clients that branch on the documented status no longer see it, and the generated response types under that status disappear",
  },
  "response-header-removed": { response: "clients that read the header get nothing" },
  "media-type-removed": {
    request: "clients that send this media type are rejected (415)",
    response: "clients that parse this media type get another one",
  },
  "security-requirement-changed": { other: "clients must send other credentials than they do today, so their requests are refused (401)" },
  "security-scheme-changed": {
    other: "clients send the key where the server no longer reads it (the generated `API_KEY_HEADER` of the typed client changes), so every request gets 401",
  },
  "server-removed": { other: "clients configured with that server's URL lose it" },
  "schema-combinator-changed": { other: "values valid under the old combination of schemas may no longer be, and the generated type changes" },
};

export function whyBreaking(verdict: DiffVerdict, pointer: string): string {
  const why = WHY[verdict.ruleId];
  const direction = directionOf(pointer);
  return why?.[direction] ?? why?.other ?? Object.values(why ?? {})[0] ?? `redocly diff rates \`${verdict.ruleId}\` a breaking (major) change`;
}

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? "nothing";
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** What a change without a verdict (minor or patch) did, from its kind, type and values. */
export function whatChanged(change: DiffChange, location: string): string {
  const subject = change.typeName.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  const last = location.split(" › ").pop() ?? location;
  const named = last.startsWith("field") || last.toLowerCase().startsWith(subject);
  if (change.kind === "added" || change.kind === "removed") return named ? `${last} ${change.kind}` : `${subject} ${change.kind}: ${last}`;
  const [before, after] = [change.base?.value, change.revision?.value];
  if (change.property && typeof before === "string" && typeof after === "string" && before.length + after.length > 60) {
    return `\`${change.property}\` reworded (${before.length} -> ${after.length} characters)`;
  }
  if (change.property) return `\`${change.property}\` changed from ${short(before)} to ${short(after)}`;
  return `${subject} ${change.kind}`;
}

export function whyNotBreaking(change: DiffChange): string {
  return change.impact === "minor"
    ? "additive: every request valid until now is still valid, and every response field clients read is still there (redocly: minor)"
    : "nothing a client sends or reads today becomes invalid, and responses keep their shape (redocly: patch)";
}
