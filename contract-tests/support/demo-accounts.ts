// The mock's demo seed accounts (README): the suite's defaults when no account is named. Read from the
// demo seed itself (src/seed/demo-seed.json): its first account is A, its second B, each with its first key.
import { readFileSync } from "node:fs";
import { demoSeedFile } from "../../src/seed/load-seed.js";

export interface Credentials {
  apiKey: string;
  accountId: string;
}

interface SeedAccounts {
  accounts?: { accountId?: unknown; apiKeys?: unknown }[];
}

const seed = JSON.parse(readFileSync(demoSeedFile, "utf8")) as SeedAccounts;

function demoAccount(index: number): Credentials {
  const account = seed.accounts?.[index];
  const apiKey = Array.isArray(account?.apiKeys) ? (account.apiKeys[0] as unknown) : undefined;
  if (typeof account?.accountId !== "string" || typeof apiKey !== "string") {
    throw new Error(`the demo seed ${demoSeedFile} has no account #${index + 1} with an accountId and an API key`);
  }
  return { apiKey, accountId: account.accountId };
}

export const DEMO_A: Credentials = demoAccount(0);
export const DEMO_B: Credentials = demoAccount(1);
