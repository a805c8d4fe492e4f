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

/**
 * The concurrent checker's clock: a create takes the target's id and createdAt (primed from its answer), every
 * other stamp one fixed instant, ids and tokens a counter. Its timestamps are compared only as set or null, so
 * two orders that reach the same records reach the same state, which the search's memo then recognises.
 */
export function createFixedClock(): ModelClock {
  let primed: { id: string; createdAt: string } | undefined;
  let counter = 0;
  const FIXED = "2000-01-01T00:00:00.000Z";
  return {
    now() {
      const raw = primed?.createdAt ?? FIXED;
      primed = undefined;
      return Object.assign(new Date(Date.parse(raw)), { toISOString: () => raw });
    },
    newId() {
      return primed?.id ?? `00000000-0000-4000-8000-${(++counter).toString(16).padStart(12, "0")}`;
    },
    newToken: () => "0".repeat(32),
    primeCreate(id, createdAt) {
      primed = { id, createdAt };
    },
    clearPrime() {
      primed = undefined;
    },
  };
}
