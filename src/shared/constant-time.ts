// Strings compared in constant time: the candidate is compared with the known value character by character,
// walking the whole candidate whatever matches, so timing reveals neither a match nor how much of one. Plain
// code, no node:crypto, so it runs in a browser too. Used for API keys (storage/api-keys.ts) and the mock's
// control token (engine).

/** True when equal, in time that depends on the candidate's length only (also for the mock's control token). */
export function constantTimeEqual(candidate: string, known: string): boolean {
  return difference(candidate, known) === 0;
}

/** 0 when equal; time depends on the candidate's length only. */
export function difference(candidate: string, known: string): number {
  let diff = candidate.length ^ known.length;
  const width = known.length || 1;
  for (let i = 0; i < candidate.length; i++) diff |= candidate.charCodeAt(i) ^ (known.charCodeAt(i % width) | 0);
  return diff;
}
