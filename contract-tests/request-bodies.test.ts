// Every rule of the request schemas is enforced: a body that breaks one is answered 400 and nothing is
// created or changed. Cases are generated from the spec's schemas (support/input-cases.ts), not retyped.
import { beforeAll, describe, expect, it } from "vitest";
import { clientFor } from "./support/client.js";
import { COLLECTION, createDomain, getDomain, ITEM, type CreateBody, type EmailDomain, type UpdateBody } from "./support/domains.js";
import { completeList, listAccount, type AccountListing } from "./support/look-around.js";
import { invalidBodies, type BodyCase } from "./support/input-cases.js";
import { contractDomainName, randomToken } from "./support/names.js";
import { maxBodyBytes, operation, requestSchema, type OperationId } from "./support/spec.js";
import { target } from "./support/target.js";
import { expectStatus } from "./support/expect-status.js";

const who = target.own;
// Why a case is skipped through Prism (CONTRACT_SKIP_MALFORMED_JSON=1, set by `npm run test:contract:prism`).
const PRISM_HANGS = "Prism's proxy never answers a malformed JSON body or a JSON `null` body (it hangs), so the Prism stage leaves these out";
const api = clientFor(who);
const collection = { path: { accountId: who.accountId } };
const token = randomToken();

const createRef = operation("createEmailDomain").requestBody!.content["application/json"]!.schema;
const updateRef = operation("updateEmailDomain").requestBody!.content["application/json"]!.schema;
const createCases = invalidBodies(createRef, requestSchema("createEmailDomain"), { domain: contractDomainName(), description: `contract ${token}` }, token);
const updateCases = invalidBodies(updateRef, requestSchema("updateEmailDomain"), { description: `contract ${token}` }, token);

/** A property named by the case (`"domain" null`), which the error message should name too. */
const propertyOf = (c: BodyCase) => /^"([^"]+)"/.exec(c.name)?.[1] ?? /required "([^"]+)"/.exec(c.name)?.[1];

/** The account before a request; read in full afterwards, when the status has been checked. */
const idsOfAccount = (): Promise<AccountListing> => listAccount(api, who);

async function expectNothingCreated(listing: AccountListing): Promise<void> {
  const before = new Set(completeList(listing).map((d) => d.id));
  const added = completeList(await idsOfAccount()).map((d) => d.id).filter((id) => !before.has(id));
  expect(added, "a rejected create must not create anything").toEqual([]);
}

/** A raw body through the client: its serializer sends the text as it is, with the given content type. */
const raw = (text: string, contentType = "application/json") => ({
  body: {} as never,
  bodySerializer: () => text,
  headers: { "content-type": contentType },
});

/**
 * A body of exactly one byte over the operation's documented limit (`x-max-body-bytes` of its 413): `base`
 * with a description padded so that the JSON the client sends is `limit + 1` bytes long.
 */
function overLimit<T extends Record<string, unknown>>(id: OperationId, base: T): { body: T & { description: string }; bytes: number; limit: number } {
  const limit = maxBodyBytes(id);
  const frame = Buffer.byteLength(JSON.stringify({ ...base, description: "" }));
  const body = { ...base, description: "x".repeat(limit + 1 - frame) };
  const bytes = Buffer.byteLength(JSON.stringify(body));
  if (bytes !== limit + 1) throw new Error(`the over-limit body of ${id} is ${bytes} bytes, not ${limit + 1}`);
  return { body, bytes, limit };
}
const createOverLimit = overLimit("createEmailDomain", { domain: contractDomainName() });
const updateOverLimit = overLimit("updateEmailDomain", {});

describe("POST createEmailDomain rejects what its schema forbids", () => {
  for (const c of createCases) it(`${c.name} -> 400, nothing created`, async () => {
    const before = await idsOfAccount();
    const { response, error } = await api.POST(COLLECTION, { params: collection, body: c.body as CreateBody });
    expectStatus(response, 400, `body ${JSON.stringify(c.body)?.slice(0, 300)}`);
    const property = propertyOf(c);
    if (property) expect(JSON.stringify(error?.message), "the message names the field").toContain(property);
    await expectNothingCreated(before);
  });

  it.skipIf(target.skipMalformedJson)("malformed JSON -> 400, nothing created", { meta: { skipReason: PRISM_HANGS } }, async () => {
    const before = await idsOfAccount();
    const { response } = await api.POST(COLLECTION, { params: collection, ...raw(`{"domain": "${contractDomainName()}",`) });
    expectStatus(response, 400);
    await expectNothingCreated(before);
  });

  it.each(["text/plain", "application/x-www-form-urlencoded"])("a %s body -> 415, nothing created", async (type) => {
    const before = await idsOfAccount();
    const { response } = await api.POST(COLLECTION, { params: collection, ...raw(`domain=${contractDomainName()}`, type) });
    expectStatus(response, 415);
    await expectNothingCreated(before);
  });

  it(`a body over the documented limit (${createOverLimit.bytes} bytes, limit ${createOverLimit.limit}) -> 413, nothing created`, async () => {
    const before = await idsOfAccount();
    const { response } = await api.POST(COLLECTION, { params: collection, body: createOverLimit.body });
    expectStatus(response, 413);
    await expectNothingCreated(before);
  });
});

describe("PATCH updateEmailDomain rejects what its schema forbids", () => {
  let domain: EmailDomain;
  beforeAll(async () => {
    domain = await createDomain(api, who, { domain: contractDomainName(), description: "kept as it is" });
  });

  async function expectUnchanged(): Promise<void> {
    const now = await getDomain(api, who, domain.id);
    expectStatus(now.response, 200);
    expect(now.domain, "a rejected update must change nothing").toEqual(domain);
  }
  const item = () => ({ path: { accountId: who.accountId, id: domain.id } });

  // Prism's proxy (5.14) never answers a PATCH whose JSON body is `null`, as with malformed JSON.
  const hangsPrism = (c: BodyCase) => target.skipMalformedJson && c.body === null;
  for (const c of updateCases) it.skipIf(hangsPrism(c))(`${c.name} -> 400, domain unchanged`, { meta: { skipReason: PRISM_HANGS } }, async () => {
    const { response, error } = await api.PATCH(ITEM, { params: item(), body: c.body as UpdateBody });
    expectStatus(response, 400, `body ${JSON.stringify(c.body)?.slice(0, 300)}`);
    const property = propertyOf(c);
    if (property) expect(JSON.stringify(error?.message), "the message names the field").toContain(property);
    await expectUnchanged();
  });

  it.skipIf(target.skipMalformedJson)("malformed JSON -> 400, domain unchanged", { meta: { skipReason: PRISM_HANGS } }, async () => {
    const { response } = await api.PATCH(ITEM, { params: item(), ...raw('{"description": "half') });
    expectStatus(response, 400);
    await expectUnchanged();
  });

  it("a text/plain body -> 415, domain unchanged", async () => {
    const { response } = await api.PATCH(ITEM, { params: item(), ...raw("description=changed", "text/plain") });
    expectStatus(response, 415);
    await expectUnchanged();
  });

  it(`a body over the documented limit (${updateOverLimit.bytes} bytes, limit ${updateOverLimit.limit}) -> 413, domain unchanged`, async () => {
    const { response } = await api.PATCH(ITEM, { params: item(), body: updateOverLimit.body });
    expectStatus(response, 413);
    await expectUnchanged();
  });
});
