// Security of the mock: keys never reach a log, a key never reaches another account's domains (404 for a
// foreign id, exactly as for an unknown one), helmet's headers are on every answer without breaking /docs,
// and an internal failure is a bare 500 in the error shape that the process survives.
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import { bundledControlSpecJson, docsHtml, packageRoot } from "../../project-paths.js";
import { demoSeedFile, loadSeedFile } from "../../seed/load-seed.js";
import { loadBundledSpec } from "../../spec/load-spec.js";
import { listOperations } from "../../spec/operations.js";
import { createSchemaValidators } from "../../spec/schema-validator.js";
import { specRequest } from "../../../contract-tests/support/spec-requests.js";
import { startMock, type RunningMock } from "./start-mock.js";
import { systemEnvironment } from "../../storage/environment.js";
import { createMemoryStore } from "../../domain/stores.js";
import type { EmailDomainStore } from "../../storage/types.js";
import { call, DEMO_A, DEMO_A_DEFAULT_ID, DEMO_B, DEMO_B_DOMAIN_ID, domainsPath } from "../../../test-support/demo-api.js";

const WRONG_KEY = "wrong-secret-key-0123456789";
let logText = "";
let mock: RunningMock;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logText += chunk.toString("utf8");
      done();
    },
  });
  mock = await startMock({ port: 0, logger: pino({ level: "info" }, sink) });
});
afterAll(async () => {
  await mock.close();
});

describe("API keys", () => {
  it("are never written to the request log, whatever the request", async () => {
    const a = domainsPath(DEMO_A.accountId);
    await call(mock.url, "GET", a, { key: DEMO_A.apiKey });
    await call(mock.url, "GET", a, { key: DEMO_B.apiKey }); // 403
    await call(mock.url, "GET", a, { key: WRONG_KEY }); // 401
    await call(mock.url, "POST", a, { key: DEMO_A.apiKey, body: { domain: "acme-shop.com" } }); // 409
    await call(mock.url, "PATCH", `${a}/${DEMO_A_DEFAULT_ID}`, { key: DEMO_A.apiKey, body: { description: WRONG_KEY, extra: DEMO_B.apiKey } }); // 400
    await call(mock.url, "GET", `${a}?start=x`, { key: DEMO_A.apiKey, headers: { prefer: `code=409, example=${WRONG_KEY}` } });
    await call(mock.url, "GET", "/no/such/route", { key: DEMO_B.apiKey });
    await new Promise((resolve) => setTimeout(resolve, 50)); // pino writes asynchronously
    const lines = logText.trim().split("\n").map((l) => JSON.parse(l) as { status?: number });
    expect(lines.map((l) => l.status)).toEqual(expect.arrayContaining([200, 403, 401, 409, 400, 404]));
    for (const key of [DEMO_A.apiKey, DEMO_B.apiKey, WRONG_KEY]) expect(logText).not.toContain(key);
  });

  it("are not echoed in any answer", async () => {
    const answer = await call(mock.url, "GET", domainsPath(DEMO_A.accountId), { key: WRONG_KEY });
    expect(answer.status).toBe(401);
    expect(answer.text).not.toContain(WRONG_KEY);
  });
});

describe("accounts are sealed from each other", () => {
  const unknownId = "d0000000-0000-4000-8000-0000000fffff";
  // Every documented operation on one domain (a path parameter `id`), as the spec describes its request.
  const onOneDomain = listOperations(loadBundledSpec()).filter((op) => op.parameters.some((p) => p.in === "path" && p.name === "id"));

  it.each(onOneDomain.map((op) => [op.operationId, op] as const))("%s of a foreign domain id under one's own account is a 404 like an unknown id, and changes nothing", async (_name, op) => {
    const bPath = `${domainsPath(DEMO_B.accountId)}/${DEMO_B_DOMAIN_ID}`;
    const before = await call(mock.url, "GET", bPath, { key: DEMO_B.apiKey });
    const send = (id: string) => {
      const request = specRequest(op, { accountId: DEMO_A.accountId, id });
      return call(mock.url, request.method, request.path, { key: DEMO_A.apiKey, ...(request.body === undefined ? {} : { body: request.body }) });
    };
    const foreign = await send(DEMO_B_DOMAIN_ID);
    const unknown = await send(unknownId);
    expect(foreign.status).toBe(404);
    expect(foreign.text.replace(DEMO_B_DOMAIN_ID, "ID")).toBe(unknown.text.replace(unknownId, "ID"));
    const after = await call(mock.url, "GET", bPath, { key: DEMO_B.apiKey });
    expect(after.status).toBe(200);
    expect(after.text).toBe(before.text);
  });

  it("a key of one account gets 403 on another account's paths, and learns nothing of its domains", async () => {
    const other = domainsPath(DEMO_B.accountId);
    const list = await call(mock.url, "GET", other, { key: DEMO_A.apiKey });
    const existing = await call(mock.url, "GET", `${other}/${DEMO_B_DOMAIN_ID}`, { key: DEMO_A.apiKey });
    const missing = await call(mock.url, "GET", `${other}/${unknownId}`, { key: DEMO_A.apiKey });
    expect([list.status, existing.status, missing.status]).toEqual([403, 403, 403]);
    expect(existing.text).toBe(missing.text);
    expect(list.text).not.toContain("beta-corp");
  });
});

describe("headers and the docs page", () => {
  it("sends helmet's security headers on data, errors and the docs", async () => {
    const paths = [domainsPath(DEMO_A.accountId), "/no/such/route", "/docs/", "/openapi.json"];
    for (const path of paths) {
      const answer = await call(mock.url, "GET", path, { key: DEMO_A.apiKey });
      expect(answer.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(answer.headers.get("x-frame-options"), path).toBe("SAMEORIGIN");
      expect(answer.headers.get("referrer-policy"), path).toBe("no-referrer");
      expect(answer.headers.get("x-powered-by"), path).toBeNull();
    }
  });

  it.skipIf(!existsSync(docsHtml))("serves the docs folder with a strict CSP: scripts and styles from itself only, no inline, no eval", { meta: { skipReason: "the docs page is not built yet (npm run docs)" } }, async () => {
    for (const file of ["", "docs.js", "docs.css", "mockServiceWorker.js"]) {
      const answer = await call(mock.url, "GET", `/docs/${file}`);
      expect(answer.status, file).toBe(200);
      const csp = answer.headers.get("content-security-policy") ?? "";
      expect(csp, file).toMatch(/script-src 'self';/);
      expect(csp, file).toMatch(/style-src 'self';/);
      expect(csp, file).not.toMatch(/unsafe/);
    }
  });
});

describe("internal failures", () => {
  it("become a 500 in the error shape with no stack, path or message, and the process goes on", async () => {
    const spec = loadBundledSpec();
    const seed = loadSeedFile(demoSeedFile, createSchemaValidators(spec));
    const real = createMemoryStore(seed, systemEnvironment());
    const failing: EmailDomainStore = {
      ...real,
      list: () => Promise.reject(new Error(`disk on fire at ${packageRoot}/src/storage/x.ts:12:3`)),
      get: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'secret')");
      },
      // eslint-disable-next-line prefer-promise-reject-errors
      checkDkimStatus: () => Promise.reject("a string, not an Error"),
    };
    const app = createApp({ store: failing, spec, controlSpec: loadBundledSpec(bundledControlSpecJson), seed, options: { logger: pino({ level: "silent" }) } });
    const server = createServer(app).listen(0, "127.0.0.1");
    await once(server, "listening");
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const a = domainsPath(DEMO_A.accountId);
      for (const [method, path] of [["GET", a], ["GET", `${a}/${DEMO_A_DEFAULT_ID}`], ["PATCH", `${a}/${DEMO_A_DEFAULT_ID}/checkDkimStatus`]] as const) {
        const answer = await call(base, method, path, { key: DEMO_A.apiKey });
        expect(answer.status).toBe(500);
        expect(answer.body).toEqual({ statusCode: 500, error: "Internal Server Error", message: ["Internal server error"] });
        expect(answer.text).not.toMatch(/disk|secret|string|\/src\/|\.ts/);
      }
      expect((await call(base, "POST", a, { key: DEMO_A.apiKey, body: { domain: "alive.example.com" } })).status).toBe(201);
    } finally {
      await real.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
