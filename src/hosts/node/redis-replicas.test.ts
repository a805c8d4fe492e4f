// Two mock processes (the real CLI) on one Redis, as replicas behind a load balancer: what one does the other
// sees; one name raced over both gives one 201; kill -9 of one loses nothing it acknowledged; Redis killed and
// restarted mid-run gives 503 while down and loses nothing acknowledged (appendfsync always); the control
// token locks /__mock/* but not the health check.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { call, DEMO_A, DEMO_A_DEFAULT_ID, DEMO_B, domainsPath, listAll } from "../../../test-support/demo-api.js";
import { startRedisServer, type TestRedis } from "../../../test-support/redis-server.js";
import { startRoundRobinProxy } from "../../../test-support/round-robin-proxy.js";
import { spawnServer, type SpawnedServer } from "../../../test-support/spawn-server.js";

const TOKEN = "test-control-token-7f3a";
const CONTROL = { "x-mock-control-token": TOKEN };
let redis: TestRedis;
let prefixes = 0;
const servers: SpawnedServer[] = [];
const extraRedis: TestRedis[] = [];

beforeAll(async () => {
  redis = await startRedisServer({ durable: true });
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.kill();
  for (const server of extraRedis.splice(0)) await server.stop();
});
afterAll(async () => {
  await redis?.stop();
});

async function replica(on: TestRedis, prefix: string, extra: string[] = []): Promise<SpawnedServer> {
  const server = await spawnServer(["--redis-url", on.url, "--redis-prefix", prefix, "--control-token", TOKEN, "--quiet", ...extra]);
  servers.push(server);
  return server;
}

async function twoReplicas(on: TestRedis = redis): Promise<[SpawnedServer, SpawnedServer]> {
  const prefix = `replicas-${++prefixes}:`;
  // One after the other: the first seeds the empty Redis, the second finds the world there.
  const one = await replica(on, prefix);
  return [one, await replica(on, prefix)];
}

const path = domainsPath(DEMO_A.accountId);

describe("two mock processes on one Redis", () => {
  it("read, update, check and delete through one what was created through the other", async () => {
    const [one, two] = await twoReplicas();
    const created = await call(one.url, "POST", path, { key: DEMO_A.apiKey, body: { domain: "Shared.Example.com", description: "from one" } });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    expect((await call(two.url, "GET", `${path}/${id}`, { key: DEMO_A.apiKey })).body).toEqual(created.body);
    const updated = await call(two.url, "PATCH", `${path}/${id}`, { key: DEMO_A.apiKey, body: { description: "from two" } });
    expect(updated.status).toBe(200);
    expect((await call(one.url, "GET", `${path}/${id}`, { key: DEMO_A.apiKey })).body).toEqual(updated.body);
    const checked = await call(one.url, "PATCH", `${path}/${id}/checkDkimStatus`, { key: DEMO_A.apiKey });
    expect((checked.body as { dkimAttempts: number }).dkimAttempts).toBe(1);
    const again = await call(two.url, "PATCH", `${path}/${id}/checkDkimStatus`, { key: DEMO_A.apiKey });
    expect((again.body as { dkimAttempts: number }).dkimAttempts).toBe(2);
    expect((await call(one.url, "POST", path, { key: DEMO_A.apiKey, body: { domain: "shared.EXAMPLE.com" } })).status).toBe(409);
    expect((await call(two.url, "DELETE", `${path}/${id}`, { key: DEMO_A.apiKey })).status).toBe(204);
    expect((await call(one.url, "GET", `${path}/${id}`, { key: DEMO_A.apiKey })).status).toBe(404);
    expect((await call(two.url, "DELETE", `${path}/${id}`, { key: DEMO_A.apiKey })).status).toBe(404);
    // A reset through one is what the other serves next.
    await call(one.url, "POST", path, { key: DEMO_A.apiKey, body: { domain: "before-reset.example.com" } });
    expect((await call(two.url, "POST", "/__mock/reset", { headers: CONTROL })).status).toBe(204);
    expect(await listAll(one.url, DEMO_A)).toEqual(await listAll(two.url, DEMO_A));
    expect((await listAll(one.url, DEMO_A)).some((d) => d["domain"] === "before-reset.example.com")).toBe(false);
  }, 60_000);

  it("of 50 concurrent creates of one name split over both, exactly one is 201 and 49 are 409", async () => {
    const [one, two] = await twoReplicas();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => call(i % 2 ? one.url : two.url, "POST", domainsPath(DEMO_B.accountId), { key: DEMO_B.apiKey, body: { domain: i % 3 ? "race.example.com" : "RACE.example.COM" } })),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const listed = await listAll(one.url, DEMO_B);
    expect(listed.filter((d) => d["domain"] === "race.example.com")).toHaveLength(1);
  }, 60_000);

  it("after kill -9 of one mid-burst, every write it acknowledged is read back through the other", async () => {
    const [one, two] = await twoReplicas();
    const acknowledged = new Map<string, string>(); // id -> the 201 body as sent
    let killed = false;
    let next = 0;
    const TOTAL = 600;
    const client = async () => {
      while (next < TOTAL) {
        const i = next++;
        try {
          const res = await call(one.url, "POST", path, { key: DEMO_A.apiKey, body: { domain: `n${i}.burst.example.com`, description: `burst-${i}` } });
          expect(res.status).toBe(201);
          acknowledged.set((res.body as { id: string }).id, res.text);
        } catch (error) {
          if (!killed) throw error; // only the kill may break a request
        }
        if (acknowledged.size >= 150 && !killed) {
          killed = true;
          one.child.kill("SIGKILL");
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, client));
    expect((await one.exited).signal).toBe("SIGKILL");
    expect(next).toBeGreaterThan(150);
    const byId = new Map((await listAll(two.url, DEMO_A)).map((d) => [d["id"] as string, d]));
    for (const [id, text] of acknowledged) {
      expect(byId.has(id), `acknowledged ${id} is missing`).toBe(true);
      expect(JSON.stringify(byId.get(id))).toBe(text);
    }
  }, 60_000);

  it("answers 503 while Redis is down, serves again when it is back, and loses no acknowledged write (appendfsync always)", async () => {
    const own = await startRedisServer({ durable: true });
    extraRedis.push(own);
    const [one, two] = await twoReplicas(own);
    const proxy = await startRoundRobinProxy([one.url, two.url]);
    try {
      const acknowledged = new Map<string, string>();
      const statuses = new Set<number>();
      let phase: "before" | "down" | "after" = "before";
      let i = 0;
      const writer = async () => {
        while (phase !== "after" || acknowledged.size < 120) {
          const res = await call(proxy.url, "POST", path, { key: DEMO_A.apiKey, body: { domain: `w${i++}.outage.example.com` } });
          if (phase === "down") statuses.add(res.status);
          if (res.status === 201) acknowledged.set((res.body as { id: string }).id, res.text);
          else {
            expect(res.status).toBe(503);
            expect(res.body).toEqual({ statusCode: 503, error: "Service Unavailable", message: [expect.any(String)] });
            await new Promise((r) => setTimeout(r, 5));
          }
          if (i > 20_000) throw new Error("service did not resume");
        }
      };
      const writers = [writer(), writer(), writer(), writer()];
      while (acknowledged.size < 60) await new Promise((r) => setTimeout(r, 10));
      await own.kill();
      phase = "down";
      // Both replicas say "not ready" while Redis is down, and every API request gets the documented 503.
      for (const replicaUrl of [one.url, two.url]) expect((await call(replicaUrl, "GET", "/__mock/health")).status).toBe(503);
      expect((await call(proxy.url, "GET", `${path}/${DEMO_A_DEFAULT_ID}`, { key: DEMO_A.apiKey })).status).toBe(503);
      await own.restart();
      phase = "after";
      await Promise.all(writers);
      expect(statuses).toContain(503);
      expect((await call(one.url, "GET", "/__mock/health")).status).toBe(200);
      const byId = new Map((await listAll(two.url, DEMO_A)).map((d) => [d["id"] as string, d]));
      for (const [id, text] of acknowledged) {
        expect(byId.has(id), `acknowledged ${id} is missing`).toBe(true);
        expect(JSON.stringify(byId.get(id))).toBe(text);
      }
      expect(one.child.exitCode).toBeNull();
      expect(two.child.exitCode).toBeNull();
    } finally {
      await proxy.close();
    }
  }, 90_000);
});

describe("the control token", () => {
  it("locks every /__mock/* route but the health check, with a 401 in the error shape, and never shows the token", async () => {
    // Not --quiet: the request log is on, and must not show the token either.
    const one = await spawnServer(["--redis-url", redis.url, "--redis-prefix", `token-${++prefixes}:`, "--control-token", TOKEN]);
    servers.push(one);
    const routes: Array<[string, string, unknown?]> = [
      ["GET", "/__mock/accounts"],
      ["POST", "/__mock/reset"],
      ["PUT", "/__mock/seed", { accounts: [] }],
      ["PUT", "/__mock/faults", { storeUnavailable: true }],
      ["PATCH", `/__mock/accounts/${DEMO_A.accountId}/email-domains/${DEMO_A_DEFAULT_ID}/verification`, { dkimStatus: "failed" }],
    ];
    for (const [method, route, body] of routes) {
      for (const headers of [{}, { "x-mock-control-token": `${TOKEN}x` }, { "x-mock-control-token": "" }] as Array<Record<string, string>>) {
        const res = await call(one.url, method, route, { headers, body });
        expect(res.status, `${method} ${route}`).toBe(401);
        expect(res.body).toEqual({ statusCode: 401, error: "Unauthorized", message: [expect.any(String)] });
        expect(res.text).not.toContain(TOKEN);
      }
    }
    expect((await call(one.url, "GET", "/__mock/health")).status).toBe(200);
    expect((await call(one.url, "GET", "/__mock/accounts", { headers: CONTROL })).status).toBe(200);
    // Nothing changed: the locked writes did not happen.
    expect((await listAll(one.url, DEMO_A)).find((d) => d["id"] === DEMO_A_DEFAULT_ID)?.["dkimStatus"]).not.toBe("failed");
    // A browser may send the header: the CORS preflight allows it.
    const preflight = await fetch(`${one.url}/__mock/reset`, {
      method: "OPTIONS",
      headers: { origin: "http://app.example", "access-control-request-method": "POST", "access-control-request-headers": "x-mock-control-token" },
    });
    expect(preflight.headers.get("access-control-allow-headers")?.split(",")).toContain("x-mock-control-token");
    expect(one.output()).not.toContain(TOKEN);
  }, 60_000);

  it("leaves the control endpoints open without the flag, and the banner says so", async () => {
    const open = await spawnServer(["--redis-url", redis.url, "--redis-prefix", `open-${++prefixes}:`]);
    servers.push(open);
    expect(open.output()).toMatch(/Control .*OPEN to anyone/);
    expect((await call(open.url, "GET", "/__mock/accounts")).status).toBe(200);
    const locked = await spawnServer(["--redis-url", redis.url, "--redis-prefix", `locked-${++prefixes}:`, "--control-token", TOKEN]);
    servers.push(locked);
    expect(locked.output()).toMatch(/Control .*need the x-mock-control-token header/);
    expect(locked.output()).not.toContain(TOKEN);
  }, 60_000);

  it("refuses to start when Redis does not answer: one line, exit code 1", async () => {
    const gone = await startRedisServer();
    await gone.stop();
    await expect(spawnServer(["--redis-url", gone.url, "--quiet"], 20_000)).rejects.toThrow(/exited \(1\) before listening:\s*Cannot start the mock: Redis at unix:\/\/.* did not answer within \d+ ms\s*$/);
  }, 30_000);
});
