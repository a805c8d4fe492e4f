// The real clock and id sources for a store. The clock is monotonic per process (each call at least 1 ms
// after the last) so that domains created in a burst still list in creation order.
import { randomBytes, randomUUID } from "node:crypto";
import type { StoreEnvironment } from "./types.js";

const TOKEN_BYTES = 16;
const TOKENS_PER_DRAW = 256;

export function systemEnvironment(): StoreEnvironment {
  let last = 0;
  // One randomBytes call per 256 tokens: a call costs ~10 µs, most of a create's own work.
  let pool = Buffer.alloc(0);
  let offset = 0;
  return {
    now() {
      last = Math.max(Date.now(), last + 1);
      return new Date(last);
    },
    newId: randomUUID,
    newToken() {
      if (offset >= pool.length) {
        pool = randomBytes(TOKEN_BYTES * TOKENS_PER_DRAW);
        offset = 0;
      }
      offset += TOKEN_BYTES;
      return pool.toString("hex", offset - TOKEN_BYTES, offset);
    },
  };
}
