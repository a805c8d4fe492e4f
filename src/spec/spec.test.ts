// The contract itself: its examples are valid, every operation documents the statuses of the error
// model, and the input rules accept and reject what they should. Rules are read from the bundled spec.
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { demoSeedFile } from "../seed/load-seed.js";
import { newEmailDomain } from "../domain/domain-rules.js";
import { loadBundledSpec } from "./load-spec.js";
import { listOperations, type OperationId } from "./operations.js";
import { createSchemaValidators } from "./schema-validator.js";

const spec = loadBundledSpec();
const operations = listOperations(spec);
const validators = createSchemaValidators(spec);

describe("the spec's examples", () => {
  const cases = operations.flatMap((op) => [
    ...Object.entries(op.requestBody?.content ?? {}).flatMap(([type, media]) =>
      Object.entries(media.examples).map(([name, value]) => ({ where: `${op.operationId} request ${type} ${name}`, media, value })),
    ),
    ...Object.entries(op.responses).flatMap(([status, response]) =>
      Object.entries(response.content).flatMap(([type, media]) =>
        Object.entries(media.examples).map(([name, value]) => ({ where: `${op.operationId} ${status} ${type} ${name}`, media, value })),
      ),
    ),
  ]);

  it("exist for every request body and every response with a body", () => {
    for (const op of operations) {
      for (const media of Object.values(op.requestBody?.content ?? {})) expect(Object.keys(media.examples).length).toBeGreaterThan(0);
      for (const [status, response] of Object.entries(op.responses)) {
        for (const [type, media] of Object.entries(response.content)) {
          expect(Object.keys(media.examples), `${op.operationId} ${status} ${type}`).not.toHaveLength(0);
        }
      }
    }
  });

  it.each(cases)("$where is valid against its schema", ({ media, value }) => {
    const validate = validators.compile(media.schema);
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  });

  it("of createEmailDomain name no domain of the demo seed, so a tool sending them to a fresh mock gets 201, not 409", () => {
    const seed = JSON.parse(readFileSync(demoSeedFile, "utf8")) as { accounts: Array<{ domains: Array<{ domain: string }> }> };
    const seeded = new Set(seed.accounts.flatMap((a) => a.domains.map((d) => d.domain.toLowerCase())));
    const create = operations.find((op) => op.operationId === "createEmailDomain");
    const names = Object.values(create?.requestBody?.content["application/json"]?.examples ?? {}).map((v) => (v as { domain: string }).domain);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(seeded.has(name.toLowerCase()), name).toBe(false);
  });

  it("of errors carry the status of the response they illustrate", () => {
    for (const op of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        for (const value of Object.values(response.content["application/json"]?.examples ?? {})) {
          expect((value as { statusCode: number }).statusCode, `${op.operationId} ${status}`).toBe(Number(status));
        }
      }
    }
  });
});

describe("the operations", () => {
  // The error model of issue 2: which statuses each operation can return; 503 (store unavailable) from issue 13.
  const expected: Record<OperationId, string[]> = {
    listEmailDomains: ["200", "400", "401", "403", "503"],
    createEmailDomain: ["201", "400", "401", "403", "409", "413", "415", "503"],
    getEmailDomain: ["200", "400", "401", "403", "404", "503"],
    updateEmailDomain: ["200", "400", "401", "403", "404", "413", "415", "503"],
    deleteEmailDomain: ["204", "400", "401", "403", "404", "503"],
    checkEmailDomainDkimStatus: ["200", "400", "401", "403", "404", "503"],
  };

  it("are exactly the six of the contract", () => {
    expect(operations.map((op) => op.operationId).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(operations)("$operationId documents every status it can return, each as JSON except 204", (op) => {
    expect(Object.keys(op.responses).sort()).toEqual(expected[op.operationId].sort());
    for (const [status, response] of Object.entries(op.responses)) {
      expect(Object.keys(response.content), status).toEqual(status === "204" ? [] : ["application/json"]);
    }
  });

  it.each(operations)("$operationId requires the x-api-key scheme", (op) => {
    const scheme = spec.components?.securitySchemes?.["ApiKey"];
    expect(scheme).toMatchObject({ type: "apiKey", in: "header", name: "x-api-key" });
    expect(op.security).toEqual([{ ApiKey: [] }]);
  });

  it("share one response component per error status", () => {
    const path = spec.paths?.["/api/v1/accounts/{accountId}/email-domains/{id}"];
    const refs = Object.entries(path?.patch?.responses ?? {}).filter(([s]) => Number(s) >= 400);
    for (const [, response] of refs) expect(response).toHaveProperty("$ref");
  });
});

describe("the spec's schemas", () => {
  // The mock does not check its schemas against the meta-schema at start (for speed); this does, once.
  const meta = new Ajv2020({ strict: false });
  it.each(Object.entries(spec.components?.schemas ?? {}))("%s is valid JSON Schema 2020-12", (_name, schema) => {
    expect(meta.validateSchema(schema), JSON.stringify(meta.errors)).toBe(true);
  });

  it("a broken schema would be refused by that check", () => {
    expect(meta.validateSchema({ type: "strng" })).toBe(false);
  });
});

describe("the store's new domain", () => {
  it("starts with the token status the spec gives as its default", () => {
    const env = { now: () => new Date(0), newId: () => "d0000000-0000-4000-8000-000000000001", newToken: () => "t" };
    const account = { accountId: env.newId(), organizationId: env.newId(), creatorId: env.newId(), apiKeys: [] };
    const fresh = newEmailDomain(account, { domain: "a.example.com" }, env, { isDefault: true });
    expect(fresh.tokenVerificationStatus).toBe(spec.components?.schemas?.["TokenVerificationStatus"]?.default);
  });
});

describe("the EmailDomain schema", () => {
  const schema = spec.components?.schemas?.["EmailDomain"];
  it("has the 34 fields of the reference, all required", () => {
    expect(Object.keys(schema?.properties ?? {})).toHaveLength(34);
    expect([...(schema?.required ?? [])].sort()).toEqual(Object.keys(schema?.properties ?? {}).sort());
  });
});

describe("the input rules", () => {
  const create = validators.byPointer("#/components/schemas/CreateEmailDomainRequest");
  const update = validators.byPointer("#/components/schemas/UpdateEmailDomainRequest");
  const label63 = "a".repeat(63);
  const longest = [label63, label63, label63, "a".repeat(61)].join("."); // 253 characters

  it.each([
    ["a two-label name", "example.com", true],
    ["the shortest name", "a.b", true],
    ["upper case", "Mail.Example.COM", true],
    ["inner hyphens and digits", "mail-1.x2-y.example", true],
    ["punycode", "xn--bcher-kva.example", true],
    ["a 63-character label", `${label63}.com`, true],
    ["253 characters", longest, true],
    ["a single label", "localhost", false],
    ["an empty string", "", false],
    ["a 64-character label", `${"a".repeat(64)}.com`, false],
    ["254 characters", `${longest}a`, false],
    ["a leading hyphen", "-mail.example.com", false],
    ["a trailing hyphen", "mail-.example.com", false],
    ["an empty label", "mail..example.com", false],
    ["a trailing dot", "example.com.", false],
    ["a space", "exa mple.com", false],
    ["an underscore", "ex_ample.com", false],
    ["a non-ASCII letter", "bücher.example", false],
    ["a Cyrillic homoglyph", "ex\u0430mple.com", false],
    ["a URL", "https://example.com", false],
    ["an all-numeric first label", "123.example.com", true],
    ["digits in a top-level domain with a letter", "example.x1", true],
    ["a punycode top-level domain", "xn--e1afmkfd.xn--p1ai", true],
    ["an IPv4 address", "192.0.2.1", false],
    ["two numeric labels", "0.0", false],
    ["an all-numeric top-level domain", "mail.123", false],
    ["an all-numeric top-level domain with a hyphen", "mail.1-2", false],
    ["a top-level domain starting with a digit", "mail.1a", false],
    ["a 63-character top-level domain", `example.${label63}`, true],
    ["a 64-character top-level domain", `example.${"a".repeat(64)}`, false],
  ])("domain: %s (%j) accepted=%s", (_name, domain, accepted) => {
    expect(create({ domain })).toBe(accepted);
  });

  it.each([
    ["absent", {}, true],
    ["null", { description: null }, true],
    ["empty", { description: "" }, true],
    ["500 characters", { description: "x".repeat(500) }, true],
    ["501 characters", { description: "x".repeat(501) }, false],
    ["a number", { description: 5 }, false],
  ])("create description: %s accepted=%s", (_name, extra, accepted) => {
    expect(create({ domain: "example.com", ...extra })).toBe(accepted);
  });

  it.each([
    ["missing domain", { description: "x" }],
    ["domain null", { domain: null }],
    ["domain a number", { domain: 42 }],
    ["an unknown property", { domain: "example.com", name: "x" }],
  ])("create rejects %s", (_name, body) => {
    expect(create(body)).toBe(false);
  });

  it.each([
    ["a string", { description: "x" }, true],
    ["null", { description: null }, true],
    ["missing", {}, false],
    ["501 characters", { description: "x".repeat(501) }, false],
    ["an unknown property", { description: "x", domain: "example.com" }, false],
  ])("update: %s accepted=%s", (_name, body, accepted) => {
    expect(update(body)).toBe(accepted);
  });
});
