// The one response checker on answers as they came over the wire (what the contract suite, the host tests
// and the docs page hand it): each broken rule gets the words the suite prints and its mutants are matched
// by, and the precompiled validators give the same verdicts as Ajv compiling the spec at run time.
import { describe, expect, it } from "vitest";
import { apiSpec } from "../generated/embedded.js";
import { listOperations, type SpecOperation } from "../spec/operations.js";
import { createSchemaValidators } from "../spec/schema-validator.js";
import { precompiledEngineValidators } from "./precompiled-engine-validators.js";
import { createResponseChecker, type WireAnswer } from "./response-check.js";

const operations = listOperations(apiSpec);
const op = (id: string): SpecOperation => operations.find((o) => o.operationId === id)!;
const checkers = {
  precompiled: createResponseChecker(apiSpec, operations, precompiledEngineValidators.api),
  "compiled at run time": createResponseChecker(apiSpec, operations, createSchemaValidators(apiSpec)),
};
const JSON_TYPE = "application/json; charset=utf-8";
const error404 = JSON.stringify({ statusCode: 404, error: "Not Found", message: ["Email domain x not found"] });

describe.each(Object.entries(checkers))("the response checker (validators %s)", (_name, checker) => {
  it.each<[string, string, WireAnswer]>([
    ["a documented error", "getEmailDomain", { status: 404, contentType: JSON_TYPE, text: error404 }],
    ["an empty page", "listEmailDomains", { status: 200, contentType: "Application/JSON", text: "[]" }],
    ["a 204 without a body or a media type", "deleteEmailDomain", { status: 204, contentType: null, text: "" }],
  ])("accepts %s", (_what, id, answer) => {
    expect(checker.problems(op(id), answer)).toEqual([]);
  });

  it.each<[string, string, WireAnswer, RegExp]>([
    ["an undocumented status", "createEmailDomain", { status: 200, contentType: JSON_TYPE, text: "{}" }, /^status 200 is not documented for createEmailDomain \(documented: 201, /],
    ["a body where none is documented", "deleteEmailDomain", { status: 204, contentType: JSON_TYPE, text: "{}" }, /^status 204 documents no body, but one was sent: \{\}$/],
    ["an undocumented media type", "getEmailDomain", { status: 404, contentType: "text/plain", text: error404 }, /^media type "text\/plain" is not documented for 404/],
    ["a body that is not JSON", "getEmailDomain", { status: 404, contentType: JSON_TYPE, text: "{oops" }, /^the body is not JSON: "\{oops"$/],
    ["a body that breaks the schema", "getEmailDomain", { status: 404, contentType: JSON_TYPE, text: "{}" },
      /^body must have required property "statusCode" \[#\/components\/schemas\/Error: rule "required" at #\/required\]$/],
  ])("refuses %s, saying so", (_what, id, answer, message) => {
    expect(checker.problems(op(id), answer)[0]).toMatch(message);
  });
});
