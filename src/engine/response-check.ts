// The one judge of whether an answer is one the spec documents for an operation: its status is documented,
// its media type is one documented for that status, and it has no body where none is documented, else a
// JSON body valid against the documented schema. Used by the engine on its own answers (a violation becomes
// a loud 500, never a quiet lie), by the contract suite and the host tests on what came over the wire, and
// by the docs page on a try-it answer. It compiles nothing (browser-safe, no eval): it asks the validators
// it is given (precompiled or Ajv) for each response schema, by the same keys the precompiled set is built
// from, so one set serves every caller.
import type { OpenApiDocument } from "../spec/load-spec.js";
import { resolve, type SpecOperation } from "../spec/operations.js";
import { describeErrors } from "../spec/describe-errors.js";
import type { SchemaValidators, ValidateFunction } from "../spec/validator-types.js";
import { createValidationMemo } from "./validation-memo.js";

/** The media type the engine sends its bodies as (JSON is how it serialises them). */
const ENGINE_MEDIA_TYPE = "application/json";

/** An answer as it came over the wire. */
export interface WireAnswer {
  status: number;
  /** The Content-Type header as sent (parameters such as charset do not matter); null when there was none. */
  contentType: string | null;
  /** The body as sent; "" when there was none. */
  text: string;
}

export interface ResponseChecker {
  /** What is wrong with this answer to `op`; empty when the spec documents it. */
  problems(op: SpecOperation, answer: WireAnswer): readonly string[];
  /**
   * Throws ContractViolation when the engine's answer, a body not serialised yet (sent as JSON; undefined:
   * none), is not one the spec documents for the operation.
   */
  assertDocumented(op: SpecOperation, status: number, body: unknown): void;
}

/** The engine's answer broke the spec: what the 500 it becomes says. */
export class ContractViolation extends Error {
  constructor(readonly operationId: string, readonly status: number, readonly problems: string[]) {
    super(`The mock broke its contract: ${operationId} answered ${status}: ${problems.join("; ")}`);
    this.name = "ContractViolation";
  }
}

interface BodyCheck {
  validate: ValidateFunction;
  /** Present for an array of items: each item is checked (and remembered) on its own. */
  items: ValidateFunction | undefined;
  /** The schema's `$ref`, named in messages so a report says which rule of which schema broke. */
  source: string;
}

/** One documented (operation, status): its body check by media type (lower case); empty: no body. */
type DocumentedBodies = Map<string, BodyCheck>;

/** A body schema that is only `{$ref: "#/..."}` is compiled once per target, not once per response using it. */
function compileBodySchema(schema: object, validators: SchemaValidators): ValidateFunction {
  const ref = (schema as { $ref?: unknown }).$ref;
  return typeof ref === "string" && ref.startsWith("#/") && Object.keys(schema).length === 1 ? validators.byPointer(ref) : validators.compile(schema);
}

/** Keywords that say nothing about validity, so an array schema made of `type`, `items` and these is valid when each item is. */
const ANNOTATIONS = new Set(["description", "title", "examples", "example", "$comment", "deprecated", "readOnly", "writeOnly"]);

/** For `{type: "array", items: {$ref}}` (plus annotations): the validator of one item. */
function itemValidator(bodySchema: object, spec: OpenApiDocument, validators: SchemaValidators): ValidateFunction | undefined {
  const schema = resolve<Record<string, unknown>>(spec, bodySchema as Record<string, unknown>);
  if (typeof schema !== "object" || schema === null || schema["type"] !== "array") return undefined;
  if (!Object.keys(schema).every((key) => key === "type" || key === "items" || ANNOTATIONS.has(key))) return undefined;
  const items = schema["items"];
  return typeof items === "object" && items !== null ? compileBodySchema(items, validators) : undefined;
}

function bodyCheck(schema: object, spec: OpenApiDocument, validators: SchemaValidators): BodyCheck {
  const ref = (schema as { $ref?: unknown }).$ref;
  return { validate: compileBodySchema(schema, validators), items: itemValidator(schema, spec, validators), source: typeof ref === "string" ? ref : "the schema" };
}

/** Shared by every answer that passes: the engine checks each of its own, so none allocates. */
const NO_PROBLEMS: readonly string[] = Object.freeze([]);

const mediaTypeOf = (contentType: string | null): string => contentType?.split(";")[0]?.trim().toLowerCase() ?? "";

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

export function createResponseChecker(spec: OpenApiDocument, operations: SpecOperation[], validators: SchemaValidators): ResponseChecker {
  // Compiled once: operationId -> status -> media type -> check of the body.
  const table = new Map<string, Map<string, DocumentedBodies>>();
  for (const op of operations) {
    const byStatus = new Map<string, DocumentedBodies>();
    for (const [status, response] of Object.entries(op.responses)) {
      const bodies: DocumentedBodies = new Map();
      for (const [media, { schema }] of Object.entries(response.content)) bodies.set(media.toLowerCase(), bodyCheck(schema, spec, validators));
      byStatus.set(status, bodies);
    }
    table.set(op.operationId, byStatus);
  }
  const passes = createValidationMemo();

  /** The documented bodies of (op, status), or the problem when the status is not documented. */
  function documentedBodies(op: SpecOperation, status: number): DocumentedBodies | string {
    const byStatus = table.get(op.operationId);
    const bodies = byStatus?.get(String(status));
    return bodies ?? `status ${status} is not documented for ${op.operationId} (documented: ${[...(byStatus?.keys() ?? [])].join(", ")})`;
  }

  const noBodyDocumented = (status: number, text: string) => `status ${status} documents no body, but one was sent: ${text.slice(0, 200)}`;

  const mediaProblem = (status: number, media: string, bodies: DocumentedBodies) =>
    `media type "${media}" is not documented for ${status} (documented: ${[...bodies.keys()].join(", ")})`;

  function schemaProblems({ validate, items, source }: BodyCheck, body: unknown): readonly string[] {
    if (items && Array.isArray(body) ? body.every((item) => passes(items, item)) : passes(validate, body)) return NO_PROBLEMS;
    // The whole body against the whole schema: the same errors, whichever way the body failed.
    return validate(body) ? NO_PROBLEMS : describeErrors("body", validate.errors, source);
  }

  /** problems() for a body the engine has not serialised yet. */
  function bodyProblems(op: SpecOperation, status: number, body: unknown): readonly string[] {
    const bodies = documentedBodies(op, status);
    if (typeof bodies === "string") return [bodies];
    if (bodies.size === 0) return body === undefined ? NO_PROBLEMS : [noBodyDocumented(status, JSON.stringify(body) ?? "")];
    const check = bodies.get(ENGINE_MEDIA_TYPE);
    return check ? schemaProblems(check, body) : [mediaProblem(status, ENGINE_MEDIA_TYPE, bodies)];
  }

  return {
    problems(op, { status, contentType, text }) {
      const bodies = documentedBodies(op, status);
      if (typeof bodies === "string") return [bodies];
      if (bodies.size === 0) return text === "" ? NO_PROBLEMS : [noBodyDocumented(status, text)];
      const media = mediaTypeOf(contentType);
      const check = bodies.get(media);
      if (!check) return [mediaProblem(status, media, bodies)];
      const parsed = parseJson(text);
      if (!parsed.ok) return [`the body is not JSON: ${JSON.stringify(text.slice(0, 200))}`];
      return schemaProblems(check, parsed.value);
    },
    assertDocumented(op, status, body) {
      const problems = bodyProblems(op, status, body);
      if (problems.length > 0) throw new ContractViolation(op.operationId, status, [...problems]);
    },
  };
}
