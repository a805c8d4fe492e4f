// The model's clock, ids and tokens. The model answers each call after the target did, so a create in the
// model takes the target's id and createdAt: the two lists then order ties exactly alike (createdAt, then
// id) and no id mapping is needed. Every other write in the model gets a time strictly after the last one,
// so "the model moved this timestamp" is always visible as a changed value.
import { randomBytes, randomUUID } from "node:crypto";
import type { StoreEnvironment } from "../../../src/storage/types.js";

export interface ModelClock extends StoreEnvironment {
  /** The id and createdAt the model's next create takes (the target's answer to the same create). */
  primeCreate(id: string, createdAt: string): void;
  /** Forgets a primed create that the model did not use (it answered 400 or 409). */
  clearPrime(): void;
}

export function createModelClock(): ModelClock {
  let last = Date.now();
  let primed: { id: string; createdAt: string } | undefined;
  return {
    now() {
      if (primed) {
        // Used once, as createdAt, by the create the target answered; kept exactly as the target wrote it.
        const raw = primed.createdAt;
        primed = undefined;
        return Object.assign(new Date(Date.parse(raw)), { toISOString: () => raw });
      }
      last = Math.max(last + 1, Date.now());
      return new Date(last);
    },
    newId() {
      return primed?.id ?? randomUUID(); // newEmailDomain asks for the id, then the time
    },
    newToken: () => randomBytes(16).toString("hex"),
    primeCreate(id, createdAt) {
      primed = { id, createdAt };
    },
    clearPrime() {
      primed = undefined;
    },
  };
}
