// The real clock and id sources for a store. The clock is monotonic per process (each call at least 1 ms
// after the last) so that domains created in a burst still list in creation order. Web Crypto only, so
// the memory store also runs in a browser.
import type { StoreEnvironment } from "./types.js";

const TOKEN_BYTES = 16;
const TOKENS_PER_DRAW = 256;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export function systemEnvironment(): StoreEnvironment {
  let last = 0;
  // One getRandomValues call per 256 tokens: a call per token would be most of a create's own work.
  const pool = new Uint8Array(TOKEN_BYTES * TOKENS_PER_DRAW);
  let offset = pool.length;
  return {
    now() {
      last = Math.max(Date.now(), last + 1);
      return new Date(last);
    },
    newId: () => crypto.randomUUID(),
    newToken() {
      if (offset >= pool.length) {
        crypto.getRandomValues(pool);
        offset = 0;
      }
      let hex = "";
      for (let i = offset; i < offset + TOKEN_BYTES; i++) hex += HEX[pool[i]!];
      offset += TOKEN_BYTES;
      return hex;
    },
  };
}
