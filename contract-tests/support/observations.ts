// What this test file has seen so far: documented (operationId, status) pairs seen and judged, the highest attempt
// counters per domain, and the domains it created (for cleanup). Seeded from the parts written by
// earlier files of the same run.
import { inject } from "vitest";
import { pairKey } from "./pair-key.js";
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
  judged: new Set<string>(),
  attempts: earlier.attempts,
  created: new Map<string, CreatedDomain>(),
};

export { pairKey };

/**
 * The answer's status was compared with an expectation that could have been different, and it held: an
 * explicit assertion (expect-status.ts), or the model's engine expecting that very answer. The coverage gate
 * counts only these; a pair merely seen proves the server can answer it, not that it answers it when it should.
 */
export function recordJudged(operationId: string, status: number | string): void {
  observations.judged.add(pairKey(operationId, status));
}

export function flushObservations(): void {
  writeRunStatePart(runStateDir, { seen: [...observations.seen], judged: [...observations.judged], attempts: observations.attempts });
}
