// Garbage in, documented errors out, on all three hosts. Each case is sent as raw bytes to the server (so that
// broken framing, invalid UTF-8 and repeated headers really reach it), and, wherever a Fetch Request can
// express it, to the in-process fetch host and through msw's interceptor to the MSW host. The cases are drawn
// from the spec's operations (test-support/hostile-requests.ts): an operation the spec gains gets them with no
// edit here. Each must get: a status the spec documents for that operation (404/405 for unknown routes and
// methods, a 405 naming the documented methods in Allow), the error shape {statusCode, error, message}, no
// stack trace or file path, a clean end of the connection, and a store byte-for-byte unchanged.
import fc from "fast-check";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenAPIV3_1 } from "openapi-types";
import { resolve, successStatus } from "../spec/operations.js";
import { createSchemaValidators } from "../spec/schema-validator.js";
import { startMock, type RunningMock } from "./node/start-mock.js";
import { DEMO_A, DEMO_A_DEFAULT_ID, DEMO_B, DEMO_B_DOMAIN_ID, domainsPath } from "../../test-support/demo-api.js";
import { asFetchRequest, HOSTILE_STRINGS, hostileCases, operations, request, type HostileCase, type HostileWorld } from "../../test-support/hostile-requests.js";
import { rawRequest, type RawAnswer } from "../../test-support/raw-http.js";
import { snapshotStore } from "../../test-support/store-fixtures.js";
import { createInProcessMock } from "./in-process-mock.js";
import { answerFetchRequest } from "./fetch.js";
import { commonPathPrefix, createEmailDomainsHandlers } from "./msw.js";
import { apiSpec, controlSpec } from "../generated/embedded.js";
import { specRequest } from "../../contract-tests/support/spec-requests.js";

const LIST = domainsPath(DEMO_A.accountId);
const JSON_TYPE = "content-type: application/json";
const accounts: HostileWorld = { own: DEMO_A, other: DEMO_B, ownDomainId: DEMO_A_DEFAULT_ID, otherDomainId: DEMO_B_DOMAIN_ID };

const PROTOTYPE_BEFORE = Object.getOwnPropertyNames(Object.prototype).sort();
/** What each case got; printed with HOSTILE_REPORT=1 (the table in the reliability notes). */
const seen: Array<{ name: string; status: number; message: string }> = [];

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0 });
});
afterAll(async () => {
  await mock.close();
  if (process.env["HOSTILE_REPORT"]) console.log(seen.map((r) => `${r.status}  ${r.name}  — ${r.message}`).join("\n"));
});

const cases: HostileCase[] = [
  // Every documented operation's cases, from the spec (test-support/hostile-requests.ts).
  ...hostileCases(accounts),
  // The mock's control routes (not operations of the API): hostile JSON there is a 400 too.
  { name: "control route with hostile JSON", send: request("PUT", "/__mock/seed", [JSON_TYPE], '{"accounts":[{"__proto__":{"x":1}}]}'), allowed: [400] },
  { name: "control route nested 20,000 deep", send: request("PUT", "/__mock/seed", [JSON_TYPE], '{"":'.repeat(20_000) + "1" + "}".repeat(20_000)), allowed: [400] },
  { name: "control verification with $gt", send: request("PATCH", `/__mock/accounts/${DEMO_A.accountId}/email-domains/${DEMO_A_DEFAULT_ID}/verification`, [JSON_TYPE], '{"dkimStatus":{"$gt":""}}'), allowed: [400] },
];

const STACK_OR_PATH = /\n\s+at |\bat .+:\d+:\d+|\.ts\b|\.js\b|\/work\/|\/home\/|\/tmp\/|node_modules|file:\/\/|Error: /;

/** The answer of an in-process host, as the raw one reads. */
async function fetchAnswer(response: Response): Promise<RawAnswer> {
  const body = await response.text();
  const headers: Record<string, string> = {};
  for (const name of ["content-type", "allow"]) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  return { status: response.status, body, raw: body, headers };
}

function expectDocumentedError(answer: RawAnswer, { allowed, allow }: Pick<HostileCase, "allowed" | "allow">): void {
  expect(answer.status, `no answer; raw: ${answer.raw.slice(0, 200)}`).not.toBe(0);
  expect(allowed, `status ${answer.status}: ${answer.body.slice(0, 300)}`).toContain(answer.status);
  expect(answer.body).not.toMatch(STACK_OR_PATH);
  if (answer.status === 405 && allow) {
    const named = (answer.headers["allow"] ?? "").split(",").map((m) => m.trim().toUpperCase());
    for (const method of allow) expect(named, `Allow: ${answer.headers["allow"]}`).toContain(method);
  }
  if (answer.status >= 400) {
    expect(answer.headers["content-type"]).toMatch(/^application\/json/);
    const body = JSON.parse(answer.body) as unknown;
    expect(body).toEqual({ statusCode: answer.status, error: expect.any(String), message: expect.anything() });
    const message = (body as { message: unknown }).message;
    expect(typeof message === "string" || (Array.isArray(message) && message.every((m) => typeof m === "string"))).toBe(true);
  }
}

describe("the hostile cases come from the spec", () => {
  it.each(operations.map((op) => [op.operationId, op] as const))("%s has its cases: keys, path parameters, and for a body its broken JSON, types, sizes", (_id, op) => {
    const mine = cases.filter((c) => c.name.startsWith(`${op.operationId}: `));
    if (op.apiKeyHeader) expect(mine.filter((c) => c.allowed.includes(401)).length, "key cases").toBeGreaterThan(5);
    for (const p of op.parameters.filter((p) => p.in === "path")) expect(mine.some((c) => c.name.startsWith(`${op.operationId}: ${p.name} `)), `${p.name} cases`).toBe(true);
    if (op.requestBody) {
      for (const what of ["malformed JSON", "byte limit", "text/plain", "an unknown property", "nested 20,000 deep"]) expect(mine.some((c) => c.name.includes(what)), what).toBe(true);
    }
  });

  it("every hostile string is refused by some property's schema (a case is made of it)", () => {
    for (const [label] of HOSTILE_STRINGS) expect(cases.some((c) => c.name.endsWith(`: ${label}`)), label).toBe(true);
  });
});

describe("hostile input", () => {
  it.each(cases)("$name", async (c) => {
    const before = await snapshotStore(mock.store);
    const answer = await rawRequest(mock.port, c.send, { halfClose: c.halfClose ?? false });
    seen.push({ name: c.name, status: answer.status, message: answer.body.slice(0, 110) });
    expectDocumentedError(answer, c);
    expect(await snapshotStore(mock.store)).toBe(before);
  });

  it("left Object.prototype unpolluted", () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_BEFORE);
    const probe = {} as Record<string, unknown>;
    for (const key of ["polluted", "isDefault", "x", "description"]) expect(probe[key], key).toBeUndefined();
  });

  it("still answers normally afterwards", async () => {
    const answer = await rawRequest(mock.port, request("GET", LIST, [`x-api-key: ${DEMO_A.apiKey}`]));
    expect(answer.status).toBe(200);
    expect((JSON.parse(answer.body) as unknown[]).length).toBe(5);
  });
});

describe("hostile input through the in-process fetch host", () => {
  const world = createInProcessMock();
  const fetchCases = cases.filter((c) => !c.halfClose && asFetchRequest(c.send) !== undefined);

  it("covers every case that fetch can express", () => {
    // Framing, raw bytes and the methods fetch refuses are the server's (above); everything else runs here too.
    expect(fetchCases.length).toBeGreaterThan(cases.length * 0.75);
  });

  it.each(fetchCases)("$name", async (c) => {
    const before = await snapshotStore(world.store);
    expectDocumentedError(await fetchAnswer(await answerFetchRequest(world, asFetchRequest(c.send)!)), c);
    expect(await snapshotStore(world.store)).toBe(before);
  });
});

describe("hostile input through the MSW host in Node (setupServer)", () => {
  const server = setupServer(...createEmailDomainsHandlers().handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());
  // The handlers take the spec's paths only: a URL that fetch normalises out of them (`/../`) is not the host's.
  const prefixes = [commonPathPrefix(apiSpec), commonPathPrefix(controlSpec)];
  const mswCases = cases.filter((c) => {
    const fetchRequest = c.halfClose ? undefined : asFetchRequest(c.send);
    const path = fetchRequest && new URL(fetchRequest.url).pathname.toLowerCase();
    return path !== undefined && prefixes.some((prefix) => path === prefix.toLowerCase() || path.startsWith(`${prefix.toLowerCase()}/`));
  });
  const ORIGIN = "http://email-domains.mock.invalid";

  /** The MSW world seen through its API: every demo account's whole list. */
  async function snapshotOverApi(): Promise<string> {
    const lists = await Promise.all(
      [DEMO_A, DEMO_B].map(async ({ accountId, apiKey }) => (await fetch(ORIGIN + domainsPath(accountId), { headers: { "x-api-key": apiKey } })).text()),
    );
    return lists.join("\n");
  }

  it("covers every case that fetch can express under the spec's paths", () => {
    expect(mswCases.length).toBeGreaterThan(cases.length * 0.7);
  });

  it.each(mswCases)("$name", async (c) => {
    const before = await snapshotOverApi();
    // A timeout of its own: a request the host never answers must fail here, not hang the file.
    expectDocumentedError(await fetchAnswer(await fetch(asFetchRequest(c.send)!, { signal: AbortSignal.timeout(5_000) })), c);
    expect(await snapshotOverApi()).toBe(before);
  });
});

describe("generated bodies (fast-check, from the request schemas)", () => {
  const validators = createSchemaValidators(apiSpec);
  const hostnameish = fc.oneof(
    fc.domain(),
    fc.string({ unit: "binary", maxLength: 80 }),
    fc.stringMatching(/^[a-z0-9.-]{0,70}$/),
    fc.constantFrom("exаmple.com", "a.b", "x".repeat(300), "EXAMPLE.COM", "-a.com", "a-.com"),
  );
  const value = fc.oneof(hostnameish, fc.jsonValue({ maxDepth: 3 }), fc.constant(null), fc.string({ maxLength: 600 }), fc.string({ unit: "grapheme", maxLength: 520 }));
  const bodyOperations = operations.filter((op) => op.requestBody?.content["application/json"] !== undefined);

  it.each(bodyOperations.map((op) => [op.operationId, op] as const))("%s: a schema-valid body gets its documented success (or 409), any other 400 with nothing stored, never a 5xx", async (_id, op) => {
    const schema = op.requestBody!.content["application/json"]!.schema;
    const valid = validators.compile(schema);
    const properties = Object.keys(resolve<OpenAPIV3_1.SchemaObject>(apiSpec, schema).properties ?? {});
    const key = fc.constantFrom(...properties, "__proto__", "constructor", "prototype", "$gt", "toString", "isDefault", "id", "");
    const every = Object.fromEntries(properties.map((p) => [p, value]));
    const body = fc.oneof(
      fc.record(every, { requiredKeys: [] }),
      fc.record(every),
      fc.record({ ...every, extra: value }),
      fc.dictionary(key, value, { maxKeys: 4 }),
      fc.jsonValue({ maxDepth: 4 }),
    );
    const { method, path } = specRequest(op, { accountId: DEMO_A.accountId, id: DEMO_A_DEFAULT_ID });
    const success = [successStatus(op), ...(op.responses["409"] ? [409] : [])];
    await fc.assert(
      fc.asyncProperty(body, async (generated) => {
        const text = JSON.stringify(generated) ?? "null";
        const before = await snapshotStore(mock.store);
        const answer = await rawRequest(mock.port, request(method, path, [`${op.apiKeyHeader}: ${DEMO_A.apiKey}`, JSON_TYPE], text));
        if (valid(JSON.parse(text))) {
          expect(success, answer.body).toContain(answer.status);
          await fetch(`${mock.url}/__mock/reset`, { method: "POST" });
        } else {
          expectDocumentedError(answer, { allowed: [400] });
          expect(await snapshotStore(mock.store)).toBe(before);
        }
      }),
      { numRuns: 150 },
    );
  });
});
