// Valid input generated from the request schemas is accepted and stored exactly as sent: the edges the
// schemas allow (null, absent, the longest, characters outside the BMP) and generated unicode and hostnames.
import { beforeAll, describe, expect, it } from "vitest";
import { clientFor } from "./support/client.js";
import { COLLECTION, createDomain, getDomain, ITEM, type CreateBody, type EmailDomain } from "./support/domains.js";
import { accountDomains } from "./support/look-around.js";
import { generatedHostnames, validValues } from "./support/input-cases.js";
import { contractDomainName, randomToken } from "./support/names.js";
import { componentSchema, operation, requestSchema, resolve, spec } from "./support/spec.js";
import { target } from "./support/target.js";
import { expectStatus } from "./support/expect-status.js";

const who = target.own;
const api = clientFor(who);
const token = randomToken();
const createSchema = requestSchema("createEmailDomain");
const createRef = operation("createEmailDomain").requestBody!.content["application/json"]!.schema;

describe("POST createEmailDomain accepts every description its schema allows and stores it exactly", () => {
  for (const v of validValues(createSchema, "description", token)) {
    it(`description ${v.name}`, async () => {
      const body: CreateBody = { domain: contractDomainName() };
      if (!v.absent) body.description = v.value as CreateBody["description"];
      const created = await createDomain(api, who, body);
      // The spec: a missing description is stored as null.
      expect(created.description, "stored exactly").toEqual(v.absent ? null : v.value);
      expect((await getDomain(api, who, created.id)).domain?.description, "stored exactly: a fresh get shows the same").toEqual(created.description);
    });
  }
});

describe("POST createEmailDomain accepts every hostname its schema allows, stored in lower case", () => {
  const names = [
    ...validValues(createSchema, "domain", token).map((v) => ({ name: v.name, value: String(v.value) })),
    ...generatedHostnames(createRef, createSchema, "domain", 4).map((value, i) => ({ name: `generated from the pattern #${i + 1}`, value })),
  ];
  for (const n of names) {
    it(`domain ${n.name}`, async () => {
      const created = await createDomain(api, who, { domain: n.value });
      expect(created.domain, n.value).toBe(n.value.toLowerCase());
      expect((await getDomain(api, who, created.id)).domain?.domain).toBe(created.domain);
    });
  }
});

describe("PATCH updateEmailDomain accepts every description its schema allows and stores it exactly", () => {
  let domain: EmailDomain;
  beforeAll(async () => {
    domain = await createDomain(api, who);
  });
  for (const v of validValues(requestSchema("updateEmailDomain"), "description", token)) {
    it(`description ${v.name}`, async () => {
      const { data, response } = await api.PATCH(ITEM, {
        params: { path: { accountId: who.accountId, id: domain.id } },
        body: { description: v.value as string | null },
      });
      expectStatus(response, 200);
      expect(data?.description, "stored exactly").toEqual(v.value);
      expect(data, "only the description changes").toMatchObject({ id: domain.id, domain: domain.domain, createdAt: domain.createdAt });
      expect((await getDomain(api, who, domain.id)).domain?.description, "stored exactly: a fresh get shows the same").toEqual(v.value);
    });
  }
});

/**
 * The starting values the spec states for a new domain: each EmailDomain property whose schema (through its
 * `$ref`) has a `default`, e.g. tokenVerificationStatus from the TokenVerificationStatus schema.
 */
const documentedDefaults: Record<string, unknown> = Object.fromEntries(
  Object.entries(componentSchema("EmailDomain").properties ?? {})
    .map(([name, schema]) => [name, resolve<{ default?: unknown }>(spec, schema as { default?: unknown }).default] as const)
    .filter(([, value]) => value !== undefined),
);

const attemptCounters = Object.keys(componentSchema("EmailDomain").properties ?? {}).filter((p) => p.endsWith("Attempts"));

describe("the new domain", () => {
  it("starts as the spec describes and appears once in its account", async () => {
    const name = contractDomainName();
    const { data, response } = await api.POST(COLLECTION, { params: { path: { accountId: who.accountId } }, body: { domain: name } });
    expectStatus(response, 201);
    // The spec: a missing description is stored as null; the name as sent (already lower case).
    expect(data).toMatchObject({ domain: name, accountId: who.accountId, description: null, isVerified: false, deactivated: false });
    expect(data?.tokenVerificationStatus, "starts at the TokenVerificationStatus schema's default").toBe(componentSchema("TokenVerificationStatus").default);
    expect(data, "the documented starting values (the schemas' defaults)").toMatchObject(documentedDefaults);
    // createEmailDomain's description: "every attempt counter at 0" (counters named as in the schema).
    expect(data, "every attempt counter starts at 0").toMatchObject(Object.fromEntries(attemptCounters.map((c) => [c, 0])));
    const matching = (await accountDomains(api, who)).filter((d) => d.id === data!.id);
    expect(matching.length, `the account's full list holds ${data!.id} exactly once`).toBe(1);
    expect(matching[0]?.domain).toBe(name);
  });
});
