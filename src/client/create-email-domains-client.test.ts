// The typed client against an in-process mock: every method returns the documented data, and every
// failure rejects with EmailDomainsApiError carrying the server's {statusCode, error, message}.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBundledSpec } from "../spec/load-spec.js";
import { listOperations } from "../spec/operations.js";
import { ERROR_MESSAGE_KEYWORD } from "../spec/schema-validator.js";
import { startMock, type RunningMock } from "../hosts/node/start-mock.js";
import { DEMO_A, DEMO_B, DEMO_B_DOMAIN_ID } from "../../test-support/demo-api.js";
import { createEmailDomainsClient, EmailDomainsApiError, type EmailDomainsClient } from "./index.js";

let mock: RunningMock;
let client: EmailDomainsClient;
beforeAll(async () => {
  mock = await startMock({ port: 0 });
  client = createEmailDomainsClient({ baseUrl: mock.url, apiKey: DEMO_A.apiKey });
});
afterAll(() => mock?.close());

/** The rejection of `promise`, which must be an EmailDomainsApiError. */
async function apiError(promise: Promise<unknown>): Promise<EmailDomainsApiError> {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EmailDomainsApiError);
  return err as EmailDomainsApiError;
}

describe("createEmailDomainsClient", () => {
  it("walks a domain through create, get, update, checkDkimStatus and remove", async () => {
    const a = DEMO_A.accountId;
    const created = await client.create(a, { domain: "Client.Example-Walk.com" });
    expect(created).toMatchObject({ domain: "client.example-walk.com", description: null, accountId: a });

    expect(await client.get(a, created.id)).toEqual(created);
    expect((await client.update(a, created.id, { description: "Receipts" })).description).toBe("Receipts");
    const checked = await client.checkDkimStatus(a, created.id);
    expect(checked.dkimAttempts).toBe(1);
    expect((await client.list(a)).map((d) => d.id)).toContain(created.id);

    await expect(client.remove(a, created.id)).resolves.toBeUndefined();
    const gone = await apiError(client.get(a, created.id));
    expect([gone.statusCode, gone.error]).toEqual([404, "Not Found"]);
  });

  it("has a method for every operation of the spec, keyed by its operationId", () => {
    const missing = listOperations(loadBundledSpec()).filter((op) => typeof client[op.operationId] !== "function");
    expect(missing.map((op) => op.operationId)).toEqual([]);
  });

  it("answers the same by operationId: create, get, update, check and delete", async () => {
    const path = { accountId: DEMO_A.accountId };
    const created = await client.createEmailDomain({ path, body: { domain: "by-id.example-walk.com" } });
    const item = { ...path, id: created.id };
    expect(await client.getEmailDomain({ path: item })).toEqual(created);
    expect((await client.updateEmailDomain({ path: item, body: { description: "x" } })).description).toBe("x");
    expect((await client.checkEmailDomainDkimStatus({ path: item })).dkimAttempts).toBe(1);
    expect((await client.listEmailDomains({ path, query: { start: 0 } })).map((d) => d.id)).toContain(created.id);
    await expect(client.deleteEmailDomain({ path: item })).resolves.toBeUndefined();
    expect((await apiError(client.getEmailDomain({ path: item }))).statusCode).toBe(404);
  });

  it("pages with start: past the end is an empty list", async () => {
    const all = await client.list(DEMO_A.accountId);
    expect(await client.list(DEMO_A.accountId, { start: 1 })).toEqual(all.slice(1));
    expect(await client.list(DEMO_A.accountId, { start: all.length })).toEqual([]);
  });

  it("rejects a duplicate with a 409 carrying the server's message", async () => {
    const [first] = await client.list(DEMO_A.accountId);
    const err = await apiError(client.create(DEMO_A.accountId, { domain: first!.domain.toUpperCase() }));
    expect(err).toMatchObject({ statusCode: 409, error: "Conflict", name: "EmailDomainsApiError" });
    expect(err.message.length).toBeGreaterThan(0);
    expect(err.body).toMatchObject({ statusCode: 409, error: "Conflict" });
  });

  it("reports 401 for an unknown key and 403 for another account's path", async () => {
    const stranger = createEmailDomainsClient({ baseUrl: mock.url, apiKey: "no-such-key" });
    expect((await apiError(stranger.list(DEMO_A.accountId))).statusCode).toBe(401);
    expect((await apiError(client.get(DEMO_B.accountId, DEMO_B_DOMAIN_ID))).statusCode).toBe(403);
  });

  it("keeps every message of a 400, each readable (a body broken at run time, e.g. from untyped JS)", async () => {
    const hostname = loadBundledSpec().components?.schemas?.["Hostname"] as Record<string, unknown>;
    const body = JSON.parse('{"domain":"-bad-.example.com","extra":1}') as { domain: string };
    const err = await apiError(client.create(DEMO_A.accountId, body));
    expect(err.statusCode).toBe(400);
    expect([...err.messages].sort()).toEqual(
      [`body/domain ${String(hostname[ERROR_MESSAGE_KEYWORD])}`, 'body must NOT have additional property "extra"'].sort(),
    );
    expect(err.body?.message).toEqual(err.messages);
    expect(err.message).toBe(err.messages.join("; "));
  });

  it("reads a bare-string message (as NestJS sends outside validation) as a list of one", async () => {
    const nest = createEmailDomainsClient({
      baseUrl: "http://nest.invalid",
      apiKey: "k",
      fetch: async () => Response.json({ statusCode: 404, error: "Not Found", message: "Cat not found" }, { status: 404 }),
    });
    const err = await apiError(nest.list(DEMO_A.accountId));
    expect(err).toMatchObject({ statusCode: 404, error: "Not Found", messages: ["Cat not found"], message: "Cat not found" });
    expect(err.body?.message).toEqual(["Cat not found"]);
  });

  it("passes per-call headers, such as the mock's Prefer: code=409", async () => {
    const err = await apiError(client.create(DEMO_A.accountId, { domain: "prefer.example-walk.com" }, { headers: { prefer: "code=409" } }));
    expect(err.statusCode).toBe(409);
  });

  it("still throws a typed error when a proxy answers with a non-JSON page", async () => {
    const proxy = createEmailDomainsClient({
      baseUrl: "http://gateway.invalid",
      apiKey: "k",
      fetch: async () => new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway", headers: { "content-type": "text/html" } }),
    });
    const err = await apiError(proxy.list(DEMO_A.accountId));
    expect(err).toMatchObject({ statusCode: 502, error: "Bad Gateway", body: undefined });
    expect(err.message).toContain("Bad gateway");
  });
});
