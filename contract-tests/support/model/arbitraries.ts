// The step specs fast-check draws: every operation the spec documents, with valid and invalid input, across
// both accounts. What a step may carry is read from the operation: a domain id when its path names one, each
// query parameter from its schema (values it accepts, and values it refuses, checked against it), a body from
// its request schema property by property (host names this run owns where the schema takes a host name; texts
// at and past a `maxLength`; `null` where allowed; enum members; a required property left out; an unknown
// one). An operation the spec gains is drawn and judged with no edit here. Failure labels are the mock's
// documented way to make a check fail (README).
import fc from "fast-check";
import type { OpenAPIV3_1 } from "openapi-types";
import { FAILURE_LABELS, STAYS_PENDING_LABEL } from "../../../src/domain/verification-simulation.js";
import type { SpecOperation } from "../../../src/spec/operations.js";
import { operations, parameterAccepts, resolve, spec, validators } from "../spec.js";
import { onOneDomain, onlyReads, roles } from "../spec-roles.js";
import { freshName } from "./call-resolver.js";
import type { AccountSlot, BodySpec, FieldSpec, IdRef, StepSpec, Who } from "./steps.js";

type Schema = OpenAPIV3_1.SchemaObject;
type Weighted<T> = { weight: number; arbitrary: fc.Arbitrary<T> };

/** Out of about 19 for the other steps: about one call in seven deletes a default or a pre-existing domain. */
const DELETE_EXISTING_WEIGHT = 3;
const LABELS = [...Object.keys(FAILURE_LABELS), STAYS_PENDING_LABEL];
/** Host names some schemas refuse: each property that takes host names gets those its own schema refuses. */
const NOT_HOST_NAMES = ["not a host", "-contract.example.com", "192.0.2.1", "contract..example.com", "contract.example.com."];
/** Values of a query parameter as sent that some schemas refuse: each parameter gets those its schema refuses. */
const NOT_NUMBERS = ["-1", "1.5", "abc"];

const typesOf = (s: Schema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);
const rarely = fc.oneof({ weight: 12, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });

/**
 * How often each operation is drawn, by what it does: creates most (the other steps need domains), writes on
 * a domain next, the list, then reads and deletes of one domain.
 */
function weightOf(op: SpecOperation): number {
  if (op.operationId === roles.create) return 5;
  if (op.operationId === roles.remove || op.operationId === roles.get) return 2;
  if (op.operationId === roles.list) return 3;
  return 4;
}

/** The kinds of value one body property takes, from its schema. */
function fieldArbitrary(owner: string, name: string, raw: Schema, required: boolean): fc.Arbitrary<FieldSpec> {
  const s = resolve<Schema>(spec, raw);
  const validate = validators.compile(s);
  const types = typesOf(s);
  const options: Weighted<FieldSpec>[] = [];
  if (!required) options.push({ weight: 2, arbitrary: fc.constant<FieldSpec>({ kind: "absent" }) });
  if (types.includes("null")) options.push({ weight: 2, arbitrary: fc.constant<FieldSpec>({ kind: "null" }) });
  if (s.enum !== undefined) {
    options.push({ weight: 6, arbitrary: fc.constantFrom(...s.enum).map((value): FieldSpec => ({ kind: "value", value })) });
  } else if (types.includes("string") && validate(freshName("0123456789ab", 0)) && NOT_HOST_NAMES.some((n) => !validate(n))) {
    // It takes host names (and refuses some other texts): names this run owns, names of its domains again (the
    // uniqueness rule), and names it refuses.
    const refused = NOT_HOST_NAMES.filter((n) => !validate(n));
    options.push(
      { weight: 6, arbitrary: fc.record({ kind: fc.constant("fresh" as const), slot: fc.nat({ max: 3 }), label: fc.option(fc.constantFrom(...LABELS), { freq: 2, nil: undefined }) }) },
      { weight: 4, arbitrary: fc.record({ kind: fc.constant("reuse" as const), index: fc.nat({ max: 7 }), upper: fc.boolean() }) },
      { weight: 1, arbitrary: fc.constantFrom(...refused).map((value): FieldSpec => ({ kind: "value", value })) },
    );
  } else if (types.includes("string") && s.pattern === undefined) {
    options.push({ weight: 4, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }).map((value): FieldSpec => ({ kind: "text", value })) });
    if (s.maxLength !== undefined) options.push({ weight: 1, arbitrary: fc.constantFrom(s.maxLength, s.maxLength + 1).map((length): FieldSpec => ({ kind: "length", length })) });
  } else if (types.includes("string")) {
    options.push({ weight: 6, arbitrary: fc.stringMatching(new RegExp(s.pattern!)).map((value): FieldSpec => ({ kind: "value", value })) });
  } else if (types.includes("boolean")) {
    options.push({ weight: 6, arbitrary: fc.boolean().map((value): FieldSpec => ({ kind: "value", value })) });
  } else if (types.includes("integer") || types.includes("number")) {
    const min = s.minimum ?? 0;
    options.push({ weight: 6, arbitrary: fc.integer({ min, max: Math.min(s.maximum ?? min + 8, min + 8) }).map((value): FieldSpec => ({ kind: "value", value })) });
  } else if (!types.includes("null") || types.length > 1) {
    throw new Error(`the model stage cannot draw ${owner}'s body property ${name} (${JSON.stringify(s.type)}): teach contract-tests/support/model/arbitraries.ts its kind`);
  }
  // A value of the wrong type, rarely: a number for a text, a text for anything else.
  const wrong = types.includes("string") ? 42 : "not the documented type";
  if (!validate(wrong)) options.push({ weight: 1, arbitrary: fc.constant<FieldSpec>({ kind: "value", value: wrong }) });
  return fc.oneof(...options);
}

/** The body of an operation that takes one, drawn from its request schema. */
function bodyArbitrary(op: SpecOperation): fc.Arbitrary<BodySpec> | undefined {
  const media = op.requestBody?.content["application/json"];
  if (!media) return undefined;
  const schema = resolve<Schema>(spec, media.schema);
  const required = new Set(schema.required ?? []);
  const fields = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, s]) => [name, fieldArbitrary(op.operationId, name, s as Schema, required.has(name))]));
  const missing = fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: required.size > 0 ? 1 : 0, arbitrary: fc.constantFrom(...required, "") });
  return fc.record({ fields: fc.record(fields), missing, extra: schema.additionalProperties === false ? rarely : fc.constant(false) }).map(({ fields, missing, extra }): BodySpec => {
    if (!missing) return { fields, extra };
    const { [missing]: _left, ...rest } = fields;
    return { fields: rest, missing, extra };
  });
}

/** Whether a step's body is one its request schema accepts (host names of the run stand in as fresh ones); true without a body. */
export function isValidBody(step: StepSpec): boolean {
  if (!step.body) return true;
  if (step.body.missing || step.body.extra) return false;
  const media = operations.find((op) => op.operationId === step.op)?.requestBody?.content["application/json"];
  if (!media) return true;
  const value = (f: FieldSpec): unknown =>
    f.kind === "fresh" || f.kind === "reuse" ? freshName("0123456789ab", 0) : f.kind === "null" ? null : f.kind === "length" ? "é".repeat(f.length) : f.kind === "absent" ? undefined : f.value;
  const body = Object.fromEntries(Object.entries(step.body.fields).filter(([, f]) => f.kind !== "absent").map(([name, f]) => [name, value(f)]));
  return bodyValidator(step.op, media.schema)(body);
}
const compiled = new Map<string, (value: unknown) => boolean>();
const bodyValidator = (op: string, schema: Schema) => {
  let v = compiled.get(op);
  if (!v) compiled.set(op, (v = validators.compile(schema) as (value: unknown) => boolean));
  return v;
};

/** The query parameters of an operation, each as sent: values its schema accepts (mostly), or refuses. */
function queryArbitrary(op: SpecOperation): fc.Arbitrary<Record<string, string | number>> | undefined {
  const params = op.parameters.filter((p) => p.in === "query");
  if (params.length === 0) return undefined;
  const each = params.map((p) => {
    const s = resolve<Schema>(spec, p.schema as Schema);
    const refused = NOT_NUMBERS.filter((v) => !parameterAccepts(op.operationId, p.name, v));
    const accepted: fc.Arbitrary<string | number> =
      s.enum !== undefined ? fc.constantFrom(...s.enum.map(String)) : typesOf(s).includes("integer") ? fc.nat({ max: 8 }).map((n) => n + (s.minimum ?? 0)) : fc.string({ maxLength: 8 });
    const options: Weighted<string | number | undefined>[] = [{ weight: 6, arbitrary: accepted }];
    if (refused.length > 0) options.push({ weight: 1, arbitrary: fc.constantFrom(...refused) });
    if (!p.required) options.push({ weight: 1, arbitrary: fc.constant(undefined) });
    return fc.oneof(...options).map((value) => [p.name, value] as const);
  });
  return fc.tuple(...each).map((pairs) => Object.fromEntries(pairs.filter((pair): pair is readonly [string, string | number] => pair[1] !== undefined)));
}

/**
 * `deleteExisting` (CONTRACT_MODEL_DELETE_EXISTING=1) adds deletes of the path account's default or of a domain
 * it held before the run: then accounts lose their default and empty, and the rules "the first domain becomes
 * the default" and "the oldest remaining domain inherits the default" are reached on accounts that start with
 * data (the demo accounts: A holds five domains, B one). Without it no step names a domain the run did not make.
 */
export function stepArbitrary(hasOther: boolean, deleteExisting = false): fc.Arbitrary<StepSpec> {
  const account: fc.Arbitrary<AccountSlot> = hasOther ? fc.constantFrom<AccountSlot>("own", "own", "own", "other") : fc.constant("own");
  const who: fc.Arbitrary<Who> = fc.oneof(
    { weight: 14, arbitrary: fc.constant<Who>("owner") },
    { weight: hasOther ? 1 : 0, arbitrary: fc.constant<Who>("otherKey") },
    { weight: 1, arbitrary: fc.constantFrom<Who>("noKey", "unknownKey") },
  );
  const id = (reads: boolean): fc.Arbitrary<IdRef> =>
    fc.oneof(
      { weight: 10, arbitrary: fc.record({ kind: fc.constant("created" as const), index: fc.nat({ max: 7 }), foreign: hasOther ? fc.nat({ max: 4 }).map((n) => n === 0) : fc.constant(false) }) },
      { weight: reads ? 2 : 0, arbitrary: fc.record({ kind: fc.constant("seen" as const), index: fc.nat({ max: 15 }) }) },
      { weight: 1, arbitrary: fc.constant<IdRef>({ kind: "unknown" }) },
      { weight: 1, arbitrary: fc.constantFrom("not-a-uuid", "12345").map((value): IdRef => ({ kind: "malformed", value })) },
    );
  const existing: fc.Arbitrary<IdRef> = fc.oneof(
    { weight: 3, arbitrary: fc.constant<IdRef>({ kind: "default" }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("existing" as const), index: fc.nat({ max: 7 }) }) },
  );

  const stepOf = (op: SpecOperation, ids: fc.Arbitrary<IdRef> | undefined): fc.Arbitrary<StepSpec> => {
    const [query, body] = [queryArbitrary(op), bodyArbitrary(op)];
    return fc.record({
      op: fc.constant(op.operationId),
      account,
      who,
      ...(ids ? { id: ids } : {}),
      ...(query ? { query } : {}),
      ...(body ? { body } : {}),
    }) as fc.Arbitrary<StepSpec>;
  };
  const steps = operations.map((op) => ({ weight: weightOf(op), arbitrary: stepOf(op, onOneDomain(op) ? id(onlyReads(op)) : undefined) }));
  const remove = operations.find((op) => op.operationId === roles.remove)!;
  const deletesExisting = deleteExisting ? [{ weight: DELETE_EXISTING_WEIGHT, arbitrary: stepOf(remove, existing) }] : [];
  return fc.oneof(...deletesExisting, ...steps);
}
