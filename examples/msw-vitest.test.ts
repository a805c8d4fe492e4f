import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { createEmailDomainsClient } from "@vortex/email-domains-contract-kit/client";
import { createEmailDomainsHandlers } from "@vortex/email-domains-contract-kit/msw";

const baseUrl = "https://api.example.test";
const accountId = "a0000000-0000-4000-8000-000000000001"; // account A of the demo seed
const apiKey = "demo-key-account-a";

const mock = createEmailDomainsHandlers({ baseUrl });
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => mock.reset()); // each test starts from the demo seed
afterAll(() => server.close());

// Made before server.listen(), and still answered by the handlers: the client looks fetch up at each request.
const client = createEmailDomainsClient({ baseUrl, apiKey });

it("registers a domain, and the list shows it", async () => {
  const created = await client.create(accountId, { domain: "news.example.com" });
  expect((await client.list(accountId)).map((d) => d.id)).toContain(created.id);
});

it("answers a duplicate with 409, as the API does", async () => {
  await client.create(accountId, { domain: "twice.example.com" });
  await expect(client.create(accountId, { domain: "TWICE.example.com" })).rejects.toMatchObject({ statusCode: 409 });
});

it("answers plain fetch too", async () => {
  const res = await fetch(`${baseUrl}/api/v1/accounts/${accountId}/email-domains`, { headers: { "x-api-key": apiKey } });
  expect(res.status).toBe(200);
});
