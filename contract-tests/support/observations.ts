// What this test file has seen so far: documented (operationId, status) pairs, the highest attempt
// counters per domain, and the domains it created (for cleanup). Seeded from the parts written by
// earlier files of the same run.
import { inject } from "vitest";
import { readRunState, writeRunStatePart } from "./run-state.js";

const runStateDir = inject("contractRunStateDir");

export interface CreatedDomain {
  id: string;
  accountId: string;
  apiKey: string;
}

const earlier = readRunState(runStateDir);

export const observations = {
  seen: new Set<string>(),
  attempts: earlier.attempts,
  created: new Map<string, CreatedDomain>(),
};

export const pairKey = (operationId: string, status: number | string) => `${operationId} ${status}`;

export function flushObservations(): void {
  writeRunStatePart(runStateDir, { seen: [...observations.seen], attempts: observations.attempts });
}
