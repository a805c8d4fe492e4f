// Every rule of the request schemas is enforced, on every operation that takes a JSON body: a body that breaks
// one is answered 400, malformed JSON 400, another media type 415, a body over the documented limit 413, and
// nothing is created or changed. Operations, bodies and limits come from the spec (support/input-cases.ts
// generates the cases from each request schema); an operation the spec gains is covered with no edit here.
import { beforeAll, describe, expect, it } from "vitest";
import type { OpenAPIV3_1 } from "openapi-types";
import { clientFor } from "./support/client.js";
import { createDomain } from "./support/domains.js";
import { expectStatus } from "./support/expect-status.js";
import { completeList, listAccount, type AccountListing } from "./support/look-around.js";
import { invalidBodies, propertiesOf, type BodyCase } from "./support/input-cases.js";
import { contractDomainName, randomToken } from "./support/names.js";
import { ownNames } from "./support/operation-calls.js";
import { maxBodyBytes, operations, requestSchema, type SpecOperation } from "./support/spec.js";
import { sendSpecRequest, specRequest, type SendInit, type SpecRequest } from "./support/spec-requests.js";
import { target } from "./support/target.js";

const who = target.own;
// Why a case is skipped through Prism (CONTRACT_SKIP_MALFORMED_JSON=1, set by `npm run test:contract:prism`).
const PRISM_HANGS = "Prism's proxy never answers a malformed JSON body or a JSON `null` body (it hangs), so the Prism stage leaves these out";
const api = clientFor(who);
const token = randomToken();

/** A property named by the case (`"domain" null`), which the error message should name too. */
const propertyOf = (c: BodyCase) => /^"([^"]+)"/.exec(c.name)?.[1] ?? /required "([^"]+)"/.exec(c.name)?.[1];

/** A raw body through the client: its serializer sends the text as it is, with the given content type. */
const raw = (text: string, contentType = "application/json"): SendInit => ({ bodySerializer: () => text, headers: { "content-type": contentType } });

/**
 * A body of exactly one byte over the operation's documented limit (`x-max-body-bytes` of its 413): `base` with
 * its first free-text property (a string without a pattern) padded so that the JSON sent is `limit + 1` bytes.
 */
function overLimit(op: SpecOperation, base: Record<string, unknown>): { body: Record<string, unknown>; bytes: number; limit: number } {
  const limit = maxBodyBytes(op.operationId);
  const text = propertiesOf(requestSchema(op.operationId)).find(([, s]) => [s.type].flat().includes("string") && s.pattern === undefined)?.[0];
  if (text === undefined) throw new Error(`${op.operationId}'s body has no free-text property to pad past its limit`);
  const frame = Buffer.byteLength(JSON.stringify({ ...base, [text]: "" }));
  const body = { ...base, [text]: "x".repeat(limit + 1 - frame) };
  const bytes = Buffer.byteLength(JSON.stringify(body));
  if (bytes !== limit + 1) throw new Error(`the over-limit body of ${op.operationId} is ${bytes} bytes, not ${limit + 1}`);
  return { body, bytes, limit };
}

for (const op of operations.filter((o) => o.requestBody?.content["application/json"] !== undefined)) {
  const schemaRef = op.requestBody!.content["application/json"]!.schema as OpenAPIV3_1.SchemaObject;
  // The spec's own request, its host names the suite's (a server that wrongly accepts one creates a domain the suite cleans up).
  const base = ownNames(specRequest(op, { accountId: who.accountId, id: "" }).body ?? {}) as Record<string, unknown>;
  const cases = invalidBodies(schemaRef, requestSchema(op.operationId), base, token);
  const tooLarge = overLimit(op, base);
  // A create adds a domain, any other body operation changes the one it names: each test says which it keeps from happening.
  const unchanged = op.parameters.some((p) => p.in === "path" && p.name === "id") ? "domain unchanged" : "nothing created";
  // Prism's proxy (5.14) never answers a PATCH whose JSON body is `null`, as with malformed JSON.
  const hangsPrism = (c: BodyCase) => target.skipMalformedJson && c.body === null && op.method === "patch";

  describe(`${op.method.toUpperCase()} ${op.operationId} rejects what its schema forbids`, () => {
    let request: SpecRequest;
    beforeAll(async () => {
      const id = unchanged === "domain unchanged" ? (await createDomain(api, who, { domain: contractDomainName(), description: "kept as it is" })).id : "";
      request = specRequest(op, { accountId: who.accountId, id });
    });

    /** Sends the case and checks its status; the account, listed in full before and after, must not have changed. */
    async function rejected(status: number, body: unknown, init: SendInit = {}, message?: string): Promise<{ error?: unknown }> {
      const before: AccountListing = await listAccount(api, who);
      const { response, error } = await sendSpecRequest(api, { ...request, body }, init);
      expectStatus(response, status, message);
      expect(completeList(await listAccount(api, who)), `a rejected ${op.operationId} must change nothing`).toEqual(completeList(before));
      return { error };
    }

    for (const c of cases) it.skipIf(hangsPrism(c))(`${c.name} -> 400, ${unchanged}`, { meta: { skipReason: PRISM_HANGS } }, async () => {
      const { error } = await rejected(400, c.body, {}, `body ${JSON.stringify(c.body)?.slice(0, 300)}`);
      const property = propertyOf(c);
      if (property) expect(JSON.stringify((error as { message?: unknown } | undefined)?.message), "the message names the field").toContain(property);
    });

    it.skipIf(target.skipMalformedJson)(`malformed JSON -> 400, ${unchanged}`, { meta: { skipReason: PRISM_HANGS } }, async () => {
      await rejected(400, undefined, raw(JSON.stringify(base).slice(0, -1) + ","));
    });

    it.each(["text/plain", "application/x-www-form-urlencoded"])(`a %s body -> 415, ${unchanged}`, async (type) => {
      const [name] = Object.keys(base);
      await rejected(415, undefined, raw(`${name ?? "x"}=${contractDomainName()}`, type));
    });

    it(`a body over the documented limit (${tooLarge.bytes} bytes, limit ${tooLarge.limit}) -> 413, ${unchanged}`, async () => {
      await rejected(413, tooLarge.body);
    });
  });
}
