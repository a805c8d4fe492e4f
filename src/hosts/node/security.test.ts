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
import { listOperations, successStatus, type SpecOperation } from "../../spec/operations.js";
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

// Every documented operation, as the spec describes its request (a body from its first example).
const OPERATIONS = listOperations(loadBundledSpec());
const UNKNOWN_ID = "d0000000-0000-4000-8000-0000000fffff";

/** Sends the spec's request of `op` for account A with `key`; `id` names the domain (default: an unknown one). */
function sendOp(base: string, op: SpecOperation, key: string | undefined, options: { accountId?: string; id?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const request = specRequest(op, { accountId: options.accountId ?? DEMO_A.accountId, id: options.id ?? UNKNOWN_ID });
  const body = options.body ?? request.body;
  return call(base, request.method, request.path, { ...(key === undefined ? {} : { key }), ...(body === undefined ? {} : { body }), ...(options.headers ? { headers: options.headers } : {}) });
}

describe("API keys", () => {
  it("are never written to the request log, whatever the request", async () => {
    const statuses: number[] = [];
    const logged = async (answer: Promise<{ status: number }>) => statuses.push((await answer).status);
    for (const op of OPERATIONS) {
      // Safe methods read account A's real domain; the others name an unknown one, so nothing is lost.
      const id = op.method === "get" ? DEMO_A_DEFAULT_ID : UNKNOWN_ID;
      for (const key of [DEMO_A.apiKey, DEMO_B.apiKey, WRONG_KEY]) await logged(sendOp(mock.url, op, key, { id }));
      const example = specRequest(op, { accountId: DEMO_A.accountId, id }).body;
      // Keys inside a body the schema refuses (400), and inside a Prefer header.
      if (typeof example === "object" && example !== null) await logged(sendOp(mock.url, op, DEMO_A.apiKey, { id, body: { ...example, extra: DEMO_B.apiKey, other: WRONG_KEY } }));
      await logged(sendOp(mock.url, op, DEMO_A.apiKey, { id, headers: { prefer: `code=409, example=${WRONG_KEY}` } }));
    }
    await logged(call(mock.url, "GET", "/no/such/route", { key: DEMO_B.apiKey }));
    await new Promise((resolve) => setTimeout(resolve, 50)); // pino writes asynchronously
    const lines = logText.trim().split("\n").map((l) => JSON.parse(l) as { status?: number });
    expect(statuses).toEqual(expect.arrayContaining([200, 400, 401, 403, 404]));
    expect(lines.map((l) => l.status)).toEqual(expect.arrayContaining(statuses));
    for (const key of [DEMO_A.apiKey, DEMO_B.apiKey, WRONG_KEY]) expect(logText).not.toContain(key);
  });

  it.each(OPERATIONS.map((op) => [op.operationId, op] as const))("%s: a wrong key is not echoed in the answer", async (_id, op) => {
    const answer = await sendOp(mock.url, op, WRONG_KEY);
    expect(answer.status).toBe(401);
    expect(answer.text).not.toContain(WRONG_KEY);
  });
});

describe("accounts are sealed from each other", () => {
  const unknownId = UNKNOWN_ID;
  // Every documented operation on one domain (a path parameter `id`), as the spec describes its request.
  const onOneDomain = OPERATIONS.filter((op) => op.parameters.some((p) => p.in === "path" && p.name === "id"));

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

  it.each(OPERATIONS.map((op) => [op.operationId, op] as const))("%s with a key of one account on another account's path is a 403 that learns nothing of its domains, and changes nothing", async (_id, op) => {
    const bPath = `${domainsPath(DEMO_B.accountId)}/${DEMO_B_DOMAIN_ID}`;
    const before = await call(mock.url, "GET", bPath, { key: DEMO_B.apiKey });
    const existing = await sendOp(mock.url, op, DEMO_A.apiKey, { accountId: DEMO_B.accountId, id: DEMO_B_DOMAIN_ID });
    const missing = await sendOp(mock.url, op, DEMO_A.apiKey, { accountId: DEMO_B.accountId, id: unknownId });
    expect([existing.status, missing.status]).toEqual([403, 403]);
    expect(existing.text).toBe(missing.text);
    expect(existing.text).not.toContain("beta-corp");
    expect((await call(mock.url, "GET", bPath, { key: DEMO_B.apiKey })).text).toBe(before.text);
  });
});

describe("headers and the docs page", () => {
  it("sends helmet's security headers on every operation's data and errors, and on the docs", async () => {
    const expectHelmet = (answer: { headers: Headers }, what: string) => {
      expect(answer.headers.get("x-content-type-options"), what).toBe("nosniff");
      expect(answer.headers.get("x-frame-options"), what).toBe("SAMEORIGIN");
      expect(answer.headers.get("referrer-policy"), what).toBe("no-referrer");
      expect(answer.headers.get("x-powered-by"), what).toBeNull();
    };
    for (const op of OPERATIONS) {
      // Safe methods read account A's real domain (data); the others name an unknown one (an error, nothing lost).
      expectHelmet(await sendOp(mock.url, op, DEMO_A.apiKey, { id: op.method === "get" ? DEMO_A_DEFAULT_ID : UNKNOWN_ID }), op.operationId);
      expectHelmet(await sendOp(mock.url, op, WRONG_KEY), `${op.operationId} with a wrong key`);
    }
    for (const path of ["/no/such/route", "/docs/", "/openapi.json"]) expectHelmet(await call(mock.url, "GET", path, { key: DEMO_A.apiKey }), path);
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
  // Three ways a backend can fail: a rejected Error naming a file, a synchronous TypeError, a rejected non-Error.
  const FAILURES: Array<[string, () => Promise<never>]> = [
    ["a rejected Error", () => Promise.reject(new Error(`disk on fire at ${packageRoot}/src/storage/x.ts:12:3`))],
    [
      "a thrown TypeError",
      () => {
        throw new TypeError("Cannot read properties of undefined (reading 'secret')");
      },
    ],
    // eslint-disable-next-line prefer-promise-reject-errors
    ["a rejected string", () => Promise.reject("a string, not an Error")],
  ];

  it("of any store call of any operation become a 500 in the error shape with no stack, path or message, and the process goes on", async () => {
    const spec = loadBundledSpec();
    const seed = loadSeedFile(demoSeedFile, createSchemaValidators(spec));
    const real = createMemoryStore(seed, systemEnvironment());
    let failure: (() => Promise<never>) | undefined;
    // Every store call fails while `failure` is set, except the key's lookup, so that each request reaches its operation.
    const failing = new Proxy(real, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => (failure && property !== "accountForKey" ? failure() : (value as (...a: unknown[]) => unknown).apply(target, args));
      },
    }) as EmailDomainStore;
    const app = createApp({ store: failing, spec, controlSpec: loadBundledSpec(bundledControlSpecJson), seed, options: { logger: pino({ level: "silent" }) } });
    const server = createServer(app).listen(0, "127.0.0.1");
    await once(server, "listening");
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const op of OPERATIONS) {
        for (const [how, fail] of FAILURES) {
          failure = fail;
          const answer = await sendOp(base, op, DEMO_A.apiKey, { id: DEMO_A_DEFAULT_ID });
          expect(answer.status, `${op.operationId}, ${how}`).toBe(500);
          expect(answer.body).toEqual({ statusCode: 500, error: "Internal Server Error", message: ["Internal server error"] });
          expect(answer.text).not.toMatch(/disk|secret|string|\/src\/|\.ts/);
        }
      }
      failure = undefined;
      // The process goes on: every operation answers again (safe ones their success; the others, on an unknown id, not a 5xx).
      for (const op of OPERATIONS) {
        const answer = await sendOp(base, op, DEMO_A.apiKey, { id: op.method === "get" ? DEMO_A_DEFAULT_ID : UNKNOWN_ID });
        if (op.method === "get") expect(answer.status, op.operationId).toBe(successStatus(op));
        else expect(answer.status, op.operationId).toBeLessThan(500);
      }
    } finally {
      failure = undefined;
      await real.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
