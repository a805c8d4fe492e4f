// The real clock and id sources for a store. The clock is monotonic per process (each call at least 1 ms
// after the last) so that domains created in a burst still list in creation order.
import { randomBytes, randomUUID } from "node:crypto";
import type { StoreEnvironment } from "./types.js";

export function systemEnvironment(): StoreEnvironment {
  let last = 0;
  return {
    now() {
      last = Math.max(Date.now(), last + 1);
      return new Date(last);
    },
    newId: randomUUID,
    newToken: () => randomBytes(16).toString("hex"),
  };
}
