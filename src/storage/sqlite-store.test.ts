// What only the SQLite backend has to prove: the file keeps the state across close and reopen, the seed
// fills a new file only, the file refuses a second owner and foreign files, and paging seeks by key.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { ACCOUNT_A, ACCOUNT_EMPTY, snapshotStore, tempDir, testEnvironment, testSeed } from "../../test-support/store-fixtures.js";
import { createSqliteStore } from "../domain/open-sqlite-store.js";
import { createMemoryStore } from "../domain/stores.js";
import { testStoreBackend } from "../../test-support/store-conformance.js";
import { StateFileError } from "./sqlite-file.js";
import { createSqliteBackend } from "./sqlite-store.js";
import type { Seed } from "./types.js";

let tmp: ReturnType<typeof tempDir>;
const toClose: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const store of toClose.splice(0)) await store.close();
  tmp?.remove();
});

function open(file: string, seed: Seed = testSeed()) {
  const store = createSqliteStore(file, seed, testEnvironment());
  toClose.push(store);
  return store;
}

testStoreBackend({
  name: "sqlite",
  async open(initial) {
    tmp = tempDir();
    return createSqliteBackend(join(tmp.dir, "state.db"), () => initial);
  },
});

describe("SQLite store (state file)", () => {
  it("keeps every change across close and reopen, and ignores the seed for an existing file", async () => {
    tmp = tempDir();
    const file = join(tmp.dir, "state.db");
    const first = open(file);
    expect(first.initialisedFromSeed).toBe(true);
    const a = (await first.accounts())[0]!;
    const created = await first.create(a, { domain: "kept.example.com", description: "kept" });
    if (!("created" in created)) throw new Error("conflict");
    await first.checkDkimStatus(ACCOUNT_A, created.created.id);
    await first.remove(ACCOUNT_A, "d0000000-0000-4000-8000-00000000a001");
    const before = await snapshotStore(first);
    await first.close();

    const second = open(file, { accounts: [testSeed().accounts[2]!] });
    expect(second.initialisedFromSeed).toBe(false);
    expect(await snapshotStore(second)).toBe(before);
    expect((await second.accountForKey("test-key-account-a"))?.accountId).toBe(ACCOUNT_A);
    // The unique name rule and the list positions come back with the file.
    expect(await second.create(a, { domain: "KEPT.example.com" })).toEqual({ conflict: true });
    expect((await second.list(ACCOUNT_A, 1, 1))[0]?.domain).toBe("kept.example.com");
  });

  it("closes cleanly: the write-ahead log is folded into the file and removed", async () => {
    tmp = tempDir();
    const file = join(tmp.dir, "state.db");
    const store = open(file);
    await store.updateDescription(ACCOUNT_A, "d0000000-0000-4000-8000-00000000a001", "x");
    await store.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      db.close();
    }
  });

  it("refuses a file that another store has open", async () => {
    tmp = tempDir();
    const file = join(tmp.dir, "state.db");
    open(file);
    expect(() => open(file)).toThrow(/in use by another running mock/);
  });

  it("refuses a file that is not a state file, and leaves it alone", async () => {
    tmp = tempDir();
    const junk = join(tmp.dir, "seed.json");
    const text = JSON.stringify(testSeed()).repeat(20);
    writeFileSync(junk, text);
    expect(() => open(junk)).toThrow(StateFileError);
    expect(() => open(junk)).toThrow(/not a state file/);
    const other = join(tmp.dir, "other.db");
    const db = new Database(other);
    db.exec("CREATE TABLE notes (text TEXT)");
    db.close();
    expect(() => open(other)).toThrow(/not a state file of this mock/);
    expect(readFileSync(junk, "utf8")).toBe(text);
  });

  it("pages a large account exactly like the memory store, at any start", async () => {
    tmp = tempDir();
    const seed = testSeed();
    // 3,000 domains, many sharing a createdAt, in shuffled seed order.
    seed.accounts[2]!.domains = Array.from({ length: 3000 }, (_, i) => {
      const n = (i * 7919) % 3000;
      return {
        id: `e${n.toString(16).padStart(7, "0")}-0000-4000-8000-000000000000`,
        domain: `d${n}.example.com`,
        createdAt: new Date(Date.UTC(2020, 0, 1) + Math.floor(n / 3) * 1000).toISOString(),
      };
    });
    const sqlite = open(join(tmp.dir, "state.db"), seed);
    const memory = createMemoryStore(seed, testEnvironment());
    for (const start of [0, 1, 49, 50, 1234, 2950, 2999, 3000, 5000]) {
      expect(await sqlite.list(ACCOUNT_EMPTY, start, 50)).toEqual(await memory.list(ACCOUNT_EMPTY, start, 50));
    }
  });

  it("reads a page with an index seek, not a scan", async () => {
    tmp = tempDir();
    const file = join(tmp.dir, "state.db");
    await open(file).close();
    const db = new Database(file, { readonly: true });
    try {
      const plan = db
        .prepare("EXPLAIN QUERY PLAN SELECT data FROM domains WHERE account_id = ? AND (created_ms, id) >= (?, ?) ORDER BY created_ms, id LIMIT ?")
        .all("a", 0, "", 50) as Array<{ detail: string }>;
      expect(plan.map((p) => p.detail).join("\n")).toMatch(/SEARCH domains USING INDEX domains_account_order/);
      expect(plan.map((p) => p.detail).join("\n")).not.toMatch(/TEMP B-TREE/);
    } finally {
      db.close();
    }
  });
});
