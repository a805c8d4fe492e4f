// API keys are compared in constant time: every known key is compared (as a SHA-256 digest, so lengths
// match) and the loop never stops early, so timing reveals neither which key matched nor how much of one.
import { createHash, timingSafeEqual } from "node:crypto";
import type { Account } from "./types.js";

const digest = (key: string) => createHash("sha256").update(key, "utf8").digest();

export interface KeyRing {
  find(apiKey: string): Account | undefined;
}

export function createKeyRing(accounts: Account[]): KeyRing {
  const entries = accounts.flatMap((account) => account.apiKeys.map((key) => ({ hash: digest(key), account })));
  return {
    find(apiKey) {
      const candidate = digest(apiKey);
      let found: Account | undefined;
      for (const entry of entries) {
        if (timingSafeEqual(candidate, entry.hash)) found = entry.account;
      }
      return found;
    },
  };
}
