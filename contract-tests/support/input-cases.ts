// Request bodies generated from the spec's request schemas: for every rule a schema states (required,
// type, null, additionalProperties, maxLength, minLength, pattern, the body's own type) a body that breaks
// exactly that rule, and valid bodies at the edges. Ajv over the spec has the last word on every case,
// so nothing here restates a rule; a case the schema does not judge the way it was built for is an error.
import fc from "fast-check";
import type { OpenAPIV3_1 } from "openapi-types";
import { randomToken } from "./names.js";
import { suiteSettings } from "./suite-settings.js";
import { resolve, spec, validators } from "./spec.js";

type Schema = OpenAPIV3_1.SchemaObject;
type Body = Record<string, unknown>;

export interface BodyCase {
  name: string;
  body: unknown;
}

// Fixed by default so test names and cases are stable from run to run; CONTRACT_SEED explores others.
export const SEED = suiteSettings.model.seed;

const typesOf = (schema: Schema): string[] => (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []);

/** One value of each JSON type, to send where the schema expects another. */
const VALUES_BY_TYPE: Record<string, unknown> = { string: "text", number: 42, integer: 42, boolean: true, object: {}, array: [], null: null };

export function propertiesOf(schema: Schema): [string, Schema][] {
  return Object.entries(schema.properties ?? {}).map(([name, s]) => [name, resolve<Schema>(spec, s as Schema)]);
}

/** A hostname-shaped value of exactly `length` characters, built from `contract-<token>` labels. */
export function hostnameOfLength(length: number, token: string): string {
  const tail = `contract-${token}.example.com`;
  let name = tail;
  while (name.length < length) {
    const room = length - name.length - 1; // one for the dot
    if (room <= 0) {
      name = `a${name}`; // grow the first label by one
      continue;
    }
    name = `${"a".repeat(Math.min(room, 50))}.${name}`;
  }
  return name.slice(name.length - length);
}

/** A value of `length` characters that keeps the property's other rules (its pattern, when it has one). */
function valueOfLength(schema: Schema, length: number, token: string): string {
  return schema.pattern ? hostnameOfLength(length, token) : `${token} ${"é".repeat(length)}`.slice(0, length);
}

function assertJudged(validate: (v: unknown) => boolean, c: BodyCase, valid: boolean): BodyCase {
  if (validate(c.body) !== valid) throw new Error(`generated case "${c.name}" is ${valid ? "invalid" : "valid"} by the spec's own schema`);
  return c;
}

/** Strings that almost match `pattern`: valid values with one character inserted, kept when the pattern rejects them. */
function patternBreakers(schema: Schema, valid: string, count: number): string[] {
  const re = new RegExp(schema.pattern!, "u");
  const inserted = fc
    .tuple(fc.nat({ max: valid.length }), fc.constantFrom(" ", "_", ".", "-", "/", "ü", "\u0430", "*", "..", "\n"))
    .map(([at, ch]) => valid.slice(0, at) + ch + valid.slice(at));
  const arb = fc.oneof(inserted, fc.constant(`-${valid}`), fc.constant(`${valid}.`), fc.constant(valid.split(".")[0] ?? "x"));
  const out = new Set<string>();
  for (const v of fc.sample(arb, { numRuns: 200, seed: SEED })) {
    if (!re.test(v)) out.add(v);
    if (out.size >= count) break;
  }
  return [...out];
}

/** Bodies that each break one rule of `schema`, starting from the valid `base`. */
export function invalidBodies(schemaRef: object, schema: Schema, base: Body, token: string): BodyCase[] {
  const validate = validators.compile(schemaRef);
  if (!validate(base)) throw new Error(`the base body ${JSON.stringify(base)} is not valid`);
  const cases: BodyCase[] = [];
  for (const name of schema.required ?? []) {
    const { [name]: _dropped, ...rest } = base;
    cases.push({ name: `missing required "${name}"`, body: rest });
  }
  for (const [name, prop] of propertiesOf(schema)) {
    const allowed = typesOf(prop);
    const wrong = Object.keys(VALUES_BY_TYPE).find((t) => t !== "null" && !allowed.includes(t) && !(t === "integer" && allowed.includes("number")));
    if (wrong) cases.push({ name: `"${name}" of type ${wrong}`, body: { ...base, [name]: VALUES_BY_TYPE[wrong] } });
    if (!allowed.includes("null")) cases.push({ name: `"${name}" null`, body: { ...base, [name]: null } });
    if (prop.maxLength !== undefined) {
      cases.push({ name: `"${name}" longer than ${prop.maxLength}`, body: { ...base, [name]: valueOfLength(prop, prop.maxLength + 1, token) } });
    }
    if (prop.minLength !== undefined && prop.minLength > 0) {
      cases.push({ name: `"${name}" shorter than ${prop.minLength}`, body: { ...base, [name]: "".padEnd(prop.minLength - 1, "a") } });
    }
    if (prop.pattern !== undefined && typeof base[name] === "string") {
      patternBreakers(prop, base[name] as string, 6).forEach((bad, i) => {
        cases.push({ name: `"${name}" breaking the pattern #${i + 1}`, body: { ...base, [name]: bad } });
      });
    }
  }
  if (schema.additionalProperties === false) {
    cases.push({ name: "an unknown property", body: { ...base, [`unknown_${token}`]: "x" } });
  }
  for (const [type, value] of Object.entries(VALUES_BY_TYPE)) {
    if (!typesOf(schema).includes(type) && type !== "integer") cases.push({ name: `a body that is ${type === "null" ? "null" : `a JSON ${type}`}, not an object`, body: value });
  }
  return cases.map((c) => assertJudged(validate, c, false));
}

/** Valid values for a string property: null and absent when allowed, the longest, and generated unicode text. */
export function validValues(schema: Schema, property: string, token: string, generated = 4): { name: string; value: unknown; absent?: true }[] {
  const prop = propertiesOf(schema).find(([n]) => n === property)?.[1];
  if (!prop) throw new Error(`no property ${property}`);
  const out: { name: string; value: unknown; absent?: true }[] = [];
  if (typesOf(prop).includes("null")) out.push({ name: "null", value: null });
  if (!(schema.required ?? []).includes(property)) out.push({ name: "absent", value: undefined, absent: true });
  if (prop.maxLength !== undefined) {
    out.push({ name: `exactly ${prop.maxLength} characters`, value: valueOfLength(prop, prop.maxLength, token) });
    // Characters outside the BMP count once each in JSON Schema, twice in UTF-16.
    if (!prop.pattern) out.push({ name: `${prop.maxLength} astral characters`, value: "😀".repeat(prop.maxLength) });
  }
  if (!prop.pattern) {
    const text = fc.string({ unit: "binary", minLength: 1, maxLength: Math.min(prop.maxLength ?? 80, 80) });
    fc.sample(text, { numRuns: generated, seed: SEED }).forEach((value, i) => out.push({ name: `generated unicode #${i + 1}`, value }));
  }
  return out;
}

/** Hostnames generated from the schema's pattern, each under a `contract-<token>` label, kept when valid. */
export function generatedHostnames(schemaRef: object, schema: Schema, property: string, count: number): string[] {
  const prop = propertiesOf(schema).find(([n]) => n === property)?.[1];
  if (!prop?.pattern) throw new Error(`${property} has no pattern`);
  const validate = validators.compile(schemaRef);
  const out: string[] = [];
  for (const generated of fc.sample(fc.stringMatching(new RegExp(prop.pattern, "u")), { numRuns: count * 10, seed: SEED })) {
    const name = `contract-${randomToken()}.${generated}`;
    if (validate({ [property]: name })) out.push(name);
    if (out.length >= count) break;
  }
  return out;
}
