// API keys are compared in constant time: the candidate is compared with every known key, each comparison
// walks the whole candidate whatever matches, and the loop never stops early, so timing reveals neither
// which key matched nor how much of one. Plain code, no node:crypto, so the store also runs in a browser.
import { difference } from "../shared/constant-time.js";
import type { Account } from "./types.js";

export interface KeyRing {
  find(apiKey: string): Account | undefined;
}

export function createKeyRing(accounts: Account[]): KeyRing {
  const entries = accounts.flatMap((account) => account.apiKeys.map((key) => ({ key, account })));
  return {
    find(apiKey) {
      let found: Account | undefined;
      for (const entry of entries) {
        if (difference(apiKey, entry.key) === 0) found = entry.account;
      }
      return found;
    },
  };
}
