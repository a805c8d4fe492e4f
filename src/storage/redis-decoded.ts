// The Redis store's memo of decoded domains: a record whose text did not change is the same frozen object, so
// the engine's response-check memo and JSON text cache (which trust deep-frozen values) apply as with memory.
// Kept by id, not by text: looking a 1 kB text up would hash all of it on every read (~2 µs per record),
// while comparing it with the kept text is a memory compare. Every read still brings the record's current
// text from Redis, and only an identical text gets the kept object: a change made by another process is
// seen on the very next read, as without the memo.
import { deepFreeze } from "../shared/deep-freeze.js";
import type { EmailDomain } from "./types.js";

/** Decoded domains kept (by id, with their JSON text); past this many the memo starts again (a large seed read once). */
const DECODED_LIMIT = 20_000;

export interface DecodedDomains {
  /** The domain stored under `id` as `text`. */
  decode(id: string, text: string): EmailDomain;
  /** The text a written domain is stored as, remembered with the domain itself (the next read finds it). */
  encode(domain: EmailDomain): string;
}

export function decodedDomains(): DecodedDomains {
  let decoded = new Map<string, { text: string; domain: EmailDomain }>();
  function keep(id: string, text: string, domain: EmailDomain): EmailDomain {
    if (decoded.size >= DECODED_LIMIT) decoded = new Map();
    decoded.set(id, { text, domain });
    return domain;
  }
  return {
    decode(id, text) {
      const known = decoded.get(id);
      return known !== undefined && known.text === text ? known.domain : keep(id, text, deepFreeze(JSON.parse(text) as EmailDomain));
    },
    encode(domain) {
      const text = JSON.stringify(domain);
      keep(domain.id, text, deepFreeze(domain));
      return text;
    },
  };
}
