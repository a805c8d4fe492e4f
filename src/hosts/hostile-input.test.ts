// Garbage in, documented errors out, on all three hosts. Each case is sent as raw bytes to the server (so that
// broken framing, invalid UTF-8 and repeated headers really reach it), and, wherever a Fetch Request can
// express it, to the in-process fetch host and through msw's interceptor to the MSW host. Each must get: a status the spec documents for that
// operation (404/405 for unknown routes and methods), the error shape {statusCode, error, message}, no stack
// trace or file path, a clean end of the connection, and a store byte-for-byte unchanged.
import fc from "fast-check";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBundledSpec } from "../spec/load-spec.js";
import { createSchemaValidators } from "../spec/schema-validator.js";
import { startMock, type RunningMock } from "./node/start-mock.js";
import { DEMO_A, DEMO_A_DEFAULT_ID, DEMO_B, DEMO_B_DOMAIN_ID, domainsPath } from "../../test-support/demo-api.js";
import { rawRequest, type RawAnswer } from "../../test-support/raw-http.js";
import { snapshotStore } from "../../test-support/store-fixtures.js";
import { createInProcessMock } from "./in-process-mock.js";
import { answerFetchRequest } from "./fetch.js";
import { commonPathPrefix, createEmailDomainsHandlers } from "./msw.js";
import { apiSpec, controlSpec } from "../generated/embedded.js";

const LIST = domainsPath(DEMO_A.accountId);
const ONE = `${LIST}/${DEMO_A_DEFAULT_ID}`;
const CHECK = `${ONE}/checkDkimStatus`;
const KEY = `x-api-key: ${DEMO_A.apiKey}`;
const JSON_TYPE = "content-type: application/json";

// Documented statuses per operation (from the spec), plus what any unknown route or method may get.
const CREATE = [400, 413, 415, 409];
const UPDATE = [400, 404, 413, 415];
const READ = [400, 404];
const LIST_STATUSES = [400];
const ROUTE = [404, 405];
// Framing broken below HTTP (the request never reaches an operation): a plain 400 in the error shape.
const FRAMING = [400];

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

/** What a case sends, before it became bytes: the in-process host gets the same request as a Fetch Request. */
const partsOf = new WeakMap<Buffer, { method: string; path: string; headers: string[]; payload: Buffer | undefined }>();

/** A request as bytes, with Host and Connection: close; Content-Length is added unless a header sets framing. */
function request(method: string, path: string, headers: string[], body?: string | Buffer): Buffer {
  const payload = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  const framing = headers.some((h) => /^(content-length|transfer-encoding):/i.test(h));
  const lines = [`${method} ${path} HTTP/1.1`, "host: 127.0.0.1", "connection: close", ...headers];
  if (payload && !framing) lines.push(`content-length: ${payload.length}`);
  const bytes = Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1"), payload ?? Buffer.alloc(0)]);
  if (!framing) partsOf.set(bytes, { method, path, headers, payload });
  return bytes;
}

/** The case as a Fetch Request, or undefined when fetch cannot express it (framing, methods fetch forbids). */
function asFetchRequest(send: Buffer): Request | undefined {
  const parts = partsOf.get(send);
  if (!parts || !parts.path.startsWith("/")) return undefined;
  try {
    const headers = new Headers();
    for (const line of parts.headers) {
      const at = line.indexOf(":");
      headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
    }
    const init = { method: parts.method, headers, ...(parts.payload ? { body: new Uint8Array(parts.payload) } : {}) };
    const fetchRequest = new Request(`http://email-domains.mock.invalid${parts.path}`, init);
    // Fetch upper-cases the standard methods ("get" becomes "GET"): then it is no longer the same case.
    return fetchRequest.method === parts.method ? fetchRequest : undefined;
  } catch {
    return undefined;
  }
}

const post = (body: string | Buffer, headers = [KEY, JSON_TYPE]) => request("POST", LIST, headers, body);
const patch = (body: string | Buffer, headers = [KEY, JSON_TYPE]) => request("PATCH", ONE, headers, body);
const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const nestedObject = (depth: number) => '{"":'.repeat(depth) + "1" + "}".repeat(depth);
const big = (n: number) => "x".repeat(n);

interface HostileCase {
  name: string;
  send: Buffer;
  allowed: number[];
  halfClose?: boolean;
}

const cases: HostileCase[] = [
  // Broken JSON
  { name: "malformed JSON", send: post('{"domain": "x.example.com",, }'), allowed: [400] },
  { name: "truncated JSON", send: post('{"domain":"trunc.example.com","descr'), allowed: [400] },
  { name: "trailing comma in an object", send: post('{"domain":"comma.example.com",}'), allowed: [400] },
  { name: "trailing comma (update)", send: patch('{"description":"x",}'), allowed: [400] },
  { name: "single quotes", send: post("{'domain':'q.example.com'}"), allowed: [400] },
  { name: "comment in JSON", send: post('{"domain":"c.example.com" /* hi */}'), allowed: [400] },
  { name: "NaN literal", send: patch('{"description":NaN}'), allowed: [400] },
  { name: "two JSON documents", send: post('{"domain":"a.example.com"}{"domain":"b.example.com"}'), allowed: [400] },
  { name: "empty body with a JSON type", send: post(""), allowed: [400] },
  { name: "whitespace-only body", send: post("   \n "), allowed: [400] },
  // RFC 8259 lets a parser skip a byte-order mark: it is read (the duplicate name proves it), nothing is stored.
  { name: "byte-order mark then JSON", send: post(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"domain":"acme-shop.com"}')])), allowed: [400, 409] },
  // Invalid UTF-8
  { name: "invalid UTF-8 bytes in a string", send: post(Buffer.concat([Buffer.from('{"domain":"u.example.com","description":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')])), allowed: [400] },
  { name: "UTF-8-encoded lone surrogate", send: patch(Buffer.concat([Buffer.from('{"description":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')])), allowed: [400] },
  { name: "overlong UTF-8 encoding of '/'", send: patch(Buffer.concat([Buffer.from('{"description":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')])), allowed: [400] },
  { name: "latin-1 charset declared", send: post('{"domain":"l.example.com"}', [KEY, "content-type: application/json; charset=latin1"]), allowed: [415] },
  { name: "UTF-16 charset declared", send: post(Buffer.from('{"domain":"w.example.com"}', "utf16le"), [KEY, "content-type: application/json; charset=utf-16"]), allowed: [415] },
  // Bodies of the wrong JSON type
  ...["null", '"a string"', "42", "-0.5e400", "true", "[]", '[{"domain":"arr.example.com"}]', "{}"].flatMap((body) => [
    { name: `body ${body} (create)`, send: post(body), allowed: [400] },
    { name: `body ${body} (update)`, send: patch(body), allowed: [400] },
  ]),
  // Content types
  { name: "text/plain", send: post('{"domain":"t.example.com"}', [KEY, "content-type: text/plain"]), allowed: [415] },
  { name: "no content type", send: post('{"domain":"n.example.com"}', [KEY]), allowed: [415] },
  { name: "form-encoded", send: post("domain=f.example.com", [KEY, "content-type: application/x-www-form-urlencoded"]), allowed: [415] },
  { name: "multipart", send: post('--b\r\ncontent-disposition: form-data; name="domain"\r\n\r\nm.example.com\r\n--b--', [KEY, "content-type: multipart/form-data; boundary=b"]), allowed: [415] },
  { name: "XML", send: patch("<description>x</description>", [KEY, "content-type: application/xml"]), allowed: [415] },
  { name: "garbage content type", send: patch('{"description":"x"}', [KEY, "content-type: ;;;===//"]), allowed: [415, 400] },
  { name: "gzip content-encoding with a plain body", send: post('{"domain":"z.example.com"}', [KEY, JSON_TYPE, "content-encoding: gzip"]), allowed: [400, 415] },
  { name: "unknown content-encoding", send: post('{"domain":"z.example.com"}', [KEY, JSON_TYPE, "content-encoding: snappy"]), allowed: [415] },
  // Size and depth
  { name: "body over 100 kB (create)", send: post(JSON.stringify({ domain: "big.example.com", description: big(110_000) })), allowed: [413] },
  { name: "body over 100 kB (update)", send: patch(JSON.stringify({ description: big(200_000) })), allowed: [413] },
  { name: "Content-Length of 10 GB announced, little sent", send: post('{"domain":"cl.example.com"}', [KEY, JSON_TYPE, "content-length: 10000000000"]), allowed: [413] },
  { name: "array nested 20,000 deep", send: post(nested(20_000)), allowed: [400] },
  { name: "object nested 20,000 deep", send: post(nestedObject(20_000)), allowed: [400] },
  { name: "description nested 20,000 deep", send: patch(`{"description":${nested(20_000)}}`), allowed: [400] },
  { name: "100,000-character domain", send: post(JSON.stringify({ domain: `${big(99_980)}.example.com` })), allowed: [400] },
  { name: "100,000 labels of a domain", send: post(JSON.stringify({ domain: "a.".repeat(49_000) + "com" })), allowed: [400] },
  { name: "100,000-character description", send: patch(JSON.stringify({ description: big(100_000) })), allowed: [400] },
  { name: "a 100,000-character key", send: patch(`{"${big(100_000)}":1,"description":"x"}`), allowed: [400] },
  // Prototype pollution and operator injection
  { name: "__proto__ key (create)", send: post('{"domain":"p.example.com","__proto__":{"polluted":"yes","isDefault":true}}'), allowed: [400] },
  { name: "__proto__ key (update)", send: patch('{"__proto__":{"description":"x","polluted":"yes"}}'), allowed: [400] },
  { name: "constructor.prototype keys", send: post('{"domain":"c.example.com","constructor":{"prototype":{"polluted":"yes"}}}'), allowed: [400] },
  { name: "__proto__ in a nested value", send: patch('{"description":{"__proto__":{"polluted":"yes"}}}'), allowed: [400] },
  { name: "__proto__ in the query", send: request("GET", `${LIST}?__proto__[polluted]=yes&constructor[prototype][polluted]=yes&__proto__=x`, [KEY]), allowed: [200, 400] },
  { name: '{"$gt": ""} as domain', send: post('{"domain":{"$gt":""}}'), allowed: [400] },
  { name: '{"$ne": null} as description', send: patch('{"description":{"$ne":null}}'), allowed: [400] },
  { name: "$where key", send: post('{"domain":"w.example.com","$where":"sleep(1000)"}'), allowed: [400] },
  { name: "SQL text in a description, with Prefer: code=400 (an example answer, nothing stored)", send: patch(JSON.stringify({ description: "x'); DROP TABLE domains; --" }), [KEY, JSON_TYPE, "prefer: code=400"]), allowed: [400] },
  // Domain names
  ...[
    ["Cyrillic homoglyph", "exаmple.com"],
    ["Greek homoglyph", "αpple.com"],
    ["full-width letters", "ｅｘａｍｐｌｅ.com"],
    ["zero-width joiner", "exa\u200dmple.com"],
    ["right-to-left override", "\u202eexample.com"],
    ["NUL inside", "exa\u0000mple.com"],
    ["newline at the end", "example.com\n"],
    ["single label", "localhost"],
    ["single label TLD", "com"],
    ["trailing dot", "example.com."],
    ["leading hyphen", "-bad.example.com"],
    ["empty label", "a..example.com"],
    ["64-character label", `${big(64)}.example.com`],
    ["254 characters", `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(59)}.com`],
    ["space inside", "exa mple.com"],
    ["IP address with port", "127.0.0.1:80"],
    ["URL", "https://example.com/"],
    ["email address", "user@example.com"],
    ["empty", ""],
    ["wildcard", "*.example.com"],
    ["underscore", "_dmarc.example.com"],
  ].map(([label, domain]) => ({ name: `domain: ${label}`, send: post(JSON.stringify({ domain })), allowed: [400] })),
  // Ids and account ids in the path
  ...[
    ["../", "..%2F..%2F..%2Fetc%2Fpasswd"],
    ["dot-dot segment", ".."],
    ["%00", "%00"],
    ["uuid then %00", `${DEMO_A_DEFAULT_ID}%00`],
    ["uuid then SQL", `${DEMO_A_DEFAULT_ID}'%20OR%20'1'='1`],
    ["SQL injection", "1%20OR%201=1;%20DROP%20TABLE%20domains"],
    ["NoSQL operator", "%7B%22%24gt%22%3A%22%22%7D"],
    ["upper-case uuid", DEMO_A_DEFAULT_ID.toUpperCase()],
    ["invalid percent-encoding", "%E0%A4%A"],
    ["encoded newline (header injection)", "x%0D%0ASet-Cookie:%20a=b"],
    ["a 20 kB id", big(20_000)],
  ].flatMap(([label, id]) => [
    { name: `id ${label} (get)`, send: request("GET", `${LIST}/${id}`, [KEY]), allowed: READ },
    { name: `id ${label} (update)`, send: request("PATCH", `${LIST}/${id}`, [KEY, JSON_TYPE], '{"description":"x"}'), allowed: UPDATE },
    { name: `id ${label} (delete)`, send: request("DELETE", `${LIST}/${id}`, [KEY]), allowed: READ },
    { name: `id ${label} (check)`, send: request("PATCH", `${LIST}/${id}/checkDkimStatus`, [KEY]), allowed: READ },
  ]),
  { name: "unencoded ../ in the path", send: request("GET", `${LIST}/../../../../etc/passwd`, [KEY]), allowed: ROUTE },
  { name: "account id ../", send: request("GET", "/api/v1/accounts/..%2Fb0000000-0000-4000-8000-000000000002/email-domains", [KEY]), allowed: LIST_STATUSES },
  { name: "foreign domain id under one's own account (get)", send: request("GET", `${LIST}/${DEMO_B_DOMAIN_ID}`, [KEY]), allowed: [404] },
  { name: "foreign domain id under one's own account (update)", send: request("PATCH", `${LIST}/${DEMO_B_DOMAIN_ID}`, [KEY, JSON_TYPE], '{"description":"mine now"}'), allowed: [404] },
  { name: "foreign domain id under one's own account (delete)", send: request("DELETE", `${LIST}/${DEMO_B_DOMAIN_ID}`, [KEY]), allowed: [404] },
  { name: "foreign domain id under one's own account (check)", send: request("PATCH", `${LIST}/${DEMO_B_DOMAIN_ID}/checkDkimStatus`, [KEY]), allowed: [404] },
  // start
  ...[
    ["twice", "start=0&start=1"],
    ["as an array", "start[]=1&start[]=2"],
    ["as an indexed array", "start[0]=1"],
    ["fractional", "start=1.5"],
    ["huge", "start=99999999999999999999999"],
    ["negative", "start=-1"],
    ["empty", "start="],
    ["NaN", "start=NaN"],
    ["Infinity", "start=Infinity"],
    ["text", "start=abc"],
    ["in hex", "start=0x10"],
    ["in exponent form", "start=1e3"],
    ["with spaces", "start=%205"],
    ["20 kB", `start=${"9".repeat(20_000)}`],
  ].map(([label, query]) => ({ name: `start ${label}`, send: request("GET", `${LIST}?${query}`, [KEY]), allowed: label!.includes("array") ? [200, 400] : [400] })),
  // Keys
  { name: "10 kB x-api-key", send: request("GET", LIST, [`x-api-key: ${big(10_240)}`]), allowed: [401] },
  { name: "10 kB x-api-key on create", send: post('{"domain":"k.example.com"}', [`x-api-key: ${big(10_240)}`, JSON_TYPE]), allowed: [401] },
  { name: "x-api-key repeated (same key twice)", send: request("GET", LIST, [KEY, KEY]), allowed: [401] },
  { name: "x-api-key repeated (two accounts' keys)", send: request("DELETE", ONE, [KEY, "x-api-key: demo-key-account-b"]), allowed: [401] },
  { name: "x-api-key with latin-1 bytes", send: Buffer.concat([Buffer.from(`GET ${LIST} HTTP/1.1\r\nhost: x\r\nconnection: close\r\nx-api-key: demo-key-account-a\xe9`, "latin1"), Buffer.from("\r\n\r\n")]), allowed: [401] },
  { name: "empty x-api-key", send: request("GET", LIST, ["x-api-key: "]), allowed: [401] },
  { name: "other account's key", send: request("GET", LIST, ["x-api-key: demo-key-account-b"]), allowed: [403] },
  // Methods and routes
  ...["PUT", "POST", "TRACE", "PROPFIND", "MKCOL", "LINK", "PURGE"].map((method) => ({ name: `${method} on an item`, send: request(method, ONE, [KEY]), allowed: ROUTE })),
  ...["PUT", "PATCH", "DELETE", "SEARCH"].map((method) => ({ name: `${method} on the list`, send: request(method, LIST, [KEY]), allowed: ROUTE })),
  { name: "GET on checkDkimStatus", send: request("GET", CHECK, [KEY]), allowed: ROUTE },
  { name: "unknown method FOO", send: request("FOO", LIST, [KEY]), allowed: [...FRAMING, ...ROUTE] },
  { name: "lower-case method", send: request("get", LIST, [KEY]), allowed: [...FRAMING, ...ROUTE] },
  { name: "20 kB URL path", send: request("GET", `/api/v1/${big(20_000)}`, [KEY]), allowed: ROUTE },
  { name: "20 kB URL query", send: request("GET", `${LIST}?q=${big(20_000)}`, [KEY]), allowed: [200, 400] },
  { name: "absolute-form URL", send: request("GET", `http://evil.example${LIST}`, [KEY]), allowed: [200, 400, 404] },
  // CORS answers any OPTIONS with its preflight 204 (README: CORS).
  { name: "asterisk URL", send: request("OPTIONS", "*", []), allowed: [204, ...FRAMING, ...ROUTE] },
  { name: "control route with hostile JSON", send: request("PUT", "/__mock/seed", [JSON_TYPE], '{"accounts":[{"__proto__":{"x":1}}]}'), allowed: [400] },
  { name: "control route nested 20,000 deep", send: request("PUT", "/__mock/seed", [JSON_TYPE], nestedObject(20_000)), allowed: [400] },
  { name: "control verification with $gt", send: request("PATCH", `/__mock/accounts/${DEMO_A.accountId}/email-domains/${DEMO_A_DEFAULT_ID}/verification`, [JSON_TYPE], '{"dkimStatus":{"$gt":""}}'), allowed: [400] },
  // Framing
  { name: "Content-Length not a number", send: post('{"domain":"x.example.com"}', [KEY, JSON_TYPE, "content-length: abc"]), allowed: FRAMING },
  { name: "negative Content-Length", send: post('{"domain":"x.example.com"}', [KEY, JSON_TYPE, "content-length: -5"]), allowed: FRAMING },
  { name: "two different Content-Lengths", send: post('{"domain":"x.example.com"}', [KEY, JSON_TYPE, "content-length: 5", "content-length: 26"]), allowed: FRAMING },
  { name: "Content-Length shorter than the body", send: post('{"domain":"short.example.com"}', [KEY, JSON_TYPE, "content-length: 10"]), allowed: [400] },
  { name: "Content-Length longer than the body, then EOF", send: post('{"domain":"long.example.com"}', [KEY, JSON_TYPE, "content-length: 500"]), allowed: [400], halfClose: true },
  { name: "Content-Length and chunked together", send: post('5\r\n{"dom\r\n0\r\n\r\n', [KEY, JSON_TYPE, "content-length: 13", "transfer-encoding: chunked"]), allowed: FRAMING },
  { name: "chunk size not hex", send: post('zz\r\n{"domain":"c.example.com"}\r\n0\r\n\r\n', [KEY, JSON_TYPE, "transfer-encoding: chunked"]), allowed: FRAMING },
  { name: "chunk longer than announced", send: post('3\r\n{"domain":"c.example.com"}\r\n0\r\n\r\n', [KEY, JSON_TYPE, "transfer-encoding: chunked"]), allowed: FRAMING },
  { name: "chunked without the last chunk, then EOF", send: post('1a\r\n{"domain":"e.example.com"}\r\n', [KEY, JSON_TYPE, "transfer-encoding: chunked"]), allowed: [400], halfClose: true },
  { name: "huge chunk size", send: post("ffffffffffffffffff\r\nx\r\n0\r\n\r\n", [KEY, JSON_TYPE, "transfer-encoding: chunked"]), allowed: [...FRAMING, 413] },
  { name: "unknown transfer-encoding", send: post('{"domain":"t.example.com"}', [KEY, JSON_TYPE, "transfer-encoding: gzip"]), allowed: [...FRAMING, 415] },
  { name: "header without a colon", send: Buffer.from(`GET ${LIST} HTTP/1.1\r\nhost: x\r\nconnection: close\r\nthis is not a header\r\n\r\n`), allowed: FRAMING },
  { name: "bare LF line endings", send: Buffer.from(`GET ${LIST} HTTP/1.1\nhost: x\nconnection: close\n${KEY}\n\n`), allowed: [200, ...FRAMING] },
  { name: "HTTP/1.1 without Host", send: Buffer.from(`GET ${LIST} HTTP/1.1\r\nconnection: close\r\n${KEY}\r\n\r\n`), allowed: [200, ...FRAMING] },
  { name: "not HTTP at all", send: Buffer.from("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 TLS hello\r\n\r\n", "latin1"), allowed: FRAMING },
];

const STACK_OR_PATH = /\n\s+at |\bat .+:\d+:\d+|\.ts\b|\.js\b|\/work\/|\/home\/|\/tmp\/|node_modules|file:\/\/|Error: /;

function expectDocumentedError(answer: RawAnswer, allowed: number[]): void {
  expect(answer.status, `no answer; raw: ${answer.raw.slice(0, 200)}`).not.toBe(0);
  expect(allowed, `status ${answer.status}: ${answer.body.slice(0, 300)}`).toContain(answer.status);
  expect(answer.body).not.toMatch(STACK_OR_PATH);
  if (answer.status >= 400) {
    expect(answer.headers["content-type"]).toMatch(/^application\/json/);
    const body = JSON.parse(answer.body) as unknown;
    expect(body).toEqual({ statusCode: answer.status, error: expect.any(String), message: expect.anything() });
    const message = (body as { message: unknown }).message;
    expect(typeof message === "string" || (Array.isArray(message) && message.every((m) => typeof m === "string"))).toBe(true);
  }
}

describe("hostile input", () => {
  it.each(cases)("$name", async ({ name, send, allowed, halfClose }) => {
    const before = await snapshotStore(mock.store);
    const answer = await rawRequest(mock.port, send, { halfClose: halfClose ?? false });
    seen.push({ name, status: answer.status, message: answer.body.slice(0, 110) });
    expectDocumentedError(answer, allowed);
    expect(await snapshotStore(mock.store)).toBe(before);
  });

  it("left Object.prototype unpolluted", () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_BEFORE);
    const probe = {} as Record<string, unknown>;
    for (const key of ["polluted", "isDefault", "x", "description"]) expect(probe[key], key).toBeUndefined();
  });

  it("still answers normally afterwards", async () => {
    const answer = await rawRequest(mock.port, request("GET", LIST, [KEY]));
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

  it.each(fetchCases)("$name", async ({ send, allowed }) => {
    const before = await snapshotStore(world.store);
    const response = await answerFetchRequest(world, asFetchRequest(send)!);
    const body = await response.text();
    expectDocumentedError({ status: response.status, body, raw: body, headers: { "content-type": response.headers.get("content-type") ?? "" } } as RawAnswer, allowed);
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

  it.each(mswCases)("$name", async ({ send, allowed }) => {
    const before = await snapshotOverApi();
    // A timeout of its own: a request the host never answers must fail here, not hang the file.
    const response = await fetch(asFetchRequest(send)!, { signal: AbortSignal.timeout(5_000) });
    const body = await response.text();
    expectDocumentedError({ status: response.status, body, raw: body, headers: { "content-type": response.headers.get("content-type") ?? "" } } as RawAnswer, allowed);
    expect(await snapshotOverApi()).toBe(before);
  });
});

describe("generated bodies (fast-check, from the request schemas)", () => {
  const spec = loadBundledSpec();
  const validators = createSchemaValidators(spec);
  const createValid = validators.byPointer("#/components/schemas/CreateEmailDomainRequest");
  const updateValid = validators.byPointer("#/components/schemas/UpdateEmailDomainRequest");
  const key = fc.constantFrom("domain", "description", "__proto__", "constructor", "prototype", "$gt", "toString", "isDefault", "id", "");
  const hostnameish = fc.oneof(
    fc.domain(),
    fc.string({ unit: "binary", maxLength: 80 }),
    fc.stringMatching(/^[a-z0-9.-]{0,70}$/),
    fc.constantFrom("exаmple.com", "a.b", "x".repeat(300), "EXAMPLE.COM", "-a.com", "a-.com"),
  );
  const value = fc.oneof(hostnameish, fc.jsonValue({ maxDepth: 3 }), fc.constant(null), fc.string({ maxLength: 600 }));
  const body = fc.oneof(
    fc.record({ domain: hostnameish, description: fc.option(fc.string({ unit: "grapheme", maxLength: 520 }), { nil: null }) }, { requiredKeys: [] }),
    fc.dictionary(key, value, { maxKeys: 4 }),
    fc.jsonValue({ maxDepth: 4 }),
  );

  it("create: a schema-valid body gets 201/409, any other 400 with nothing stored, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const text = JSON.stringify(value) ?? "null";
        const before = await snapshotStore(mock.store);
        const answer = await rawRequest(mock.port, post(text));
        if (createValid(JSON.parse(text))) {
          expect([201, 409], answer.body).toContain(answer.status);
          await fetch(`${mock.url}/__mock/reset`, { method: "POST" });
        } else {
          expectDocumentedError(answer, [400]);
          expect(await snapshotStore(mock.store)).toBe(before);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("update: a schema-valid body gets 200, any other 400 with nothing changed, never a 5xx", async () => {
    const updateBody = fc.oneof(body, fc.record({ description: value }), fc.record({ description: fc.string({ maxLength: 520 }), extra: value }));
    await fc.assert(
      fc.asyncProperty(updateBody, async (value) => {
        const text = JSON.stringify(value) ?? "null";
        const valid = updateValid(JSON.parse(text));
        const before = await snapshotStore(mock.store);
        const answer = await rawRequest(mock.port, patch(text));
        if (valid) {
          expect(answer.status, answer.body).toBe(200);
          await fetch(`${mock.url}/__mock/reset`, { method: "POST" });
        } else {
          expectDocumentedError(answer, [400]);
          expect(await snapshotStore(mock.store)).toBe(before);
        }
      }),
      { numRuns: 150 },
    );
  });
});
