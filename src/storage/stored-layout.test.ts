// Stored data across versions: what the previous release's backends left behind (fixtures written by it, see
// scripts/fixtures/write-stored-layout-fixtures.ts) is read by today's code on every persistent backend, also
// after one more layout change that rewrites every record; a layout newer than the kit's is refused with one line.
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startRedisServer, type TestRedis } from "../../test-support/redis-server.js";
import { ACCOUNT_A, snapshotStore, tempDir, testEnvironment, testSeed } from "../../test-support/store-fixtures.js";
import { createEmailDomains } from "../domain/email-domains.js";
import { seedWorld } from "../domain/seed-world.js";
import { checkStoredState } from "../hosts/persist-option.js";
import type { StorePort, World } from "./port.js";
import { createRedisBackend } from "./redis-store.js";
import { createSqliteBackend } from "./sqlite-store.js";
import { STORED_LAYOUT, StoredLayoutError, type StoredLayout } from "./stored-layout.js";
import type { EmailDomain } from "./types.js";
import { createWebStorageBackend } from "./web-storage-store.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "test-support", "fixtures", "stored-layout-2");
const fixture = (name: string) => join(FIXTURES, name);
const snapshotOf = (name: string) => readFileSync(fixture(`${name}.snapshot.json`), "utf8");

/** One more layout than today's, whose records gain a field: what a release adding a required field does. */
const NEXT: StoredLayout = {
  version: STORED_LAYOUT.version + 1,
  upgrades: { ...STORED_LAYOUT.upgrades, [STORED_LAYOUT.version]: (record) => ({ ...record, addedInNextLayout: `for ${String(record["domain"])}` }) },
};
const HEIR = "d0000000-0000-4000-8000-00000000a002";

/** What each backend has to show, opened on the previous release's data. */
async function expectPreviousDataServed(port: StorePort, snapshot: string): Promise<void> {
  const store = createEmailDomains(port, testEnvironment());
  expect(port.initialisedFromSeed).not.toBe(true);
  expect(await snapshotStore(store)).toBe(snapshot);
  // The read a rule needs works on upgraded data: the heir the old release made the default is the default.
  expect(await port.transact(ACCOUNT_A, { reads: { default: true }, decide: (v) => ({ result: v.defaultDomain()?.id }) })).toBe(HEIR);
  // And writes go on: removing that default hands it on once more.
  const [, next] = await store.list(ACCOUNT_A, 0, 2);
  expect(await store.remove(ACCOUNT_A, HEIR)).toBe(true);
  expect((await store.get(ACCOUNT_A, next!.id))?.isDefault).toBe(true);
}

async function expectUpgradedRecords(port: StorePort): Promise<void> {
  const all = await port.page(ACCOUNT_A, 0, 100);
  expect(all.length).toBeGreaterThan(0);
  for (const d of all) expect((d as EmailDomain & { addedInNextLayout?: string }).addedInNextLayout).toBe(`for ${d.domain}`);
}

let tmp: ReturnType<typeof tempDir>;
const ports: StorePort[] = [];
afterEach(async () => {
  for (const port of ports.splice(0)) await port.close();
  tmp?.remove();
});
const kept = <T extends StorePort>(port: T): T => (ports.push(port), port);

describe("stored layout: SQLite state file", () => {
  const copy = () => {
    tmp = tempDir();
    const file = join(tmp.dir, "state.db");
    copyFileSync(fixture("state.db"), file);
    return file;
  };
  const userVersion = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return db.pragma("user_version", { simple: true });
    } finally {
      db.close();
    }
  };
  const neverSeed = () => {
    throw new Error("an existing file must not be seeded");
  };

  it("serves a file the previous release wrote, and marks it with today's layout", async () => {
    const file = copy();
    await expectPreviousDataServed(kept(createSqliteBackend(file, neverSeed)), snapshotOf("state.db"));
    await ports.pop()!.close();
    expect(userVersion(file)).toBe(STORED_LAYOUT.version);
  });

  it("upgrades every record of it on a layout change, and the upgraded file is refused by the older kit with one line", async () => {
    const file = copy();
    await expectUpgradedRecords(kept(createSqliteBackend(file, neverSeed, NEXT)));
    await ports.pop()!.close();
    expect(userVersion(file)).toBe(NEXT.version);
    const refused = (() => {
      try {
        createSqliteBackend(file, neverSeed);
      } catch (error) {
        return error as Error;
      }
    })();
    expect(refused).toBeInstanceOf(StoredLayoutError);
    expect(refused?.message).toMatch(new RegExp(`^State file ${file} holds stored layout ${NEXT.version}, written by a newer kit .*: .*start the mock with a new --state-file$`));
    expect(refused?.message).not.toContain("\n");
  });
});

describe("stored layout: Redis keyspace", () => {
  let redis: TestRedis;
  let prefixes = 0;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  /** The previous release's keyspace, loaded under a fresh prefix. */
  async function load(): Promise<string> {
    const prefix = `layout-${++prefixes}:`;
    const dump = JSON.parse(readFileSync(fixture("redis-keyspace.json"), "utf8")) as Record<string, { type: string; value: unknown }>;
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      for (const [key, { type, value }] of Object.entries(dump)) {
        const k = prefix + key;
        if (type === "string") await client.set(k, value as string);
        else if (type === "hash") await client.hSet(k, value as Record<string, string>);
        else if (type === "set") await client.sAdd(k, value as string[]);
        else if (type === "zset") await client.zAdd(k, value as Array<{ score: number; value: string }>);
        else throw new Error(`no loader for a Redis ${type}`);
      }
    } finally {
      await client.quit();
    }
    return prefix;
  }
  const open = (prefix: string, layout?: StoredLayout) =>
    createRedisBackend(() => seedWorld(testSeed(), testEnvironment()), { url: redis.url, prefix, ...(layout ? { layout } : {}) });
  const marker = async (prefix: string) => {
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      const g = await client.get(`${prefix}{generations}:current`);
      return client.get(`${prefix}{world}:${g}:live`);
    } finally {
      await client.quit();
    }
  };

  it("serves a keyspace the previous release wrote, and marks it with today's layout", async () => {
    const prefix = await load();
    expect(await marker(prefix)).toBe("2");
    await expectPreviousDataServed(kept(await open(prefix)), snapshotOf("redis-keyspace"));
    expect(await marker(prefix)).toBe(String(STORED_LAYOUT.version));
  });

  it("upgrades every record of it on a layout change, and the older kit then refuses it with one line", async () => {
    const prefix = await load();
    await expectUpgradedRecords(kept(await open(prefix, NEXT)));
    expect(await marker(prefix)).toBe(String(NEXT.version));
    const refused = await open(prefix).catch((error: Error) => error);
    expect(refused).toBeInstanceOf(StoredLayoutError);
    expect((refused as Error).message).toMatch(new RegExp(`^Redis at .*, prefix ${prefix} holds stored layout ${NEXT.version}, written by a newer kit .*: .*another --redis-prefix$`));
  });
});

describe("stored layout: Web Storage item", () => {
  const storageWith = (text: string) => {
    const items = new Map([["fixture", text]]);
    return { items, storage: { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k) } };
  };
  const open = (text: string, layout?: StoredLayout, checkState: (state: unknown) => World = checkStoredState) => {
    const { items, storage } = storageWith(text);
    const warnings: string[] = [];
    const port = createWebStorageBackend(testSeed(), seedWorld(testSeed(), testEnvironment()), { storage, key: "fixture", checkState, onWarning: (m) => warnings.push(m), ...(layout ? { layout } : {}) });
    return { port, items, warnings };
  };
  const item = () => readFileSync(fixture("web-storage-item.json"), "utf8").trim();

  it("serves an item the previous release wrote, and stores today's layout at the next write", async () => {
    const { port, items, warnings } = open(item());
    await expectPreviousDataServed(port, snapshotOf("web-storage"));
    expect(warnings).toEqual([]);
    expect(JSON.parse(items.get("fixture")!)).toMatchObject({ version: STORED_LAYOUT.version });
  });

  it("upgrades every record of it on a layout change; a newer item falls back to the seed with a warning", async () => {
    // The next release's check knows the new field; today's schema does not, so the check here takes the state as it is.
    const next = open(item(), NEXT, (state) => state as World);
    await expectUpgradedRecords(next.port);
    expect(next.warnings).toEqual([]);
    await createEmailDomains(next.port, testEnvironment()).remove(ACCOUNT_A, HEIR); // a write stores the item again, in the next layout
    const stored = JSON.parse(next.items.get("fixture")!) as { version: number };
    expect(stored.version).toBe(NEXT.version);
    const older = open(next.items.get("fixture")!);
    expect(older.warnings.join("\n")).toMatch(/not a .* of a layout this mock reads/);
  });
});
