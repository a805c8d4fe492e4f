// @vitest-environment jsdom
// The MSW host as a frontend's component tests use it: vitest with jsdom, `setupServer` from msw/node with
// the handlers, plain `fetch` and the typed client. State stays between calls, bad input gets the
// documented 4xx, every answer is one the spec documents, and with `persist: "sessionStorage"` (jsdom's
// real Web Storage) the world survives building the handlers again, which is what a page reload does.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEmailDomainsClient, EmailDomainsApiError, type EmailDomainsClient } from "../client/index.js";
import { API_KEY_HEADER } from "../generated/spec-values.js";
import { createEmailDomainsHandlers, type EmailDomainsHandlersOptions } from "./msw.js";
import { DEFAULT_STORAGE_KEY } from "./persist-option.js";
import type { EmailDomain } from "../storage/types.js";
import { DEMO_A, DEMO_A_DEFAULT_ID, DEMO_B, domainsPath } from "../../test-support/demo-api.js";
import { createSpecConformance, type Observed } from "../../test-support/spec-conformance.js";

const BASE = "https://api.example.test";
const conformance = createSpecConformance();
const answers: Observed[] = [];

/** Every answer a test saw, by plain fetch or through the client, is recorded and checked against the spec. */
async function recorded(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const response = await globalThis.fetch(request);
  const text = await response.clone().text();
  answers.push({ method: request.method, path: request.url, status: response.status, contentType: response.headers.get("content-type"), body: text ? JSON.parse(text) : undefined });
  return response;
}

async function call(method: string, path: string, options: { key?: string | null; body?: unknown; raw?: string; type?: string } = {}) {
  const headers: Record<string, string> = {};
  if (options.key !== null) headers[API_KEY_HEADER] = options.key ?? DEMO_A.apiKey;
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers["content-type"] = options.type ?? "application/json";
  const response = await recorded(new Request(BASE + path, { method, headers, ...(body === undefined ? {} : { body }) }));
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

const server = setupServer();
// msw issue 2180: a client made before server.listen() keeps the real fetch unless it is handed one that
// reads globalThis.fetch at call time. This one is made at import time, before listen(), on purpose.
const earlyClient = createEmailDomainsClient({ baseUrl: BASE, apiKey: DEMO_A.apiKey, fetch: (request) => recorded(request) });

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());
afterEach(() => {
  const problems = answers.splice(0).flatMap((answer) => conformance.problems(answer));
  expect(problems).toEqual([]);
});

/** Builds the handlers as a page or a test file would, and puts them in the server. */
function load(options: EmailDomainsHandlersOptions = {}) {
  const mock = createEmailDomainsHandlers({ baseUrl: BASE, ...options });
  server.resetHandlers(...mock.handlers);
  return mock;
}

describe("createEmailDomainsHandlers in vitest with jsdom", () => {
  let client: EmailDomainsClient;
  beforeEach(() => {
    load();
    client = createEmailDomainsClient({ baseUrl: BASE, apiKey: DEMO_A.apiKey, fetch: recorded });
  });

  it("a client made after server.listen() needs no fetch option", async () => {
    const plain = createEmailDomainsClient({ baseUrl: BASE, apiKey: DEMO_A.apiKey });
    expect((await plain.get(DEMO_A.accountId, DEMO_A_DEFAULT_ID)).id).toBe(DEMO_A_DEFAULT_ID);
  });

  it("runs where a component test runs: jsdom's window, with its Web Storage", () => {
    expect(navigator.userAgent).toMatch(/jsdom/);
    expect(window.sessionStorage).toBeDefined();
  });

  it("plain fetch: a created domain is there on the next calls, and only for its account", async () => {
    const created = await call("POST", domainsPath(DEMO_A.accountId), { body: { domain: "Kept.Example.com", description: "from jsdom" } });
    expect(created.status).toBe(201);
    const domain = created.body as EmailDomain;
    expect(domain.domain).toBe("kept.example.com");

    expect((await call("GET", `${domainsPath(DEMO_A.accountId)}/${domain.id}`)).body).toEqual(domain);
    const list = await call("GET", domainsPath(DEMO_A.accountId));
    expect((list.body as EmailDomain[]).map((d) => d.id)).toContain(domain.id);
    expect((await call("GET", `${domainsPath(DEMO_B.accountId)}/${domain.id}`, { key: DEMO_B.apiKey })).status).toBe(404);
  });

  it.each([
    ["a body with a property the spec does not allow", "POST", { body: { domain: "x.example.com", colour: "red" } }, 400],
    ["a domain name that is no hostname", "POST", { body: { domain: "not a hostname" } }, 400],
    ["a body that is not JSON", "POST", { raw: "{domain:", type: "application/json" }, 400],
    ["a body that is not JSON at all (text/plain)", "POST", { raw: "x.example.com", type: "text/plain" }, 415],
    ["no API key", "GET", { key: null }, 401],
    ["another account's key", "GET", { key: DEMO_B.apiKey }, 403],
  ] as const)("%s gets the documented %s", async (_what, method, options, status) => {
    const answer = await call(method, domainsPath(DEMO_A.accountId), options);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ statusCode: status });
  });

  it("a duplicate name (any letter case) gets 409, an unknown id 404", async () => {
    const existing = (await call("GET", `${domainsPath(DEMO_A.accountId)}/${DEMO_A_DEFAULT_ID}`)).body as EmailDomain;
    expect((await call("POST", domainsPath(DEMO_A.accountId), { body: { domain: existing.domain.toUpperCase() } })).status).toBe(409);
    const unknown = "d0000000-0000-4000-8000-0000000fffff";
    expect((await call("PATCH", `${domainsPath(DEMO_A.accountId)}/${unknown}/checkDkimStatus`)).status).toBe(404);
  });

  it("the typed client walks a domain from create to verified to deleted", async () => {
    const created = await client.create(DEMO_A.accountId, { domain: "walk.example.com" });
    let current = created;
    for (let checks = 0; !current.isVerified && checks < 10; checks++) current = await client.checkDkimStatus(DEMO_A.accountId, created.id);
    expect(current).toMatchObject({ id: created.id, isVerified: true, tokenVerificationStatus: "verified", dkimStatus: "verified" });
    expect(await client.get(DEMO_A.accountId, created.id)).toEqual(current);

    const duplicate = await client.create(DEMO_A.accountId, { domain: "WALK.example.com" }).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(EmailDomainsApiError);
    expect(duplicate).toMatchObject({ statusCode: 409 });

    await client.remove(DEMO_A.accountId, created.id);
    await expect(client.get(DEMO_A.accountId, created.id)).rejects.toMatchObject({ statusCode: 404 });
  });

  it("a client made before server.listen() is answered when handed fetch: (r) => globalThis.fetch(r)", async () => {
    const domains = await earlyClient.list(DEMO_A.accountId);
    expect(domains.map((d) => d.id)).toContain(DEMO_A_DEFAULT_ID);
  });

  it("reset() brings the seed back", async () => {
    const mock = load();
    const created = await client.create(DEMO_A.accountId, { domain: "reset.example.com" });
    await mock.reset();
    await expect(client.get(DEMO_A.accountId, created.id)).rejects.toMatchObject({ statusCode: 404 });
    expect((await client.get(DEMO_A.accountId, DEMO_A_DEFAULT_ID)).id).toBe(DEMO_A_DEFAULT_ID);
  });
});

describe('persist: "sessionStorage" with jsdom\'s sessionStorage', () => {
  let client: EmailDomainsClient;
  beforeEach(() => {
    sessionStorage.clear();
    client = createEmailDomainsClient({ baseUrl: BASE, apiKey: DEMO_A.apiKey, fetch: recorded });
  });

  it("a reload (handlers built again) finds the world as it was, tokens and attempts included", async () => {
    load({ persist: "sessionStorage" });
    const created = await client.create(DEMO_A.accountId, { domain: "reload.example.com" });
    const checked = await client.checkDkimStatus(DEMO_A.accountId, created.id);
    expect(sessionStorage.getItem(DEFAULT_STORAGE_KEY)).toContain(created.id);

    load({ persist: "sessionStorage" }); // the reload

    expect(await client.get(DEMO_A.accountId, created.id)).toEqual(checked);
    const again = await client.create(DEMO_A.accountId, { domain: "reload.example.com" }).catch((e: unknown) => e);
    expect(again).toMatchObject({ statusCode: 409 });
  });

  it("without persist, a reload starts from the seed", async () => {
    load();
    const created = await client.create(DEMO_A.accountId, { domain: "forgotten.example.com" });
    load();
    await expect(client.get(DEMO_A.accountId, created.id)).rejects.toMatchObject({ statusCode: 404 });
    expect(sessionStorage.length).toBe(0);
  });

  it("reset() and loadSeed() replace what is stored, so the next reload sees them", async () => {
    const first = load({ persist: "sessionStorage" });
    const created = await client.create(DEMO_A.accountId, { domain: "before-reset.example.com" });
    await first.reset();
    load({ persist: "sessionStorage" });
    await expect(client.get(DEMO_A.accountId, created.id)).rejects.toMatchObject({ statusCode: 404 });

    const second = load({ persist: "sessionStorage" });
    const onlyA = { accounts: [{ accountId: DEMO_A.accountId, organizationId: created.organizationId, creatorId: created.creatorId, apiKeys: [DEMO_A.apiKey] }] };
    await second.loadSeed(onlyA);
    load({ persist: "sessionStorage" });
    expect(await client.list(DEMO_A.accountId)).toEqual([]);
  });

  it("two worlds on one page keep apart under their own storageKey", async () => {
    load({ persist: "sessionStorage", storageKey: "world-one" });
    const created = await client.create(DEMO_A.accountId, { domain: "world-one.example.com" });
    load({ persist: "sessionStorage", storageKey: "world-two" });
    await expect(client.get(DEMO_A.accountId, created.id)).rejects.toMatchObject({ statusCode: 404 });
    load({ persist: "sessionStorage", storageKey: "world-one" });
    expect((await client.get(DEMO_A.accountId, created.id)).id).toBe(created.id);
  });
});
