// API keys are compared in constant time: the candidate is compared with every known key, each comparison
// walks the whole candidate whatever matches, and the loop never stops early, so timing reveals neither
// which key matched nor how much of one. Plain code, no node:crypto, so the store also runs in a browser.
import type { Account } from "./types.js";

export interface KeyRing {
  find(apiKey: string): Account | undefined;
}

/** True when equal, in time that depends on the candidate's length only (also for the mock's control token). */
export function constantTimeEqual(candidate: string, known: string): boolean {
  return difference(candidate, known) === 0;
}

/** 0 when equal; time depends on the candidate's length only. */
function difference(candidate: string, known: string): number {
  let diff = candidate.length ^ known.length;
  const width = known.length || 1;
  for (let i = 0; i < candidate.length; i++) diff |= candidate.charCodeAt(i) ^ (known.charCodeAt(i % width) | 0);
  return diff;
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
