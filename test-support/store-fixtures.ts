// Shared fixtures of the store and HTTP tests: a small seed, a deterministic environment, temp dirs, and a
// snapshot of everything a store holds (to prove a request changed nothing).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EmailDomainStore, Seed, StoreEnvironment } from "../src/storage/types.js";

export const ACCOUNT_A = "a0000000-0000-4000-8000-000000000001";
export const ACCOUNT_B = "b0000000-0000-4000-8000-000000000002";
export const ACCOUNT_EMPTY = "e0000000-0000-4000-8000-000000000003";

export function testSeed(): Seed {
  return {
    accounts: [
      {
        accountId: ACCOUNT_A,
        organizationId: "0a000000-0000-4000-8000-000000000001",
        creatorId: "c0000000-0000-4000-8000-000000000001",
        apiKeys: ["test-key-account-a"],
        domains: [
          { id: "d0000000-0000-4000-8000-00000000a001", domain: "first.example.com", createdAt: "2020-01-01T00:00:00.000Z", description: "first" },
          { id: "d0000000-0000-4000-8000-00000000a002", domain: "second.example.com", createdAt: "2020-01-02T00:00:00.000Z", dkimStatus: "failed" },
        ],
      },
      {
        accountId: ACCOUNT_B,
        organizationId: "0b000000-0000-4000-8000-000000000002",
        creatorId: "c0000000-0000-4000-8000-000000000002",
        apiKeys: ["test-key-account-b"],
        domains: [{ id: "d0000000-0000-4000-8000-00000000b001", domain: "first.example.com", createdAt: "2020-01-01T00:00:00.000Z" }],
      },
      {
        accountId: ACCOUNT_EMPTY,
        organizationId: "0e000000-0000-4000-8000-000000000003",
        creatorId: "c0000000-0000-4000-8000-000000000003",
        apiKeys: ["test-key-account-empty"],
      },
    ],
  };
}

/** A clock that moves one second per call from 2021-01-01, and ids and tokens counted from 1. */
export function testEnvironment(): StoreEnvironment {
  let time = Date.parse("2021-01-01T00:00:00.000Z");
  let ids = 0;
  let tokens = 0;
  return {
    now: () => new Date((time += 1000)),
    newId: () => `f0000000-0000-4000-8000-${(++ids).toString(16).padStart(12, "0")}`,
    newToken: () => (++tokens).toString(16).padStart(32, "0"),
  };
}

/** A fresh temp directory and its removal. */
export function tempDir(prefix = "email-domains-"): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every account with every domain, in list order, as one JSON text: equal snapshots mean equal stores. */
export async function snapshotStore(store: EmailDomainStore, pageSize = 500): Promise<string> {
  const accounts = await store.accounts();
  const all: Record<string, unknown[]> = {};
  for (const account of accounts) {
    const domains: unknown[] = [];
    for (let start = 0; ; start += pageSize) {
      const page = await store.list(account.accountId, start, pageSize);
      domains.push(...page);
      if (page.length < pageSize) break;
    }
    all[account.accountId] = domains;
  }
  return JSON.stringify({ accounts, domains: all });
}
