// Which domain a request means: a duplicate name (in any letter case) is a 409, an id nobody has is a 404,
// and an id that is not a UUID (per the parameter's schema) is a 400.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { clientFor } from "./support/client.js";
import { COLLECTION, createDomain, type EmailDomain } from "./support/domains.js";
import { accountDomains } from "./support/look-around.js";
import { contractDomainName } from "./support/names.js";
import { callOperation } from "./support/operation-calls.js";
import { operations, parameterAccepts } from "./support/spec.js";
import { target } from "./support/target.js";
import { expectStatus } from "./support/expect-status.js";

const who = target.own;
const api = clientFor(who);

/** Ids the id parameter's schema rejects: a valid UUID with one thing wrong, kept when the schema says so. */
function malformedIds(): string[] {
  const uuid = randomUUID();
  const candidates = [uuid.slice(1), `${uuid}0`, uuid.replace(/-/g, ""), uuid.replace(/^./, "g"), "not-a-uuid", "12345"];
  return candidates.filter((c) => !parameterAccepts("getEmailDomain", "id", c));
}

// Every operation on one domain (a path parameter besides the account's), from the spec, called by id.
const byId = Object.fromEntries(
  operations.filter((op) => op.parameters.filter((p) => p.in === "path").length > 1).map((op) => [op.operationId, (id: string) => callOperation(api, op.operationId, who.accountId, id)]),
);

describe("POST createEmailDomain with a name the account already has", () => {
  let existing: EmailDomain;
  beforeAll(async () => {
    existing = await createDomain(api, who);
  });

  it.each([
    ["the same name", (n: string) => n],
    ["the name in upper case", (n: string) => n.toUpperCase()],
  ])("%s -> 409, and the account still holds it once", async (_label, variant) => {
    const { response } = await api.POST(COLLECTION, { params: { path: { accountId: who.accountId } }, body: { domain: variant(existing.domain) } });
    expectStatus(response, 409);
    const same = (await accountDomains(api, who)).filter((d) => d.domain.toLowerCase() === existing.domain.toLowerCase());
    expect(same.map((d) => d.id)).toEqual([existing.id]);
  });
});

describe("an id that no domain has", () => {
  it.each(Object.keys(byId))("%s -> 404", async (what) => {
    const { response } = await byId[what]!(randomUUID());
    expectStatus(response, 404);
  });
});

describe("an id that is not a UUID", () => {
  const ids = malformedIds();
  it("has cases generated from the parameter's schema", () => expect(ids.length).toBeGreaterThan(2));
  for (const what of Object.keys(byId)) {
    it.each(ids)(`${what} %j -> 400`, async (id) => {
      const { response } = await byId[what]!(id);
      expectStatus(response, 400);
    });
  }
  it("an accountId that is not a UUID -> 400 for list and create", async () => {
    const accountId = malformedIds()[0]!;
    expectStatus((await api.GET(COLLECTION, { params: { path: { accountId } } })).response, 400);
    expectStatus((await api.POST(COLLECTION, { params: { path: { accountId } }, body: { domain: contractDomainName() } })).response, 400);
  });
});
