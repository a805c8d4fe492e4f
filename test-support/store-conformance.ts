// The store's one specification, exported for every backend: what memory does, Web Storage, SQLite and Redis
// do. Each backend's test file calls testStoreBackend() with a way to open a fresh backend; what only that
// backend has to prove (a file, replicas on one Redis, a reload) stays in that file.
import { afterEach, describe, expect, it } from "vitest";
import { createEmailDomains } from "../src/domain/email-domains.js";
import { seedWorld } from "../src/domain/seed-world.js";
import { UnknownAccountError, type AccountView, type Change, type StorePort, type World } from "../src/storage/port.js";
import type { Account, EmailDomain, EmailDomainStore, Seed } from "../src/storage/types.js";
import { UndeclaredReadError } from "../src/storage/run-change.js";
import { ACCOUNT_A, ACCOUNT_B, ACCOUNT_EMPTY, snapshotStore, testEnvironment, testSeed } from "./store-fixtures.js";

export interface BackendUnderTest {
  name: string;
  /** A fresh backend holding `initial` (a new file, a fresh Redis prefix, ...). */
  open(initial: World): Promise<StorePort>;
}

async function account(store: EmailDomainStore, accountId: string): Promise<Account> {
  const found = (await store.accounts()).find((a) => a.accountId === accountId);
  if (!found) throw new Error(`no account ${accountId}`);
  return found;
}

async function create(store: EmailDomainStore, accountId: string, domain: string, description?: string | null): Promise<EmailDomain> {
  const result = await store.create(await account(store, accountId), { domain, ...(description === undefined ? {} : { description }) });
  if (!("created" in result)) throw new Error(`create ${domain} conflicted`);
  return result.created;
}

function expectInvariants(d: EmailDomain): void {
  expect(d.isVerified).toBe(d.tokenVerificationStatus === "verified" && d.dkimStatus === "verified");
  const terminal = (s: string | null) => s === "verified" || s === "failed" || s === "provider_failed";
  if (terminal(d.tokenVerificationStatus)) expect(d.tokenVerificationCompletedAt).not.toBeNull();
  if (terminal(d.dkimStatus)) expect(d.dkimCompletedAt).not.toBeNull();
  if (terminal(d.spfCheckStatus)) expect(d.spfCheckCompletedAt).not.toBeNull();
  if (terminal(d.dmarcStatus)) expect(d.dmarcCompletedAt).not.toBeNull();
  for (const [status, error] of [
    [d.dkimStatus, d.dkimError],
    [d.spfCheckStatus, d.spfCheckError],
    [d.dmarcStatus, d.dmarcError],
    [d.tokenVerificationStatus, d.tokenVerificationError],
  ] as const) {
    if (status === "failed" || status === "provider_failed") expect(error?.message).toBeTruthy();
    else expect(error).toBeNull();
  }
}

/**
 * The conformance suite every storage backend calls from its own test file (as unstorage's testDriver()):
 * the domain's operations over the backend's port must behave as specified here. `open` gets the world to
 * start from and gives a fresh backend (its own file, its own Redis prefix, ...); the suite closes it.
 */
export function testStoreBackend(backend: BackendUnderTest): void {
  const opened: StorePort[] = [];
  afterEach(async () => {
    for (const port of opened.splice(0).reverse()) await port.close();
  });
  const open = async (seed: Seed = testSeed()): Promise<EmailDomainStore> => {
    const env = testEnvironment();
    const port = await backend.open(seedWorld(seed, env));
    opened.push(port);
    return createEmailDomains(port, env);
  };

  // One entry per method of the store: a method added to EmailDomainStore is a compile error here until
  // it has its tests, and so on every backend.
  const byMethod: Record<keyof EmailDomainStore, () => void> = {
    accountForKey: () => {
    it("finds the account of a key and nothing for an unknown key", async () => {
      const store = await open();
      expect((await store.accountForKey("test-key-account-b"))?.accountId).toBe(ACCOUNT_B);
      expect(await store.accountForKey("test-key-account-")).toBeUndefined();
      expect(await store.accountForKey("")).toBeUndefined();
      expect((await store.accounts()).map((a) => a.accountId)).toEqual([ACCOUNT_A, ACCOUNT_B, ACCOUNT_EMPTY]);
    });
    },
    accounts: () => {
      it("lists every account of the world, in its order", async () => {
        const store = await open();
        expect((await store.accounts()).map((a) => a.accountId)).toEqual([ACCOUNT_A, ACCOUNT_B, ACCOUNT_EMPTY]);
        expect(await (await open({ accounts: [] })).accounts()).toEqual([]);
      });
    },
    create: () => {
    it("fills every field, stores the name in lower case and the description as given (null when absent)", async () => {
      const store = await open();
      const d = await create(store, ACCOUNT_A, "News.Example.COM");
      expect(d).toMatchObject({
        accountId: ACCOUNT_A,
        organizationId: "0a000000-0000-4000-8000-000000000001",
        creatorId: "c0000000-0000-4000-8000-000000000001",
        domain: "news.example.com",
        description: null,
        modifiedAt: null,
        tokenVerificationStatus: "waiting_for_provider",
        dkimStatus: "waiting_for_user",
        spfCheckStatus: "waiting_for_user",
        dmarcStatus: "waiting_for_user",
        dkimAttempts: 0,
        isVerified: false,
        isDefault: false,
        deactivated: false,
      });
      expect(d.verificationToken).toMatch(/^vortex-verify-/);
      expect(await store.get(ACCOUNT_A, d.id)).toEqual(d);
      expect((await create(store, ACCOUNT_A, "described.example.com", "hello")).description).toBe("hello");
    });

    it("makes an account's first domain its default", async () => {
      const store = await open();
      const first = await create(store, ACCOUNT_EMPTY, "one.example.com");
      const second = await create(store, ACCOUNT_EMPTY, "two.example.com");
      expect([first.isDefault, second.isDefault]).toEqual([true, false]);
    });

    it("refuses a name the account already has, in any letter case, but not one of another account", async () => {
      const store = await open();
      const before = await snapshotStore(store);
      const a = await account(store, ACCOUNT_A);
      expect(await store.create(a, { domain: "FIRST.example.com" })).toEqual({ conflict: true });
      expect(await store.create(a, { domain: "first.EXAMPLE.com", description: "again" })).toEqual({ conflict: true });
      expect(await snapshotStore(store)).toBe(before);
      await create(store, ACCOUNT_EMPTY, "first.example.com");
    });

    it("of 50 concurrent creates of one name, exactly one succeeds", async () => {
      const store = await open();
      const a = await account(store, ACCOUNT_EMPTY);
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => store.create(a, { domain: i % 2 ? "race.example.com" : "RACE.example.com" })));
      expect(results.filter((r) => "created" in r)).toHaveLength(1);
      expect(await store.list(ACCOUNT_EMPTY, 0, 100)).toHaveLength(1);
    });
    },
    list: () => {
    it("orders by createdAt then id and pages by start", async () => {
      const store = await open();
      const made = [];
      for (let i = 0; i < 7; i++) made.push(await create(store, ACCOUNT_A, `n${i}.example.com`));
      const all = await store.list(ACCOUNT_A, 0, 100);
      expect(all.map((d) => d.domain)).toEqual(["first.example.com", "second.example.com", ...made.map((d) => d.domain)]);
      expect((await store.list(ACCOUNT_A, 2, 3)).map((d) => d.id)).toEqual(made.slice(0, 3).map((d) => d.id));
      expect((await store.list(ACCOUNT_A, 8, 3)).map((d) => d.id)).toEqual([made[6]!.id]);
      expect(await store.list(ACCOUNT_A, 9, 3)).toEqual([]);
      expect(await store.list(ACCOUNT_A, 2 ** 31 - 1, 50)).toEqual([]);
      expect(await store.list("00000000-0000-4000-8000-000000000000", 0, 50)).toEqual([]);
    });

    it("breaks ties of createdAt by id, and keeps positions right after deletes", async () => {
      const seed = testSeed();
      const same = "2020-05-05T00:00:00.000Z";
      seed.accounts[2]!.domains = ["c", "a", "e", "b", "d"].map((x) => ({ id: `${x}0000000-0000-4000-8000-000000000000`, domain: `${x}.example.com`, createdAt: same }));
      const store = await open(seed);
      expect((await store.list(ACCOUNT_EMPTY, 0, 10)).map((d) => d.domain)).toEqual(["a", "b", "c", "d", "e"].map((x) => `${x}.example.com`));
      expect(await store.remove(ACCOUNT_EMPTY, "b0000000-0000-4000-8000-000000000000")).toBe(true);
      expect((await store.list(ACCOUNT_EMPTY, 1, 2)).map((d) => d.domain)).toEqual(["c.example.com", "d.example.com"]);
    });
    },
    get: () => {
    it("does not see another account's domain", async () => {
      const store = await open();
      const id = "d0000000-0000-4000-8000-00000000b001";
      expect(await store.get(ACCOUNT_A, id)).toBeUndefined();
      expect(await store.updateDescription(ACCOUNT_A, id, "x")).toBeUndefined();
      expect(await store.checkDkimStatus(ACCOUNT_A, id)).toBeUndefined();
      expect(await store.setVerification(ACCOUNT_A, id, { dkimStatus: "verified" })).toBeUndefined();
      expect(await store.remove(ACCOUNT_A, id)).toBe(false);
      expect((await store.get(ACCOUNT_B, id))?.description).toBeNull();
    });

  it("returns copies: changing a returned domain changes nothing stored", async () => {
    const store = await open();
    const [d] = await store.list(ACCOUNT_A, 0, 1);
    try {
      (d as { description: string | null }).description = "changed behind the store's back";
    } catch {
      // frozen (memory): also fine
    }
    expect((await store.get(ACCOUNT_A, d!.id))?.description).toBe("first");
  });
    },
    updateDescription: () => {
    it("updates the description and modifiedAt only", async () => {
      const store = await open();
      const before = (await store.get(ACCOUNT_A, "d0000000-0000-4000-8000-00000000a001"))!;
      const after = (await store.updateDescription(ACCOUNT_A, before.id, null))!;
      expect(after).toEqual({ ...before, description: null, modifiedAt: after.modifiedAt });
      expect(after.modifiedAt).not.toBeNull();
      expect(await store.get(ACCOUNT_A, before.id)).toEqual(after);
    });

    it("ends concurrent updates and a delete of one domain with the domain either updated or gone", async () => {
      const store = await open();
      const d = await create(store, ACCOUNT_A, "contested.example.com");
      const results = await Promise.all([
        store.updateDescription(ACCOUNT_A, d.id, "one"),
        store.remove(ACCOUNT_A, d.id),
        store.updateDescription(ACCOUNT_A, d.id, "two"),
      ]);
      const after = await store.get(ACCOUNT_A, d.id);
      expect(results[1]).toBe(true);
      expect(after).toBeUndefined();
      expect((await store.list(ACCOUNT_A, 0, 100)).some((x) => x.id === d.id)).toBe(false);
    });
    },
    remove: () => {
    it("removes a domain for good, and frees its name", async () => {
      const store = await open();
      const d = await create(store, ACCOUNT_A, "gone.example.com");
      expect(await store.remove(ACCOUNT_A, d.id)).toBe(true);
      expect(await store.get(ACCOUNT_A, d.id)).toBeUndefined();
      expect(await store.remove(ACCOUNT_A, d.id)).toBe(false);
      expect(await store.updateDescription(ACCOUNT_A, d.id, "x")).toBeUndefined();
      expect(await store.checkDkimStatus(ACCOUNT_A, d.id)).toBeUndefined();
      await create(store, ACCOUNT_A, "GONE.example.com");
    });

    it("moves the default to the oldest remaining domain when the default is removed", async () => {
      const store = await open();
      const [first, second] = await store.list(ACCOUNT_A, 0, 2);
      expect(first?.isDefault).toBe(true);
      await store.remove(ACCOUNT_A, first!.id);
      const heir = (await store.get(ACCOUNT_A, second!.id))!;
      expect(heir.isDefault).toBe(true);
      expect(heir.modifiedAt).not.toBeNull();
      expect((await store.list(ACCOUNT_A, 0, 10)).filter((d) => d.isDefault)).toHaveLength(1);
      await store.remove(ACCOUNT_A, second!.id);
      expect(await store.list(ACCOUNT_A, 0, 10)).toEqual([]);
      expect((await create(store, ACCOUNT_A, "again.example.com")).isDefault).toBe(true);
    });
    },
    checkDkimStatus: () => {
    it("walks a clean domain to verified in two checks, counting attempts", async () => {
      const store = await open();
      const d = await create(store, ACCOUNT_A, "clean.example.com");
      const once = (await store.checkDkimStatus(ACCOUNT_A, d.id))!;
      expect(once).toMatchObject({ tokenVerificationStatus: "verified", dkimStatus: "waiting_for_provider", spfCheckStatus: "verified", dmarcStatus: "verified", dkimAttempts: 1, isVerified: false });
      expectInvariants(once);
      const twice = (await store.checkDkimStatus(ACCOUNT_A, d.id))!;
      expect(twice).toMatchObject({ dkimStatus: "verified", dkimAttempts: 2, isVerified: true });
      expectInvariants(twice);
      const thrice = (await store.checkDkimStatus(ACCOUNT_A, d.id))!;
      expect(thrice.dkimAttempts).toBe(3);
      expect(thrice.tokenVerificationAttempts).toBeGreaterThanOrEqual(twice.tokenVerificationAttempts);
      expect(await store.get(ACCOUNT_A, d.id)).toEqual(thrice);
    });

    it("ends in failure with an error object for a failing label, and keeps the invariants on every step", async () => {
      const store = await open();
      const d = await create(store, ACCOUNT_A, "mail.dkim-fails.spf-fails.example");
      let last = d;
      for (let i = 0; i < 4; i++) {
        const next = (await store.checkDkimStatus(ACCOUNT_A, d.id))!;
        expectInvariants(next);
        expect(next.dkimAttempts).toBeGreaterThan(last.dkimAttempts);
        expect(next.spfCheckAttempts).toBeGreaterThanOrEqual(last.spfCheckAttempts);
        last = next;
      }
      expect(last).toMatchObject({ dkimStatus: "failed", spfCheckStatus: "failed", isVerified: false });
    });
    },
    setVerification: () => {
    it("sets statuses directly with the invariants kept, and persists them", async () => {
      const store = await open();
      const id = "d0000000-0000-4000-8000-00000000a002";
      const d = (await store.setVerification(ACCOUNT_A, id, { tokenVerificationStatus: "verified", dkimStatus: "verified", deactivated: true }))!;
      expect(d).toMatchObject({ isVerified: true, deactivated: true, dkimError: null });
      expectInvariants(d);
      expect(await store.get(ACCOUNT_A, id)).toEqual(d);
    });
    },
    reset: () => {
    it("replaces every account and domain with the seed's", async () => {
      const store = await open();
      const initial = await snapshotStore(store);
      await create(store, ACCOUNT_A, "temp.example.com");
      await store.remove(ACCOUNT_B, "d0000000-0000-4000-8000-00000000b001");
      await store.reset(testSeed());
      // Tokens are drawn afresh on every load; everything else is the seed's again.
      const withoutTokens = (s: string) => s.replace(/"verificationToken":"[^"]*"/g, "").replace(/"dkimTokens":\{[^}]*\}/g, "");
      expect(withoutTokens(await snapshotStore(store))).toBe(withoutTokens(initial));
      const onlyB: Seed = { accounts: [testSeed().accounts[1]!] };
      await store.reset(onlyB);
      expect((await store.accounts()).map((a) => a.accountId)).toEqual([ACCOUNT_B]);
      expect(await store.accountForKey("test-key-account-a")).toBeUndefined();
      expect(await store.list(ACCOUNT_A, 0, 10)).toEqual([]);
    });

    it("changes nothing when the seed fails halfway (a time that cannot be stored, in the second account)", async () => {
      const store = await open();
      const before = await snapshotStore(store);
      const [a, b] = testSeed().accounts;
      const broken: Seed = { accounts: [a!, { ...b!, domains: [{ domain: "x.example.com", createdAt: "2016-12-31T23:59:60Z", dkimStatus: "failed" }] }] };
      await expect(store.reset(broken)).rejects.toThrow();
      expect(await snapshotStore(store)).toBe(before);
      expect((await store.accountForKey("test-key-account-a"))?.accountId).toBe(ACCOUNT_A);
    });
    },
    ping: () => {
      it("answers true while the backend is open", async () => {
        expect(await (await open()).ping()).toBe(true);
      });
    },
    close: () => {
      it("closes once the store is done with (the suite closes every store it opened)", async () => {
        const env = testEnvironment();
        const port = await backend.open(seedWorld(testSeed(), env));
        await expect(port.close()).resolves.toBeUndefined();
      });
    },
    initialisedFromSeed: () => {
      it("is true or absent for a backend opened on a new world (only a persistent backend that kept data says false)", async () => {
        expect((await open()).initialisedFromSeed).not.toBe(false);
      });
    },
  };

  describe(`store port conformance (${backend.name})`, () => {
    for (const [method, tests] of Object.entries(byMethod)) describe(method, tests);

    describe("the port itself", () => {
      const openPort = async (): Promise<StorePort> => {
        const port = await backend.open(seedWorld(testSeed(), testEnvironment()));
        opened.push(port);
        return port;
      };
      const first = "d0000000-0000-4000-8000-00000000a001";
      const second = "d0000000-0000-4000-8000-00000000a002";

      it("reads an unknown account as empty, and refuses to write to it", async () => {
        const port = await openPort();
        const unknown = "00000000-0000-4000-8000-000000000000";
        expect(await port.transact(unknown, { reads: { empty: true }, decide: (view) => ({ result: view.isEmpty() }) })).toBe(true);
        const stray = { ...(await port.get(ACCOUNT_A, first))!, id: "f0000000-0000-4000-8000-00000000ffff", accountId: unknown };
        await expect(port.transact(unknown, { reads: {}, decide: () => ({ result: 1, writes: { put: [stray] } }) })).rejects.toThrow(UnknownAccountError);
        expect(await port.page(unknown, 0, 10)).toEqual([]);
      });

      // One entry per read of AccountView: what declaring it answers, and that asking it undeclared is refused.
      // A read added to the view is a compile error here until it is tested on every backend.
      const reads: Record<keyof AccountView, { declared: Change<unknown>; expected: unknown; undeclared: Change<unknown> }> = {
        domain: {
          declared: { reads: { ids: [first, "f0000000-0000-4000-8000-0000000000aa"] }, decide: (v) => ({ result: [v.domain(first)?.domain, v.domain("f0000000-0000-4000-8000-0000000000aa")] }) },
          expected: ["first.example.com", undefined],
          undeclared: { reads: { ids: [first] }, decide: (v) => ({ result: v.domain(second) }) },
        },
        idOfName: {
          declared: { reads: { names: ["second.example.com"] }, decide: (v) => ({ result: v.idOfName("second.example.com") }) },
          expected: second,
          undeclared: { reads: { ids: [first] }, decide: (v) => ({ result: v.idOfName("first.example.com") }) },
        },
        isEmpty: {
          declared: { reads: { empty: true }, decide: (v) => ({ result: v.isEmpty() }) },
          expected: false,
          undeclared: { reads: { head: 1 }, decide: (v) => ({ result: v.isEmpty() }) },
        },
        head: {
          declared: { reads: { head: 1 }, decide: (v) => ({ result: v.head().map((d) => d.id) }) },
          expected: [first],
          undeclared: { reads: { empty: true }, decide: (v) => ({ result: v.head() }) },
        },
        defaultDomain: {
          declared: { reads: { default: true }, decide: (v) => ({ result: v.defaultDomain()?.id }) },
          expected: first,
          undeclared: { reads: { ids: [first] }, decide: (v) => ({ result: v.defaultDomain() }) },
        },
      };
      for (const [read, { declared, expected, undeclared }] of Object.entries(reads)) {
        it(`answers ${read} when the change declared it, and refuses it (writing nothing) when not`, async () => {
          const port = await openPort();
          expect(await port.transact(ACCOUNT_A, declared)).toEqual(expected);
          const write = (await port.get(ACCOUNT_A, second))!;
          const sneaky: Change<unknown> = { reads: undeclared.reads, decide: (v) => ({ result: undeclared.decide(v).result, writes: { put: [{ ...write, description: "written" }] } }) };
          await expect(port.transact(ACCOUNT_A, sneaky)).rejects.toThrow(UndeclaredReadError);
          expect((await port.get(ACCOUNT_A, second))?.description).toBeNull();
        });
      }

      it("reads no default in an account without domains", async () => {
        const port = await openPort();
        expect(await port.transact(ACCOUNT_EMPTY, { reads: { default: true }, decide: (v) => ({ result: v.defaultDomain() ?? "none" }) })).toBe("none");
      });

      it("moves the default whatever order a change lists its writes in (the old one is cleared first)", async () => {
        const port = await openPort();
        const [a1, a2] = [(await port.get(ACCOUNT_A, first))!, (await port.get(ACCOUNT_A, second))!];
        // The new default is listed before the write that clears the old one: the port applies them in its order.
        const moveDefault: Change<string | undefined> = {
          reads: { default: true, ids: [second] },
          decide: (v) => ({ result: v.defaultDomain()?.id, writes: { put: [{ ...a2, isDefault: true }, { ...a1, isDefault: false }] } }),
        };
        expect(await port.transact(ACCOUNT_A, moveDefault)).toBe(first);
        const after = await port.page(ACCOUNT_A, 0, 10);
        expect(after.filter((d) => d.isDefault).map((d) => d.id)).toEqual([second]);
        expect(await port.transact(ACCOUNT_A, { reads: { default: true }, decide: (v) => ({ result: v.defaultDomain()?.id }) })).toBe(second);
      });

      it("removes before it writes: a change that deletes the default and makes its heir the default in one go", async () => {
        const port = await openPort();
        const [a1, a2] = [(await port.get(ACCOUNT_A, first))!, (await port.get(ACCOUNT_A, second))!];
        await port.transact(ACCOUNT_A, { reads: {}, decide: () => ({ result: null, writes: { put: [{ ...a2, isDefault: true }], remove: [a1] } }) });
        expect((await port.page(ACCOUNT_A, 0, 10)).map((d) => [d.id, d.isDefault])).toEqual([[second, true]]);
      });

      it("refuses a change that would leave an account with two defaults, and writes none of it", async () => {
        const port = await openPort();
        const a2 = (await port.get(ACCOUNT_A, second))!;
        const before = JSON.stringify(await port.page(ACCOUNT_A, 0, 10));
        const extra = { ...a2, id: "f0000000-0000-4000-8000-0000000000bb", domain: "third.example.com", isDefault: false };
        await expect(port.transact(ACCOUNT_A, { reads: {}, decide: () => ({ result: null, writes: { put: [extra, { ...a2, isDefault: true }] } }) })).rejects.toThrow();
        expect(JSON.stringify(await port.page(ACCOUNT_A, 0, 10))).toBe(before);
      });
    });
  });
}
