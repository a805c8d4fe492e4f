// describeErrors turns Ajv's errors into lines a UI can show; the wording of a rule comes from the spec.
import { describe, expect, it } from "vitest";
import { loadBundledSpec } from "./load-spec.js";
import { createSchemaValidators, describeErrors, ERROR_MESSAGE_KEYWORD } from "./schema-validator.js";

const spec = loadBundledSpec();
const validators = createSchemaValidators(spec);
const schemas = spec.components?.schemas ?? {};

/** The lines describeErrors gives for `value` against the spec's schema `name`. */
function problems(name: string, value: unknown, where = "body"): string[] {
  const validate = validators.byPointer(`#/components/schemas/${name}`);
  expect(validate(value)).toBe(false);
  return describeErrors(where, validate.errors);
}

describe("describeErrors", () => {
  it("says what the Hostname schema's x-error-message says for a broken pattern, not the regular expression", () => {
    const text = (schemas["Hostname"] as Record<string, unknown>)[ERROR_MESSAGE_KEYWORD];
    expect(typeof text).toBe("string");
    const lines = problems("CreateEmailDomainRequest", { domain: "not a host" });
    expect(lines).toEqual([`body/domain ${String(text)}`]);
    expect(lines.join()).not.toContain(String(schemas["Hostname"]?.pattern));
  });

  it("falls back to the pattern for a schema without x-error-message", () => {
    const own = createSchemaValidators(spec).compile({ type: "string", pattern: "^a+$" });
    expect(own("b")).toBe(false);
    expect(describeErrors("query/q", own.errors)).toEqual(['query/q must match pattern "^a+$"']);
  });

  it("lists the allowed values of an enum, as the spec orders them", () => {
    const allowed = schemas["DkimStatus"]?.enum ?? [];
    expect(allowed.length).toBeGreaterThan(1);
    expect(problems("DkimStatus", "pending", "body/dkimStatus")).toEqual([
      `body/dkimStatus must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`,
    ]);
  });

  it("names the field of a missing, extra or mistyped property", () => {
    expect(problems("CreateEmailDomainRequest", { description: 5, name: "x" }).sort()).toEqual(
      ['body must have required property "domain"', 'body must NOT have additional property "name"', "body/description must be string or null"].sort(),
    );
  });
});

describe("the x-error-message keyword", () => {
  it("is accepted by Ajv's strict mode as an annotation that validates nothing", () => {
    const fn = createSchemaValidators(spec).compile({ type: "string", [ERROR_MESSAGE_KEYWORD]: "must be short" });
    expect(fn("anything")).toBe(true);
  });
});
