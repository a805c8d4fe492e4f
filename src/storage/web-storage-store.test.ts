// The memory store kept in a Web Storage: what a frontend developer sees after reloading the page. The
// "page" is rebuilt from the same storage; the storage is a fake with the Web Storage methods (jsdom's real
// one is used in src/hosts/msw-jsdom.test.ts, Chromium's in scripts/browser/).
import { describe, expect, it } from "vitest";
import { checkStoredState } from "../hosts/persist-option.js";
import { ACCOUNT_A, ACCOUNT_B, snapshotStore, testEnvironment, testSeed } from "../../test-support/store-fixtures.js";
import { createWebStorageStore } from "../domain/stores.js";
import { testStoreBackend } from "../../test-support/store-conformance.js";
import type { Account, EmailDomainStore, Seed } from "./types.js";
import { STORED_LAYOUT } from "./stored-layout.js";
import { createWebStorageBackend, STATE_FORMAT, type WebStorage } from "./web-storage-store.js";

const KEY = "test:mock-state";

// Keeping the world in a Web Storage must not change what the memory backend does.
testStoreBackend({
  name: "memory kept in Web Storage",
  open: async (initial) => createWebStorageBackend({ accounts: [] }, initial, { storage: new FakeStorage(), key: KEY, checkState: checkStoredState }),
});

class FakeStorage implements WebStorage {
  readonly items = new Map<string, string>();
  writes = 0;
  failWrites = false;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.failWrites) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    this.writes++;
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

interface Page {
  store: EmailDomainStore;
  warnings: string[];
}

/** Builds the store as a page load would: from the seed and whatever the storage holds. */
function load(storage: WebStorage, seed: Seed = testSeed()): Page {
  const warnings: string[] = [];
  const store = createWebStorageStore(seed, testEnvironment(), { storage, key: KEY, checkState: checkStoredState, onWarning: (m) => warnings.push(m) });
  return { store, warnings };
}

async function accountA(store: EmailDomainStore): Promise<Account> {
  return (await store.accounts()).find((a) => a.accountId === ACCOUNT_A)!;
}

async function created(store: EmailDomainStore, domain: string) {
  const result = await store.create(await accountA(store), { domain });
  if (!("created" in result)) throw new Error(`${domain} was not created`);
  return result.created;
}

describe("a memory store kept in Web Storage", () => {
  it("comes back after a reload exactly as it was: records, tokens, attempts and list order", async () => {
    const storage = new FakeStorage();
    const first = load(storage);
    const kept = await created(first.store, "kept.example.com");
    await first.store.checkDkimStatus(ACCOUNT_A, kept.id);
    await first.store.updateDescription(ACCOUNT_A, kept.id, "after a check");
    const before = await snapshotStore(first.store);

    const reloaded = load(storage);

    expect(await snapshotStore(reloaded.store)).toBe(before);
    expect((await reloaded.store.get(ACCOUNT_A, kept.id))?.dkimAttempts).toBe(1);
    expect(reloaded.warnings).toEqual([]);
  });

  it.each([
    ["create", async (s: EmailDomainStore) => void (await created(s, "new.example.com"))],
    ["updateDescription", async (s: EmailDomainStore) => void (await s.updateDescription(ACCOUNT_A, testSeed().accounts[0]!.domains![0]!.id!, "changed"))],
    ["remove", async (s: EmailDomainStore) => void (await s.remove(ACCOUNT_A, testSeed().accounts[0]!.domains![0]!.id!))],
    ["checkDkimStatus", async (s: EmailDomainStore) => void (await s.checkDkimStatus(ACCOUNT_A, testSeed().accounts[0]!.domains![1]!.id!))],
    ["setVerification", async (s: EmailDomainStore) => void (await s.setVerification(ACCOUNT_B, testSeed().accounts[1]!.domains![0]!.id!, { dkimStatus: "verified" }))],
  ])("stores the state after %s", async (_name, change) => {
    const storage = new FakeStorage();
    const page = load(storage);
    await change(page.store);
    expect(await snapshotStore(load(storage).store)).toBe(await snapshotStore(page.store));
  });

  it("stores nothing for reads, nor for writes that changed nothing (a conflict, an unknown id)", async () => {
    const storage = new FakeStorage();
    const { store } = load(storage);
    const existing = testSeed().accounts[0]!.domains![0]!;
    await store.list(ACCOUNT_A, 0, 10);
    await store.get(ACCOUNT_A, existing.id!);
    expect(await store.create(await accountA(store), { domain: existing.domain.toUpperCase() })).toEqual({ conflict: true });
    expect(await store.remove(ACCOUNT_B, existing.id!)).toBe(false);
    expect(await store.checkDkimStatus(ACCOUNT_B, existing.id!)).toBeUndefined();
    expect(storage.writes).toBe(0);
  });

  it("replaces what is stored on reset and on loading another seed", async () => {
    const storage = new FakeStorage();
    const page = load(storage);
    const gone = await created(page.store, "gone.example.com");

    await page.store.reset(testSeed());
    expect(await load(storage).store.get(ACCOUNT_A, gone.id)).toBeUndefined();

    const other = testSeed();
    other.accounts = other.accounts.filter((a) => a.accountId === ACCOUNT_B);
    await page.store.reset(other);
    expect((await load(storage).store.accounts()).map((a) => a.accountId)).toEqual([ACCOUNT_B]);
  });

  it("starts from the seed when nothing is stored, without a warning", async () => {
    const seeded = load(new FakeStorage());
    expect(await snapshotStore(seeded.store)).toBe(await snapshotStore(load(new FakeStorage()).store));
    expect(seeded.warnings).toEqual([]);
  });

  it("starts from the new seed when the stored state was made from another start seed", async () => {
    const storage = new FakeStorage();
    await created(load(storage).store, "old-seed.example.com");
    const changed = testSeed();
    changed.accounts[0]!.domains!.push({ domain: "added-to-the-seed.example.com" });

    const page = load(storage, changed);

    const names = (await page.store.list(ACCOUNT_A, 0, 50)).map((d) => d.domain);
    expect(names).toContain("added-to-the-seed.example.com");
    expect(names).not.toContain("old-seed.example.com");
  });

  /** A stored item as this version writes it, with `edit` applied. */
  async function storedThen(edit: (item: Record<string, unknown>) => unknown): Promise<FakeStorage> {
    const storage = new FakeStorage();
    await created(load(storage).store, "stored.example.com");
    const item = JSON.parse(storage.items.get(KEY)!) as Record<string, unknown>;
    expect(item).toMatchObject({ format: STATE_FORMAT, version: STORED_LAYOUT.version });
    const edited = edit(item);
    storage.items.set(KEY, typeof edited === "string" ? edited : JSON.stringify(edited));
    return storage;
  }

  const domainsOf = (item: Record<string, unknown>) => (item["state"] as { accounts: Array<{ domains: Array<Record<string, unknown>> }> }).accounts[0]!.domains;

  it.each([
    ["text that is not JSON", (_item: Record<string, unknown>) => "{not json"],
    ["another version", (item: Record<string, unknown>) => ({ ...item, version: STORED_LAYOUT.version + 1 })],
    ["another format", (item: Record<string, unknown>) => ({ ...item, format: "something-else" })],
    ["JSON null", () => "null"],
    ["a domain the API could not answer", (item: Record<string, unknown>) => (domainsOf(item)[0]!["dkimStatus"] = "almost", item)],
    ["a domain without its id", (item: Record<string, unknown>) => (delete domainsOf(item)[0]!["id"], item)],
    ["one name twice in an account", (item: Record<string, unknown>) => (domainsOf(item).push({ ...domainsOf(item)[0]!, id: "d0000000-0000-4000-8000-00000000ffff" }), item)],
    ["an account without keys", (item: Record<string, unknown>) => ((item["state"] as { accounts: Array<Record<string, unknown>> }).accounts[0]!["apiKeys"] = [], item)],
  ])("starts from the seed, with a warning, when storage holds %s", async (_what, edit) => {
    const storage = await storedThen(edit);
    const page = load(storage);
    expect(await snapshotStore(page.store)).toBe(await snapshotStore(load(new FakeStorage()).store));
    expect(page.warnings).toHaveLength(1);
  });

  it("goes on in memory, with a warning, when the storage refuses a write", async () => {
    const storage = new FakeStorage();
    const page = load(storage);
    storage.failWrites = true;
    const domain = await created(page.store, "full.example.com");
    expect(await page.store.get(ACCOUNT_A, domain.id)).toEqual(domain);
    expect(page.warnings).toEqual([expect.stringContaining("kept in memory only")]);
  });
});
