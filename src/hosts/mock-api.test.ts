// The mock over HTTP, with its response self-check on: every operation, every documented status, and the
// behaviour frontends rely on (state that stays, Prefer, delay, CORS, 404/405, control endpoints). Run
// through the server and through the in-process fetch host alike; CORS and the static files are the server's.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { API_KEY_HEADER } from "../generated/spec-values.js";
import { listOperations, successStatus } from "../spec/operations.js";
import { loadBundledSpec } from "../spec/load-spec.js";
import type { EmailDomain } from "../storage/types.js";
import { DEMO_A, DEMO_B, listAll as listAccount } from "../../test-support/demo-api.js";
import { HOST_NAMES, startHost, type MockHost } from "../../test-support/mock-hosts.js";
import { specRequest } from "../../contract-tests/support/spec-requests.js";

const A = { id: DEMO_A.accountId, key: DEMO_A.apiKey };
const B = { id: DEMO_B.accountId, key: DEMO_B.apiKey };
const A_PENDING = "d0000000-0000-4000-8000-00000000a002";
const B_DOMAIN = "d0000000-0000-4000-8000-00000000b001";
const UNKNOWN = "d0000000-0000-4000-8000-0000000fffff";
// Every documented operation, and those on one domain (a path parameter `id`): the tables below are drawn from
// the spec, so an operation it gains is exercised here (and its statuses counted) without an edit.
const OPERATIONS = listOperations(loadBundledSpec());
const ON_ONE_DOMAIN = OPERATIONS.filter((op) => op.parameters.some((p) => p.in === "path" && p.name === "id"));

describe.each(HOST_NAMES)("through the %s host", (hostName) => {
  let mock: MockHost;
  const seen = new Set<string>(); // "operationId status", to prove every documented pair is exercised

  beforeAll(async () => {
    mock = await startHost(hostName);
  });
  afterAll(async () => {
    await mock.close();
  });
  beforeEach(async () => {
    await mock.fetch(`${mock.url}/__mock/reset`, { method: "POST" });
  });

  type Call = { method?: string; key?: string | null; body?: unknown; raw?: string; type?: string; headers?: Record<string, string> };
  async function call(operationId: string, path: string, { method = "GET", key = A.key, body, raw, type, headers = {} }: Call = {}) {
    const h: Record<string, string> = { ...headers };
    if (key !== null) h[API_KEY_HEADER] = key;
    const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
    if (payload !== undefined) h["content-type"] = type ?? "application/json";
    const res = await mock.fetch(mock.url + path, { method, headers: h, ...(payload === undefined ? {} : { body: payload }) });
    const text = await res.text();
    seen.add(`${operationId} ${res.status}`);
    // 503 is documented (the store is down); any other 5xx is a bug.
    if (res.status !== 503) expect(res.status, `${method} ${path}: ${text}`).toBeLessThan(500);
    return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as any) : undefined };
  }
  /** The operation's body limit, from `x-max-body-bytes` in the spec. */
  const bodyLimit = (operationId: string) => listOperations(loadBundledSpec()).find((op) => op.operationId === operationId)!.maxBodyBytes!;
  const domains = (account = A.id) => `/api/v1/accounts/${account}/email-domains`;
  const one = (id: string, account = A.id) => `${domains(account)}/${id}`;
  const check = (id: string, account = A.id) => `${one(id, account)}/checkDkimStatus`;
  const errorShape = (status: number) => ({ statusCode: status, error: expect.any(String), message: expect.anything() });

  /** The operation's request as the spec describes it (spec-requests.ts), on account A's domain `id`. */
  const callFromSpec = (op: (typeof OPERATIONS)[number], id: string, account = A.id) => {
    const request = specRequest(op, { accountId: account, id });
    return call(op.operationId, request.path, { method: request.method, body: request.body });
  };

  /** Every domain of account A, through this host. */
  const listAll = () => listAccount(mock.url, DEMO_A, (request) => mock.fetch(request));

  describe("createEmailDomain", () => {
    it("201 stores the domain in lower case with the initial state, and it stays", async () => {
      const created = await call("createEmailDomain", domains(), { method: "POST", body: { domain: "News.Example.COM" } });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({
        domain: "news.example.com", description: null, accountId: A.id, isDefault: false, deactivated: false,
        tokenVerificationStatus: "waiting_for_provider", dkimStatus: "waiting_for_user", spfCheckStatus: "waiting_for_user",
        dmarcStatus: "waiting_for_user", tokenVerificationAttempts: 0, dkimAttempts: 0, isVerified: false,
      });
      expect(created.json.verificationToken).toEqual(expect.any(String));
      const fetched = await call("getEmailDomain", one(created.json.id));
      expect(fetched.json).toEqual(created.json);
      expect((await listAll()).at(-1)).toEqual(created.json);
    });

    it("409 for a name the account already has, in any letter case, and nothing is added", async () => {
      const before = await listAll();
      const again = await call("createEmailDomain", domains(), { method: "POST", body: { domain: "ACME-shop.com" } });
      expect(again.status).toBe(409);
      expect(again.json).toEqual(errorShape(409));
      expect(await listAll()).toEqual(before);
    });

    it("lets another account hold the same name", async () => {
      expect((await call("createEmailDomain", domains(B.id), { method: "POST", key: B.key, body: { domain: "acme-shop.com" } })).status).toBe(201);
    });

    it.each([
      ["an unknown property", { domain: "x.example.com", name: "x" }, "name"],
      ["a single-label domain", { domain: "localhost" }, "domain"],
      ["a description over 500 characters", { domain: "x.example.com", description: "d".repeat(501) }, "description"],
      ["a missing domain", { description: "x" }, "domain"],
      ["an array body", [{ domain: "x.example.com" }], "body"],
    ])("400 for %s, naming the field, and nothing is created", async (_name, body, field) => {
      const before = await listAll();
      const res = await call("createEmailDomain", domains(), { method: "POST", body });
      expect(res.status).toBe(400);
      expect(res.json).toEqual(errorShape(400));
      expect(JSON.stringify(res.json.message)).toContain(field);
      expect(await listAll()).toEqual(before);
    });

    it("400 for malformed JSON, 415 for a non-JSON body, 413 over the spec's body limit", async () => {
      expect((await call("createEmailDomain", domains(), { method: "POST", raw: '{"domain":' })).status).toBe(400);
      expect((await call("createEmailDomain", domains(), { method: "POST", raw: "domain=x.com", type: "text/plain" })).status).toBe(415);
      const big = await call("createEmailDomain", domains(), { method: "POST", body: { domain: "x.example.com", description: "x".repeat(bodyLimit("createEmailDomain")) } });
      expect(big.status).toBe(413);
      expect(big.json).toEqual(errorShape(413));
    });

    it("makes the first domain of an empty account its default", async () => {
      const seed = { accounts: [{ accountId: A.id, organizationId: A.id, creatorId: A.id, apiKeys: [A.key] }] };
      await mock.fetch(`${mock.url}/__mock/seed`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(seed) });
      const first = await call("createEmailDomain", domains(), { method: "POST", body: { domain: "first.example.com" } });
      const second = await call("createEmailDomain", domains(), { method: "POST", body: { domain: "second.example.com" } });
      expect([first.json.isDefault, second.json.isDefault]).toEqual([true, false]);
    });
  });

  describe("listEmailDomains", () => {
    it("orders by createdAt then id, pages from start, and gives [] past the end", async () => {
      const all = await listAll();
      const sorted = [...all].sort((x, y) => x.createdAt.localeCompare(y.createdAt) || x.id.localeCompare(y.id));
      expect(all.map((d) => d.id)).toEqual(sorted.map((d) => d.id));
      expect((await call("listEmailDomains", `${domains()}?start=2`)).json).toEqual(all.slice(2));
      expect((await call("listEmailDomains", `${domains()}?start=${all.length}`)).json).toEqual([]);
    });

    it("pages by the page size", async () => {
      const small = await startHost(hostName, { pageSize: 2 });
      try {
        const page = await small.fetch(`${small.url}${domains()}?start=1`, { headers: { [API_KEY_HEADER]: A.key } }).then((r) => r.json());
        expect(page.map((d: EmailDomain) => d.id)).toEqual((await listAll()).slice(1, 3).map((d) => d.id));
      } finally {
        await small.close();
      }
    });

    it.each(["-1", "1.5", "abc", "1&start=2", ""])("400 for start=%s", async (start) => {
      const res = await call("listEmailDomains", `${domains()}?start=${start}`);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.json.message)).toContain("start");
    });
  });

  describe("getEmailDomain, updateEmailDomain, deleteEmailDomain, checkEmailDomainDkimStatus", () => {
    it("update changes description and modifiedAt only", async () => {
      const before = (await call("getEmailDomain", one(A_PENDING))).json;
      const updated = await call("updateEmailDomain", one(A_PENDING), { method: "PATCH", body: { description: "Weekly digest" } });
      expect(updated.status).toBe(200);
      const { description, modifiedAt, ...rest } = updated.json;
      expect(description).toBe("Weekly digest");
      expect(modifiedAt).not.toBe(before.modifiedAt);
      const { description: _d, modifiedAt: _m, ...restBefore } = before;
      expect(rest).toEqual(restBefore);
      expect((await call("getEmailDomain", one(A_PENDING))).json).toEqual(updated.json);
    });

    it("update rejects a missing description, unknown fields and 413/415 bodies, changing nothing", async () => {
      const before = (await call("getEmailDomain", one(A_PENDING))).json;
      expect((await call("updateEmailDomain", one(A_PENDING), { method: "PATCH", body: {} })).status).toBe(400);
      expect((await call("updateEmailDomain", one(A_PENDING), { method: "PATCH", body: { description: "x", domain: "y.com" } })).status).toBe(400);
      expect((await call("updateEmailDomain", one(A_PENDING), { method: "PATCH", raw: "x", type: "text/plain" })).status).toBe(415);
      expect((await call("updateEmailDomain", one(A_PENDING), { method: "PATCH", body: { description: "x".repeat(bodyLimit("updateEmailDomain")) } })).status).toBe(413);
      expect((await call("getEmailDomain", one(A_PENDING))).json).toEqual(before);
    });

    it("check moves the lifecycle and counts attempts", async () => {
      const first = await call("checkEmailDomainDkimStatus", check(A_PENDING), { method: "PATCH" });
      expect(first.status).toBe(200);
      expect(first.json).toMatchObject({ tokenVerificationStatus: "verified", dkimStatus: "waiting_for_provider", dkimAttempts: 1 });
      const second = await call("checkEmailDomainDkimStatus", check(A_PENDING), { method: "PATCH" });
      expect(second.json).toMatchObject({ dkimStatus: "verified", isVerified: true, dkimAttempts: 2 });
    });

    it("delete gives 204, then every operation on the id gives 404, and the oldest domain becomes default", async () => {
      const all = await listAll();
      const def = all.find((d) => d.isDefault)!;
      const res = await call("deleteEmailDomain", one(def.id), { method: "DELETE" });
      expect(res.status).toBe(204);
      expect(res.json).toBeUndefined();
      // Every operation on one domain, as the spec describes its request.
      for (const op of ON_ONE_DOMAIN) {
        const gone = await callFromSpec(op, def.id);
        expect(gone.status, op.operationId).toBe(404);
        expect(gone.json).toEqual(errorShape(404));
      }
      const after = await listAll();
      expect(after.map((d) => d.id)).toEqual(all.filter((d) => d.id !== def.id).map((d) => d.id));
      expect(after.filter((d) => d.isDefault).map((d) => d.id)).toEqual([after[0]!.id]);
    });

    it.each(ON_ONE_DOMAIN.map((op) => [op.operationId, op] as const))("%s: its documented success on one of the account's domains", async (_id, op) => {
      expect((await callFromSpec(op, A_PENDING)).status).toBe(successStatus(op));
    });

    it.each(ON_ONE_DOMAIN.map((op) => [op.operationId, op] as const))("%s: 404 for an unknown id and for another account's domain, 400 for a malformed id", async (_id, op) => {
      expect((await callFromSpec(op, UNKNOWN)).status).toBe(404);
      expect((await callFromSpec(op, B_DOMAIN)).status).toBe(404);
      expect((await callFromSpec(op, "not-a-uuid")).status).toBe(400);
      const bDomain = (await call("getEmailDomain", one(B_DOMAIN, B.id), { key: B.key })).json;
      expect(bDomain).toMatchObject({ id: B_DOMAIN, accountId: B.id, description: "Account B's only domain", dkimAttempts: 1 });
    });
  });

  describe("authentication on every operation", () => {
    const operations = listOperations(loadBundledSpec());

    it.each(operations.map((op) => [op.operationId, op] as const))("%s: 401 without a key or with an unknown one, 403 with another account's key", async (_id, op) => {
      const before = await listAll();
      // The operation's request as the spec describes it (its body from the first example).
      const { method, path, body } = specRequest(op, { accountId: A.id, id: A_PENDING });
      for (const key of [null, "no-such-key"]) {
        const res = await call(op.operationId, path, { method, key, body });
        expect(res.status).toBe(401);
        expect(res.json).toEqual(errorShape(401));
      }
      const foreign = await call(op.operationId, path, { method, key: B.key, body });
      expect(foreign.status).toBe(403);
      expect(foreign.json).toEqual(errorShape(403));
      expect(await listAll()).toEqual(before);
    });

    it("400 for an accountId that is not a UUID", async () => {
      expect((await call("listEmailDomains", domains("nope"))).status).toBe(400);
    });
  });

  describe("Prefer, delay, CORS and unknown routes", () => {
    it("Prefer: code=409 answers the spec's example without touching state", async () => {
      const before = await listAll();
      const res = await call("createEmailDomain", domains(), { method: "POST", body: { domain: "prefer.example.com" }, headers: { prefer: "code=409" } });
      expect(res.status).toBe(409);
      const example = listOperations(loadBundledSpec()).find((o) => o.operationId === "createEmailDomain")!.responses["409"]!.content["application/json"]!.examples;
      expect(Object.values(example)).toContainEqual(res.json);
      expect(await listAll()).toEqual(before);
    });

    it("Prefer: example=NAME picks a named example", async () => {
      const res = await call("getEmailDomain", one(A_PENDING), { headers: { prefer: "example=dkimFailed" } });
      expect(res.json).toMatchObject({ dkimStatus: "failed" });
    });

    it("Prefer: delay=MS delays the answer", async () => {
      const started = performance.now();
      await call("listEmailDomains", domains(), { headers: { prefer: "delay=300" } });
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    });

    if (hostName === "server") it("answers a CORS preflight for x-api-key from any origin", async () => {
      const res = await mock.fetch(mock.url + domains(), {
        method: "OPTIONS",
        headers: { origin: "http://localhost:5173", "access-control-request-method": "POST", "access-control-request-headers": `${API_KEY_HEADER},content-type` },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("access-control-allow-headers")).toContain(API_KEY_HEADER);
    });

    it("405 with Allow for an undocumented method, 404 for an unknown route, both in the error shape", async () => {
      const put = await mock.fetch(mock.url + domains(), { method: "PUT", headers: { [API_KEY_HEADER]: A.key } });
      expect(put.status).toBe(405);
      expect(put.headers.get("allow")).toBe("GET, POST, HEAD");
      expect(await put.json()).toEqual(errorShape(405));
      const nowhere = await mock.fetch(`${mock.url}/api/v2/nothing`);
      expect(nowhere.status).toBe(404);
      expect(await nowhere.json()).toEqual(errorShape(404));
    });

    if (hostName === "server") it("serves the bundled spec as JSON and YAML", async () => {
      const json = await mock.fetch(`${mock.url}/openapi.json`);
      expect(json.headers.get("content-type")).toContain("application/json");
      expect((await json.json()).paths).toHaveProperty(["/api/v1/accounts/{accountId}/email-domains"]);
      const yaml = await mock.fetch(`${mock.url}/openapi.yaml`);
      expect(yaml.headers.get("content-type")).toContain("yaml");
      expect(await yaml.text()).toContain("operationId: checkEmailDomainDkimStatus");
    });
  });

  describe("control endpoints", () => {
    it("set any verification state, keeping the invariants", async () => {
      const path = `${mock.url}/__mock/accounts/${A.id}/email-domains/${A_PENDING}/verification`;
      const res = await mock.fetch(path, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ tokenVerificationStatus: "verified", dkimStatus: "verified" }) });
      expect(res.status).toBe(200);
      expect((await call("getEmailDomain", one(A_PENDING))).json).toMatchObject({ isVerified: true, dkimCompletedAt: expect.any(String) });
      const bad = await mock.fetch(path, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ dkimStatus: "done" }) });
      expect(bad.status).toBe(400);
    });

    it("reject an invalid seed with the field and rule, and keep the data", async () => {
      const before = await listAll();
      const res = await mock.fetch(`${mock.url}/__mock/seed`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ accounts: [{ accountId: "x" }] }) });
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain("/accounts/0/accountId");
      expect(await listAll()).toEqual(before);
    });

    // The control spec documents 415 and 413 (with its own x-max-body-bytes); these were 500s before.
    it.each(["/__mock/seed", "/__mock/faults"])("%s: refuse a body that is not JSON with the documented 415", async (path) => {
      const res = await mock.fetch(`${mock.url}${path}`, { method: "PUT", headers: { "content-type": "text/plain" }, body: "x" });
      expect(res.status).toBe(415);
      expect(await res.json()).toMatchObject({ statusCode: 415, error: "Unsupported Media Type" });
    });

    it("list the accounts and their keys", async () => {
      const accounts = await mock.fetch(`${mock.url}/__mock/accounts`).then((r) => r.json());
      expect(accounts).toEqual(expect.arrayContaining([expect.objectContaining({ accountId: B.id, apiKeys: [B.key] })]));
    });
  });

  describe("store outage (simulated with PUT /__mock/faults)", () => {
    const faults = (storeUnavailable: boolean) =>
      mock.fetch(`${mock.url}/__mock/faults`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ storeUnavailable }) });

    it("503 in the error shape with Retry-After on every operation, not ready, and service resumes when it ends", async () => {
      expect((await mock.fetch(`${mock.url}/__mock/health`)).status).toBe(200);
      expect((await faults(true)).status).toBe(204);
      try {
        const answers = [];
        for (const op of OPERATIONS) answers.push(await callFromSpec(op, A_PENDING));
        for (const answer of answers) {
          expect(answer.status).toBe(503);
          expect(answer.json).toEqual(errorShape(503));
          expect(Number(answer.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
        }
        const health = await mock.fetch(`${mock.url}/__mock/health`);
        expect(health.status).toBe(503);
        expect(await health.json()).toEqual(errorShape(503));
        expect((await mock.fetch(`${mock.url}/__mock/accounts`)).status).toBe(503);
      } finally {
        await faults(false);
      }
      expect(await (await mock.fetch(`${mock.url}/__mock/health`)).json()).toEqual({ status: "ok" });
      expect((await call("getEmailDomain", one(A_PENDING))).status).toBe(200);
      expect((await listAll()).some((d) => d.domain === "during-outage.example.com")).toBe(false);
    });
  });

  describe("coverage of the contract", () => {
    it("every documented (operation, status) pair was answered by this host in this file", () => {
      const pairs = listOperations(loadBundledSpec()).flatMap((op) => Object.keys(op.responses).map((s) => `${op.operationId} ${s}`));
      expect(pairs.filter((p) => !seen.has(p))).toEqual([]);
    });
  });
});
