// createMockFetch reads simple calls without building a Request; what it reads must be exactly what a
// Request built from the same arguments would hold, and anything less simple must go through a Request.
import { describe, expect, it } from "vitest";
import type { EngineRequest } from "../engine/engine-types.js";
import { createMockFetch, fromFetchArguments, fromFetchRequest } from "./fetch.js";
import { DEMO_A, domainsPath } from "../../test-support/demo-api.js";

async function view(request: EngineRequest) {
  const { readBody, ...rest } = request;
  return { ...rest, body: request.hasBody ? Array.from(await readBody(1_000)) : undefined };
}

const base = "http://mock.test";
const simple: Array<[string, string | URL, RequestInit | undefined]> = [
  ["a string URL alone", `${base}/api/v1/accounts/a/email-domains?start=2`, undefined],
  ["a URL object", new URL(`${base}/x/../api/v1/accounts/a%20b/email-domains?q=1 2`), undefined],
  ["a POST with JSON", `${base}/api/v1/accounts/a/email-domains`, { method: "POST", headers: { "Content-Type": "application/json", "X-Api-Key": "k" }, body: '{"domain":"é.example.com"}' }],
  ["a string body without a type", `${base}/p`, { method: "PATCH", body: "text" }],
  ["an empty body", `${base}/p`, { method: "POST", body: "" }],
  ["no body, null", `${base}/p`, { method: "DELETE", body: null, headers: { prefer: "code=404", empty: "" } }],
  ["a signal", `${base}/p`, { signal: AbortSignal.timeout(1_000) }],
];

describe("fromFetchArguments", () => {
  it.each(simple)("reads %s as a Request would hold it", async (_name, input, init) => {
    const fast = fromFetchArguments(input, init);
    expect(fast).toBeDefined();
    expect(await view(fast!)).toEqual(await view(fromFetchRequest(new Request(input, init))));
  });

  it("reads a Request given alone as it is", async () => {
    const request = new Request(`${base}/p?x=1`, { method: "PUT", headers: { a: "1" }, body: "b" });
    expect(await view(fromFetchArguments(request)!)).toEqual(await view(fromFetchRequest(new Request(`${base}/p?x=1`, { method: "PUT", headers: { a: "1" }, body: "b" }))));
  });

  const left: Array<[string, string | URL | Request, RequestInit | undefined]> = [
    ["a lower-case method (a Request upper-cases some)", `${base}/p`, { method: "post" }],
    ["an unusual method", `${base}/p`, { method: "PROPFIND" }],
    ["Headers", `${base}/p`, { headers: new Headers({ a: "1" }) }],
    ["header pairs", `${base}/p`, { headers: [["a", "1"]] }],
    ["a value with spaces around it", `${base}/p`, { headers: { a: " 1 " } }],
    ["a non-ASCII value", `${base}/p`, { headers: { a: "é" } }],
    ["one name twice", `${base}/p`, { headers: { a: "1", A: "2" } }],
    ["a body that is not a string", `${base}/p`, { method: "POST", body: new URLSearchParams({ a: "1" }) }],
    ["a GET with a body", `${base}/p`, { body: "x" }],
    ["a relative URL", "/api/v1", undefined],
    ["credentials in the URL", "http://u:p@mock.test/p", undefined],
    ["other init options", `${base}/p`, { mode: "cors" }],
    ["a Request with an init", new Request(`${base}/p`), { method: "POST" }],
  ];
  it.each(left)("leaves %s to a Request", (_name, input, init) => {
    expect(fromFetchArguments(input, init)).toBeUndefined();
  });

  it("refuses a body over the limit as the Request path does", async () => {
    const fast = fromFetchArguments(`${base}/p`, { method: "POST", body: "x".repeat(11) })!;
    await expect(fast.readBody(10)).rejects.toMatchObject({ kind: "too-large", limitBytes: 10 });
  });
});

describe("createMockFetch", () => {
  it("throws what fetch throws for calls a Request refuses", async () => {
    const mockFetch = createMockFetch();
    await expect(mockFetch(`${base}${domainsPath(DEMO_A.accountId)}`, { body: "x" })).rejects.toThrow(TypeError);
    await expect(mockFetch(domainsPath(DEMO_A.accountId))).rejects.toThrow(TypeError);
  });

  it("labels a string body without a type as text, so the API answers 415", async () => {
    const mockFetch = createMockFetch();
    const res = await mockFetch(`${base}${domainsPath(DEMO_A.accountId)}`, { method: "POST", headers: { "x-api-key": DEMO_A.apiKey }, body: '{"domain":"t.example.com"}' });
    expect(res.status).toBe(415);
  });
});
