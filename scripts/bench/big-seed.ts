// Seed files with 100,000 domains (format: src/seed/seed.schema.json), written to a temporary directory:
// one spread over many accounts (memory), one with every domain in a single account (paging).
import { writeFileSync } from "node:fs";
import { join } from "node:path";

export const BIG_DOMAINS = 100_000;
export const BIG_ACCOUNT_ID = "e0000000-0000-4000-8000-000000000001";
export const BIG_API_KEY = "bench-key-big-account";

const uuid = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
const START = Date.parse("2026-01-01T00:00:00.000Z");

function account(index: number, domains: number) {
  const accountId = index === 0 ? BIG_ACCOUNT_ID : uuid("e0000000", index + 1);
  return {
    accountId,
    organizationId: uuid("f0000000", index + 1),
    creatorId: uuid("c0000000", index + 1),
    apiKeys: [index === 0 ? BIG_API_KEY : `bench-key-account-${index}`],
    domains: Array.from({ length: domains }, (_, i) => ({
      domain: `d${i}.a${index}.bench.example.com`,
      description: i % 3 === 0 ? null : `Bench domain ${i}`,
      // Distinct times, as real data has; list order is createdAt then id.
      createdAt: new Date(START + i * 1_000).toISOString(),
    })),
  };
}

/** Writes both seeds and returns their paths. */
export function writeBigSeeds(dir: string, accountsForSpread = 100): { spread: string; single: string } {
  const spread = join(dir, "seed-100k-spread.json");
  const single = join(dir, "seed-100k-one-account.json");
  const per = BIG_DOMAINS / accountsForSpread;
  writeFileSync(spread, JSON.stringify({ accounts: Array.from({ length: accountsForSpread }, (_, i) => account(i, per)) }));
  writeFileSync(single, JSON.stringify({ accounts: [account(0, BIG_DOMAINS)] }));
  return { spread, single };
}
