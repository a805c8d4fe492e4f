// What only the Redis backend has to prove: several stores (as in several mock processes) on one Redis agree
// and stay atomic, a reset is seen whole or not at all, prefixes keep mocks apart, a Redis that is down or
// stopped gives StoreUnavailableError and service resumes by itself, and with appendfsync always an
// acknowledged write survives kill -9 of redis-server. The shared behaviour is the conformance suite's (test-support/store-conformance.ts).
import { randomUUID } from "node:crypto";
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startRedisServer, type TestRedis } from "../../test-support/redis-server.js";
import { ACCOUNT_A, ACCOUNT_B, ACCOUNT_EMPTY, snapshotStore, testEnvironment, testSeed } from "../../test-support/store-fixtures.js";
import { createRedisStore } from "../domain/open-redis-store.js";
import { testStoreBackend } from "../../test-support/store-conformance.js";
import { createRedisBackend, type RedisStoreOptions } from "./redis-store.js";
import { ApiKeyRevokedError, StoreUnavailableError } from "./store-errors.js";
import type { Account, EmailDomain, EmailDomainStore, Seed } from "./types.js";

let redis: TestRedis;
let prefixes = 0;
const stores: EmailDomainStore[] = [];
const extraServers: TestRedis[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
});
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const server of extraServers.splice(0)) await server.stop();
});
afterAll(async () => {
  await redis?.stop();
});

const freshPrefix = () => `redis-test-${++prefixes}:`;

testStoreBackend({ name: "redis", open: async (initial) => createRedisBackend(() => initial, { url: redis.url, prefix: freshPrefix() }) });

/** The test clock, with random ids: two processes never draw the same id, two test environments would. */
const replicaEnvironment = () => ({ ...testEnvironment(), newId: randomUUID });

async function open(seed: Seed, options: Partial<RedisStoreOptions> & { prefix: string }, server: TestRedis = redis) {
  const store = await createRedisStore(seed, replicaEnvironment(), { url: server.url, ...options });
  stores.push(store);
  return store;
}

/** Two stores on one Redis and one prefix: what two mock processes behind a load balancer are. */
async function twoReplicas(seed: Seed = testSeed()) {
  const prefix = freshPrefix();
  return [await open(seed, { prefix }), await open(seed, { prefix })] as const;
}

async function account(store: EmailDomainStore, accountId: string): Promise<Account> {
  return (await store.accounts()).find((a) => a.accountId === accountId)!;
}

describe("Redis store: several stores on one Redis", () => {
  it("seeds an empty Redis once; a second store keeps what is there", async () => {
    const prefix = freshPrefix();
    const one = await open(testSeed(), { prefix });
    const two = await open({ accounts: [] }, { prefix });
    expect([one.initialisedFromSeed, two.initialisedFromSeed]).toEqual([true, false]);
    expect((await two.accounts()).map((a) => a.accountId)).toEqual([ACCOUNT_A, ACCOUNT_B, ACCOUNT_EMPTY]);
    const created = await one.create(await account(one, ACCOUNT_A), { domain: "shared.example.com" });
    expect("created" in created).toBe(true);
    const third = await open(testSeed(), { prefix });
    expect(third.initialisedFromSeed).toBe(false);
    expect((await third.list(ACCOUNT_A, 0, 10)).map((d) => d.domain)).toContain("shared.example.com");
  });

  it("of 50 concurrent creates of one name split over two stores, exactly one succeeds, and both see it", async () => {
    const [one, two] = await twoReplicas();
    const a = await account(one, ACCOUNT_EMPTY);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 ? one : two).create(a, { domain: i % 3 ? "race.example.com" : "RACE.Example.com" })),
    );
    const created = results.filter((r): r is { created: EmailDomain } => "created" in r);
    expect(created).toHaveLength(1);
    expect(created[0]!.created.isDefault).toBe(true);
    for (const store of [one, two]) expect((await store.list(ACCOUNT_EMPTY, 0, 100)).map((d) => d.id)).toEqual([created[0]!.created.id]);
  });

  it("keeps exactly one default while two stores create and delete in one account at once", async () => {
    const [one, two] = await twoReplicas();
    const a = await account(one, ACCOUNT_EMPTY);
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).create(a, { domain: `d${i}.example.com` })));
    const all = await one.list(ACCOUNT_EMPTY, 0, 100);
    expect(all.filter((d) => d.isDefault)).toHaveLength(1);
    // Delete the default and others while creating more: the default moves, and never doubles or vanishes.
    await Promise.all([
      ...all.slice(0, 12).map((d, i) => (i % 2 ? one : two).remove(ACCOUNT_EMPTY, d.id)),
      ...Array.from({ length: 8 }, (_, i) => (i % 2 ? two : one).create(a, { domain: `late${i}.example.com` })),
    ]);
    const after = await two.list(ACCOUNT_EMPTY, 0, 100);
    expect(after).toHaveLength(16);
    expect(after.filter((d) => d.isDefault).map((d) => d.id)).toEqual([after[0]!.id]);
  });

  it("loses no update when two stores run the verification simulation on one domain at once", async () => {
    const [one, two] = await twoReplicas();
    const id = "d0000000-0000-4000-8000-00000000a001";
    const before = (await one.get(ACCOUNT_A, id))!;
    await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? one : two).checkDkimStatus(ACCOUNT_A, id)));
    expect((await two.get(ACCOUNT_A, id))!.dkimAttempts).toBe(before.dkimAttempts + 30);
  });

  it("lets a reader see the old world or the new one during resets, never part of each", async () => {
    // Worlds big enough that writing one takes several commands (chunks of 1000 domains).
    const world = (tag: string, count: number, key: string): Seed => ({
      accounts: [
        {
          accountId: ACCOUNT_A,
          organizationId: "0a000000-0000-4000-8000-000000000001",
          creatorId: "c0000000-0000-4000-8000-000000000001",
          apiKeys: [key],
          domains: Array.from({ length: count }, (_, i) => ({ domain: `${tag}${i}.example.com`, createdAt: new Date(Date.UTC(2020, 0, 1) + i * 1000).toISOString() })),
        },
      ],
    });
    const x = world("x", 2500, "key-of-world-x");
    const y = world("y", 1800, "key-of-world-y");
    const [writer, reader] = await twoReplicas(x);
    let resetting = true;
    const seen = { x: 0, y: 0 };
    const read = async () => {
      while (resetting) {
        const page = await reader.list(ACCOUNT_A, 0, 5000);
        const tags = new Set(page.map((d) => d.domain[0]));
        expect([...tags]).toHaveLength(1);
        const tag = [...tags][0] as "x" | "y";
        expect(page).toHaveLength(tag === "x" ? 2500 : 1800);
        seen[tag]++;
        const [account] = await reader.accounts();
        expect(["key-of-world-x", "key-of-world-y"]).toContain(account?.apiKeys[0]);
      }
    };
    const readers = [read(), read()].map((p) => p.catch((error: unknown) => ((resetting = false), Promise.reject(error))));
    for (let i = 0; i < 6 && resetting; i++) await writer.reset(i % 2 ? x : y);
    resetting = false;
    await Promise.all(readers);
    expect(seen.x + seen.y).toBeGreaterThan(0);
    expect((await reader.list(ACCOUNT_A, 0, 5000)).length).toBe(2500);
  });

  it("remembers what a key opened, and refuses it on the next call once a reset through the other store removed it", async () => {
    const [one, two] = await twoReplicas();
    const caller = (await one.accountForKey("test-key-account-a"))!;
    const id = "d0000000-0000-4000-8000-00000000a001";
    expect((await one.get(caller, id))?.domain).toBe("first.example.com");
    // Answered from memory now: the check of the key travels with the next read or write instead.
    expect(await one.accountForKey("test-key-account-a")).toBe(caller);
    const moved = testSeed();
    moved.accounts[0]!.apiKeys = ["a-new-key-for-account-a"];
    await two.reset(moved);
    await expect(one.get(caller, id)).rejects.toThrow(ApiKeyRevokedError);
    await expect(one.list(caller, 0, 10)).rejects.toThrow(ApiKeyRevokedError);
    await expect(one.updateDescription(caller, id, "x")).rejects.toThrow(ApiKeyRevokedError);
    await expect(one.create(caller, { domain: "late.example.com" })).rejects.toThrow(ApiKeyRevokedError);
    expect(await one.accountForKey("test-key-account-a")).toBeUndefined();
    const fresh = (await one.accountForKey("a-new-key-for-account-a"))!;
    expect((await one.get(fresh, id))?.description).toBe("first");
    // Without a caller (control routes), the account id alone is enough.
    expect((await one.get(ACCOUNT_A, id))?.description).toBe("first");
  });

  it("never serves a record it decoded before once the other store changed it: get, list and the next change read the new one", async () => {
    const [one, two] = await twoReplicas();
    const a = await account(one, ACCOUNT_A);
    const id = "d0000000-0000-4000-8000-00000000a001";
    // Read (and so decoded and kept) by the first store, through every read path.
    expect((await one.get(a, id))?.description).not.toBe("changed by two");
    expect((await one.list(a, 0, 10)).find((d) => d.id === id)).toBeDefined();
    for (let i = 1; i <= 3; i++) {
      const description = `changed by two, ${i}`;
      expect((await two.updateDescription(await account(two, ACCOUNT_A), id, description))?.description).toBe(description);
      expect((await one.get(a, id))?.description).toBe(description);
      expect((await one.list(a, 0, 10)).find((d) => d.id === id)?.description).toBe(description);
      // A change through the first store decides on the record as it is now, not as it was kept.
      const checked = await one.checkDkimStatus(a, id);
      expect(checked?.description).toBe(description);
    }
    // And the other way round: what the first store wrote is what the second reads.
    await one.updateDescription(a, id, "changed by one");
    expect((await two.get(ACCOUNT_A, id))?.description).toBe("changed by one");
  });

  it("answers a read it answered before without running a script (a PING per turn), until the other store changes the account", async () => {
    const [one, two] = await twoReplicas();
    const a = await account(one, ACCOUNT_A);
    const id = "d0000000-0000-4000-8000-00000000a001";
    await withClient(redis, async (watcher) => {
      const calls = async (command: string) => Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(await watcher.info("commandstats"))?.[1] ?? 0);
      const first = await one.get(a, id);
      const page = await one.list(a, 0, 10);
      const [scripts, pings] = [await calls("evalsha"), await calls("ping")];
      const [again, pages] = await Promise.all([
        Promise.all(Array.from({ length: 20 }, () => one.get(a, id))),
        Promise.all(Array.from({ length: 20 }, () => one.list(a, 0, 10))),
      ]);
      for (const d of again) expect(d).toBe(first);
      for (const p of pages) expect(p).toBe(page);
      expect(await calls("evalsha")).toBe(scripts);
      // The 40 reads of one turn share one read barrier.
      expect(await calls("ping")).toBe(pings + 1);
      await two.updateDescription(await account(two, ACCOUNT_A), id, "changed by two");
      const after = await calls("evalsha");
      expect((await one.get(a, id))?.description).toBe("changed by two");
      expect((await one.list(a, 0, 10)).find((d) => d.id === id)?.description).toBe("changed by two");
      expect(await calls("evalsha")).toBe(after + 2);
    });
  });

  it("forgets what it kept when its connection is lost (Redis forgets what it tracked): a change made meanwhile is read", async () => {
    const server = await startRedisServer({ durable: true });
    extraServers.push(server);
    const prefix = freshPrefix();
    const [one, two] = [await open(testSeed(), { prefix, commandTimeoutMs: 300 }, server), await open(testSeed(), { prefix, commandTimeoutMs: 300 }, server)];
    const id = "d0000000-0000-4000-8000-00000000a001";
    expect((await one.get(ACCOUNT_A, id))?.description).toBe("first");
    await server.kill();
    await server.restart();
    await waitUntil(() => two.ping());
    await two.updateDescription(ACCOUNT_A, id, "changed while one was away");
    await waitUntil(() => one.ping());
    expect((await one.get(ACCOUNT_A, id))?.description).toBe("changed while one was away");
  });

  it("hears Redis drop a key from its full tracking table while running this store's own reads: a later change is read", async () => {
    const server = await startRedisServer();
    extraServers.push(server);
    const prefix = freshPrefix();
    const [one, two] = [await open(testSeed(), { prefix }, server), await open(testSeed(), { prefix }, server)];
    const id = "d0000000-0000-4000-8000-00000000a001";
    expect((await one.get(ACCOUNT_A, id))?.description).toBe("first");
    await withClient(server, async (admin) => {
      await admin.configSet("tracking-table-max-keys", "2");
      // Reads of other accounts fill the table: Redis forgets account A's keys while running them.
      await one.list(ACCOUNT_B, 0, 10);
      await one.list(ACCOUNT_EMPTY, 0, 10);
      await two.updateDescription(ACCOUNT_A, id, "changed after the table was full");
      expect((await one.get(ACCOUNT_A, id))?.description).toBe("changed after the table was full");
    });
  });

  it("keeps tracking what it reads when Redis has forgotten the scripts (SCRIPT FLUSH, as after a restart): a later change is read", async () => {
    const [one, two] = await twoReplicas();
    const id = "d0000000-0000-4000-8000-00000000a001";
    await withClient(redis, async (admin) => {
      expect((await one.get(ACCOUNT_A, id))?.description).toBe("first");
      await admin.scriptFlush();
      for (const description of ["after the flush", "and once more"]) {
        await two.updateDescription(ACCOUNT_A, id, description);
        expect((await one.get(ACCOUNT_A, id))?.description).toBe(description);
      }
    });
  });

  it("keeps nothing it cannot have tracked (CLIENT CACHING refused, as by an ACL without client|caching): a later change is read", async () => {
    const server = await startRedisServer();
    extraServers.push(server);
    await withClient(server, async (admin) => {
      await admin.sendCommand(["ACL", "SETUSER", "default", "-client|caching"]);
      const prefix = freshPrefix();
      const [one, two] = [await open(testSeed(), { prefix }, server), await open(testSeed(), { prefix }, server)];
      const id = "d0000000-0000-4000-8000-00000000a001";
      expect((await one.get(ACCOUNT_A, id))?.description).toBe("first");
      for (const description of ["changed once", "changed twice"]) {
        await two.updateDescription(ACCOUNT_A, id, description);
        expect((await one.get(ACCOUNT_A, id))?.description).toBe(description);
      }
    });
  });

  it("never goes back to a generation it left, also when its own reset races a read that found the old one stale", async () => {
    const [one, two] = await twoReplicas();
    const id = "d0000000-0000-4000-8000-00000000a001";
    const turns = async (n: number) => {
      for (let i = 0; i < n; i++) await new Promise(setImmediate);
    };
    for (let delay = 0; delay < 12; delay++) {
      for (let round = 0; round < 10; round++) {
        await two.reset(testSeed()); // one's generation is now stale
        // one's read finds that out and looks the current generation up while one's own reset replaces it.
        await Promise.all([one.reset(testSeed()), turns(delay).then(() => one.get(ACCOUNT_A, id))]);
        await two.updateDescription(ACCOUNT_A, id, `round ${delay}.${round}`);
        expect((await one.get(ACCOUNT_A, id))?.description).toBe(`round ${delay}.${round}`);
      }
    }
  });

  it("applies a reset through one store to what the other reads next", async () => {
    const [one, two] = await twoReplicas();
    const d = await one.create(await account(one, ACCOUNT_A), { domain: "before-reset.example.com" });
    expect("created" in d).toBe(true);
    await two.reset({ accounts: [testSeed().accounts[1]!] });
    expect((await one.accounts()).map((a) => a.accountId)).toEqual([ACCOUNT_B]);
    expect(await one.accountForKey("test-key-account-a")).toBeUndefined();
    expect(await one.list(ACCOUNT_A, 0, 10)).toEqual([]);
    expect(await one.get(ACCOUNT_A, (d as { created: EmailDomain }).created.id)).toBeUndefined();
  });
});

describe("Redis store: keys", () => {
  it("keeps the keys of one generation only after resets, each account's keys under its hash tag", async () => {
    const prefix = freshPrefix();
    const [one, two] = [await open(testSeed(), { prefix }), await open(testSeed(), { prefix })];
    await Promise.all([one.reset(testSeed()), two.reset(testSeed()), one.reset({ accounts: [testSeed().accounts[1]!] })]);
    await two.reset(testSeed());
    await withClient(redis, async (raw) => {
      const keys = await raw.keys(`${prefix}*`);
      const generations = new Set(keys.filter((k) => !k.includes("{generations}")).map((k) => k.split(":").at(-2)));
      expect(generations.size).toBe(1);
      for (const accountId of [ACCOUNT_A, ACCOUNT_B, ACCOUNT_EMPTY]) {
        expect(keys.filter((k) => k.startsWith(`${prefix}{${accountId}}:`)).length).toBeGreaterThan(0);
      }
      expect(await raw.sMembers(`${prefix}{generations}:retired`)).toEqual([]);
    });
  });

  it("gives a world written before the accounts had their own key sets (marker \"1\") those sets at start: its keys keep working", async () => {
    const prefix = freshPrefix();
    await open(testSeed(), { prefix });
    await withClient(redis, async (raw) => {
      // What a Redis written by the previous version holds: no per-account key sets, marker "1".
      const g = await raw.get(`${prefix}{generations}:current`);
      for (const accountId of [ACCOUNT_A, ACCOUNT_B, ACCOUNT_EMPTY]) await raw.del(`${prefix}{${accountId}}:${g}:keys`);
      await raw.set(`${prefix}{world}:${g}:live`, "1");
    });
    const upgraded = await open(testSeed(), { prefix });
    const caller = (await upgraded.accountForKey("test-key-account-a"))!;
    expect((await upgraded.get(caller, "d0000000-0000-4000-8000-00000000a001"))?.domain).toBe("first.example.com");
  });
});

describe("Redis store: prefixes", () => {
  it("refuses a prefix with a brace, which would move the keys out of their hash tags", async () => {
    await expect(createRedisStore(testSeed(), testEnvironment(), { url: redis.url, prefix: "team{a}:" })).rejects.toThrow(/must not contain \{ or \}/);
  });

  it("keeps two prefixes on one Redis apart: data, creates and resets", async () => {
    const one = await open(testSeed(), { prefix: freshPrefix() });
    const otherSeed: Seed = { accounts: [{ ...testSeed().accounts[0]!, apiKeys: ["other-mock-key"], domains: [] }] };
    const two = await open(otherSeed, { prefix: freshPrefix() });
    expect(await two.accountForKey("test-key-account-a")).toBeUndefined();
    expect((await two.accountForKey("other-mock-key"))?.accountId).toBe(ACCOUNT_A);
    expect(await two.list(ACCOUNT_A, 0, 10)).toEqual([]);
    const snapshotOne = await snapshotStore(one);
    await two.create(await account(two, ACCOUNT_A), { domain: "first.example.com" });
    await two.reset(otherSeed);
    expect(await snapshotStore(one)).toBe(snapshotOne);
  });
});

describe("Redis store: faults", () => {
  it("refuses to start when Redis does not answer, with StoreUnavailableError", async () => {
    const gone = await startRedisServer();
    await gone.stop();
    await expect(createRedisStore(testSeed(), testEnvironment(), { url: gone.url, prefix: freshPrefix(), connectTimeoutMs: 300 })).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
  });

  it("fails with StoreUnavailableError while Redis is down, and serves again by itself when it is back", async () => {
    const server = await startRedisServer({ durable: true });
    extraServers.push(server);
    const changes: boolean[] = [];
    const store = await open(testSeed(), { prefix: freshPrefix(), commandTimeoutMs: 300, onConnectionChange: (e) => changes.push(e.up) }, server);
    const id = "d0000000-0000-4000-8000-00000000a001";
    await server.kill();
    await expect(store.get(ACCOUNT_A, id)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.create(await accountOf(ACCOUNT_A), { domain: "while-down.example.com" })).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.ping()).toBe(false);
    await server.restart();
    await waitUntil(() => store.ping());
    expect((await store.get(ACCOUNT_A, id))?.domain).toBe("first.example.com");
    expect(changes).toEqual([false, true]);
  });

  it("fails with StoreUnavailableError while Redis is stopped (accepts, never answers), and recovers", async () => {
    const server = await startRedisServer();
    extraServers.push(server);
    const store = await open(testSeed(), { prefix: freshPrefix(), commandTimeoutMs: 300 }, server);
    server.pause();
    try {
      await expect(store.get(ACCOUNT_A, "d0000000-0000-4000-8000-00000000a001")).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(await store.ping()).toBe(false);
    } finally {
      server.resume();
    }
    await waitUntil(() => store.ping());
    expect((await store.list(ACCOUNT_A, 0, 10)).length).toBe(2);
  });

  it("on a stopped Redis, fails every call in flight at its deadline (not before, not much later), also calls started while others wait", async () => {
    const server = await startRedisServer();
    extraServers.push(server);
    const store = await open(testSeed(), { prefix: freshPrefix(), commandTimeoutMs: 300 }, server);
    const id = "d0000000-0000-4000-8000-00000000a001";
    await store.get(ACCOUNT_A, id); // the key ring and the generation are known: each call below is one command
    server.pause();
    try {
      const started = performance.now();
      const timed = (delayMs: number) =>
        new Promise((r) => setTimeout(r, delayMs)).then(async () => {
          const at = performance.now();
          const error = await store.get(ACCOUNT_A, id).then(() => undefined, (e: unknown) => e);
          return { error, afterStart: performance.now() - at, afterFirst: performance.now() - started };
        });
      const calls = await Promise.all([timed(0), timed(0), timed(100)]);
      for (const call of calls) expect(call.error).toBeInstanceOf(StoreUnavailableError);
      // The first two wait out the deadline; the stuck client is then dropped, so the third fails with them.
      for (const call of calls.slice(0, 2)) {
        expect(call.afterStart).toBeGreaterThanOrEqual(295);
        expect(call.afterStart).toBeLessThan(1_000);
      }
      expect(calls[2]!.afterFirst).toBeGreaterThanOrEqual(295);
      expect(calls[2]!.afterFirst).toBeLessThan(1_000);
    } finally {
      server.resume();
    }
    await waitUntil(() => store.ping());
    expect((await store.get(ACCOUNT_A, id))?.domain).toBe("first.example.com");
  });

  it("seeds again when Redis comes back empty (no persistence)", async () => {
    const server = await startRedisServer();
    extraServers.push(server);
    const store = await open(testSeed(), { prefix: freshPrefix(), commandTimeoutMs: 300 }, server);
    await store.create(await accountOf(ACCOUNT_A), { domain: "lost-with-redis.example.com" });
    await server.kill();
    await server.restart();
    await waitUntil(() => store.ping());
    expect((await store.list(ACCOUNT_A, 0, 10)).map((d) => d.domain)).toEqual(["first.example.com", "second.example.com"]);
  });

  it("with appendonly yes and appendfsync always, keeps every acknowledged write through kill -9 of redis-server", async () => {
    const server = await startRedisServer({ durable: true });
    extraServers.push(server);
    const prefix = freshPrefix();
    const store = await open(testSeed(), { prefix, commandTimeoutMs: 500 }, server);
    const a = await accountOf(ACCOUNT_A);
    const acknowledged: EmailDomain[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const r = await store.create(a, { domain: `w${w}-${i}.durable.example.com` });
          if ("created" in r) acknowledged.push(r.created);
        } catch (error) {
          expect(error).toBeInstanceOf(StoreUnavailableError);
          return;
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    await waitUntil(async () => acknowledged.length >= 200);
    await server.kill();
    stop = true;
    await Promise.all(writers);
    await server.restart();
    const after = await open(testSeed(), { prefix }, server);
    expect(after.initialisedFromSeed).toBe(false);
    const stored = new Map((await after.list(ACCOUNT_A, 0, 100_000)).map((d) => [d.id, d]));
    for (const d of acknowledged) expect(stored.get(d.id)).toEqual(d);
  });
});

const plainClient = (server: TestRedis) => createClient({ url: server.url });
type PlainClient = ReturnType<typeof plainClient>;

/** A plain client on `server`, for what the stores never do (INFO, CONFIG, ACL, SCRIPT FLUSH, raw keys); closed after `use`. */
async function withClient<T>(server: TestRedis, use: (client: PlainClient) => Promise<T>): Promise<T> {
  const client = plainClient(server);
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

async function accountOf(accountId: string): Promise<Account> {
  return testSeed().accounts.find((a) => a.accountId === accountId)!;
}

async function waitUntil(condition: () => Promise<boolean>, attempts = 200): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("condition not met");
}

