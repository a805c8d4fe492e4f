// Where the Redis store keeps what (see the key list at the top of redis-store.ts), and the digest an API key
// is stored and looked up by.
import { createHash } from "node:crypto";

export interface AccountKeys {
  live: string;
  domains: string;
  names: string;
  order: string;
  callers: string;
  defaultId: string;
}

export interface RedisKeys {
  current: string;
  retired: string;
  world(g: string): { live: string; accounts: string; apiKeys: string };
  /** What every key of one account in generation g starts with (the unit of TrackedReads). */
  accountPrefix(g: string, accountId: string): string;
  account(g: string, accountId: string): AccountKeys;
}

export function redisKeys(prefix: string): RedisKeys {
  if (/[{}]/.test(prefix)) throw new Error(`Redis prefix must not contain { or } (they would change the hash tags): ${prefix}`);
  const accountPrefix = (g: string, accountId: string) => `${prefix}{${accountId}}:${g}:`;
  return {
    // One hash tag, so that the switch script can touch both on Cluster.
    current: `${prefix}{generations}:current`,
    retired: `${prefix}{generations}:retired`,
    world: (g) => {
      const w = `${prefix}{world}:${g}:`;
      return { live: `${w}live`, accounts: `${w}accounts`, apiKeys: `${w}keys` };
    },
    accountPrefix,
    account: (g, accountId) => {
      const a = accountPrefix(g, accountId);
      return { live: `${a}live`, domains: `${a}domains`, names: `${a}names`, order: `${a}order`, callers: `${a}keys`, defaultId: `${a}default` };
    },
  };
}

/** The keys of one account every change script gets, in the order the scripts name them (redis-scripts.ts). */
export const accountKeyList = (k: AccountKeys) => [k.live, k.domains, k.names, k.order, k.callers, k.defaultId];

/** How an API key is stored and looked up: a SHA-256 digest, so a lookup's time tells nothing about the key. */
export const keyDigest = (apiKey: string) => createHash("sha256").update(apiKey, "utf8").digest("hex");
