// The server's one request path sends helmet's and CORS's headers recorded once (app.ts): it must answer
// exactly what it answers with both middlewares run on every request: same status, headers and body, for the
// engine's answers, the static files and CORS preflight alike.
import { once } from "node:events";
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type AppOptions } from "./app.js";
import { API_KEY_HEADER } from "../../generated/spec-values.js";
import { bundledControlSpecJson } from "../../project-paths.js";
import { demoSeedFile, loadSeedFile } from "../../seed/load-seed.js";
import { loadBundledSpec } from "../../spec/load-spec.js";
import { createSchemaValidators } from "../../spec/schema-validator.js";
import { systemEnvironment } from "../../storage/environment.js";
import { createMemoryStore } from "../../domain/stores.js";
import { DEMO_A, DEMO_A_DEFAULT_ID, DEMO_B, domainsPath } from "../../../test-support/demo-api.js";

const servers: Server[] = [];
async function listen(listener: RequestListener): Promise<string> {
  const server = createServer(listener).listen(0, "127.0.0.1");
  servers.push(server);
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

// One store for every host, so that both ways of sending the headers read the same data.
const spec = loadBundledSpec();
const validators = createSchemaValidators(spec);
const seed = loadSeedFile(demoSeedFile, validators);
const store = createMemoryStore(seed, systemEnvironment());
const controlSpec = loadBundledSpec(bundledControlSpecJson);
const host = (options: AppOptions = {}) => createApp({ store, spec, controlSpec, seed, validators: { api: validators }, options });

/** Everything a client sees but the clock. */
async function seen(base: string, method: string, path: string, headers: Record<string, string>, body?: string) {
  const res = await fetch(base + path, { method, headers, ...(body === undefined ? {} : { body }), redirect: "manual" });
  const all: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (name !== "date") all[name] = value;
  });
  return { status: res.status, headers: all, body: await res.text() };
}

let live: string;
let recorded: string;
afterAll(() => {
  for (const server of servers) server.close();
});

describe("headers recorded once answer what helmet and CORS run on each request answer", () => {
  beforeAll(async () => {
    live = await listen(host({ liveHeaders: true }));
    recorded = await listen(host());
  });

  const a = domainsPath(DEMO_A.accountId);
  const key = { [API_KEY_HEADER]: DEMO_A.apiKey };
  const json = { ...key, "content-type": "application/json" };
  const cases: Array<[string, string, string, Record<string, string>, string?]> = [
    ["GET one", "GET", `${a}/${DEMO_A_DEFAULT_ID}`, key],
    ["list", "GET", `${a}?start=1`, { ...key, origin: "http://localhost:5173" }],
    ["HEAD of a list", "HEAD", a, key],
    ["no key (401)", "GET", a, {}],
    ["another account (403)", "GET", domainsPath(DEMO_B.accountId), key],
    ["bad parameter (400)", "GET", `${a}?start=x`, key],
    ["unknown id (404)", "GET", `${a}/d0000000-0000-4000-8000-0000000fffff`, key],
    ["unknown path (404)", "GET", "/no/such/route", key],
    ["method not allowed (405, Allow)", "PUT", a, key],
    ["duplicate name (409)", "POST", a, json, JSON.stringify({ domain: "acme-shop.com" })],
    ["invalid body (400)", "POST", a, json, JSON.stringify({ domain: 5 })],
    ["not JSON (415)", "POST", a, { ...key, "content-type": "text/plain" }, "x"],
    ["Prefer example", "GET", a, { ...key, prefer: "code=404" }],
    ["control endpoint", "GET", "/__mock/accounts", {}],
  ];
  it.each(cases)("%s", async (_name, method, path, headers, body) => {
    const expected = await seen(live, method, path, headers, body);
    const actual = await seen(recorded, method, path, headers, body);
    expect(actual).toEqual(expected);
    // And they are the headers a browser needs: helmet's, and CORS for any origin.
    expect(actual.headers["x-content-type-options"]).toBe("nosniff");
    expect(actual.headers["access-control-allow-origin"]).toBe("*");
  });

  it("on static files and CORS preflight too", async () => {
    for (const [method, path, headers] of [
      ["GET", "/openapi.json", {}],
      ["GET", "/OpenAPI.json/", {}],
      ["GET", "/", {}],
      ["OPTIONS", a, { origin: "http://localhost:5173", "access-control-request-method": "POST" }],
    ] as const) {
      expect(await seen(recorded, method, path, headers), `${method} ${path}`).toEqual(await seen(live, method, path, headers));
    }
    const spec = await seen(recorded, "GET", "/OpenAPI.json/", {});
    expect([spec.status, spec.headers["content-type"], spec.headers["x-content-type-options"]]).toEqual([200, "application/json; charset=utf-8", "nosniff"]);
    const home = await seen(recorded, "GET", "/", {});
    expect([home.status, home.headers["location"]]).toEqual([302, "/docs/"]);
    const preflight = await seen(recorded, "OPTIONS", a, { origin: "http://localhost:5173", "access-control-request-method": "POST" });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-headers"]).toContain(API_KEY_HEADER);
  });

  it.each([
    ["a method the static files do not serve", "POST", "/openapi.json"],
    ["a path under /docs/ that is no file name", "GET", "/docs/a/b"],
    ["a target that is not plain", "GET", "/no/such/route|x"],
  ])("%s goes on to the engine, with the same headers", async (_name, method, path) => {
    const actual = await seen(recorded, method, path, {});
    expect(actual).toEqual(await seen(live, method, path, {}));
    expect(actual.status).toBe(404);
    expect(JSON.parse(actual.body)).toMatchObject({ statusCode: 404, error: "Not Found" });
    expect(actual.headers["x-content-type-options"]).toBe("nosniff");
  });
});

describe("with --cors-origin", () => {
  it("allows only the listed origins, on data and errors alike", async () => {
    const base = await listen(host({ corsOrigins: ["http://frontend.test"] }));
    const path = domainsPath(DEMO_A.accountId);
    for (const headers of [{ [API_KEY_HEADER]: DEMO_A.apiKey }, {}] as Array<Record<string, string>>) {
      const allowed = await fetch(base + path, { headers: { ...headers, origin: "http://frontend.test" } });
      const other = await fetch(base + path, { headers: { ...headers, origin: "http://elsewhere.test" } });
      expect(allowed.headers.get("access-control-allow-origin")).toBe("http://frontend.test");
      expect(other.headers.get("access-control-allow-origin")).toBeNull();
      expect(other.headers.get("vary")).toBe("Origin");
      expect(other.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    }
  });
});

describe("conditional requests", () => {
  it("a GET with If-None-Match: * gets the documented 200 and its body, not an undocumented 304", async () => {
    const base = await listen(host());
    const res = await fetch(`${base}${domainsPath(DEMO_A.accountId)}/${DEMO_A_DEFAULT_ID}`, { headers: { [API_KEY_HEADER]: DEMO_A.apiKey, "if-none-match": "*" } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }).id).toBe(DEMO_A_DEFAULT_ID);
  });
});
