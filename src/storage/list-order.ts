// The list order of every backend, defined once: createdAt as an instant (ms), then id. Memory compares with
// it, SQLite stores listKey() in (created_ms, id) and orders by that index, Redis scores by createdMs and
// breaks ties by member (the id).
import type { EmailDomain } from "./types.js";

export interface ListKey {
  createdMs: number;
  id: string;
}

/** The sort key of a domain; throws when createdAt is not an instant (a seed's typo must not be stored). */
export function listKey(domain: Pick<EmailDomain, "createdAt" | "id" | "domain">): ListKey {
  const createdMs = Date.parse(domain.createdAt);
  if (!Number.isFinite(createdMs)) throw new Error(`createdAt ${domain.createdAt} of ${domain.domain} is not a time`);
  return { createdMs, id: domain.id };
}

export function compareListKeys(a: ListKey, b: ListKey): number {
  if (a.createdMs !== b.createdMs) return a.createdMs - b.createdMs;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** `2026-10-10T09:30:00.000Z`, as toISOString writes it: fixed width, so text order is time order. */
const isCanonicalUtc = (t: string) => t.length === 24 && t.charCodeAt(23) === 90 /* Z */ && t.charCodeAt(10) === 84 /* T */ && t.charCodeAt(19) === 46; /* . */

/** compareListKeys on whole domains, without parsing dates when both are canonical (every created domain is). */
export function compareForList(a: Pick<EmailDomain, "createdAt" | "id">, b: Pick<EmailDomain, "createdAt" | "id">): number {
  const byTime =
    isCanonicalUtc(a.createdAt) && isCanonicalUtc(b.createdAt)
      ? a.createdAt < b.createdAt
        ? -1
        : a.createdAt > b.createdAt
          ? 1
          : 0
      : Date.parse(a.createdAt) - Date.parse(b.createdAt);
  if (byTime !== 0) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
