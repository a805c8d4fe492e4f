// How much the parallel part of a history really overlapped: the share of its answered calls whose
// [sentAt, answeredAt] window overlaps a call of another client, and the most calls in flight at once.
import type { History } from "./history.js";

export interface Overlap {
  /** Calls of the parallel part (answered or not). */
  calls: number;
  /** Of those, the ones whose window overlaps another client's call. */
  overlapping: number;
  maxInFlight: number;
}

export function measureOverlap(history: History): Overlap {
  const parallel = history.filter((c) => c.client >= 0).map((c) => ({ client: c.client, from: c.sentAt, to: c.answeredAt ?? Number.POSITIVE_INFINITY }));
  const overlapping = parallel.filter((a) => parallel.some((b) => b.client !== a.client && a.from < b.to && b.from < a.to)).length;
  // A sweep over the windows' ends: an answer at the same instant as a send counts as done first.
  const events = parallel.flatMap((c) => [{ at: c.from, step: 1 }, { at: c.to, step: -1 }]).sort((a, b) => a.at - b.at || a.step - b.step);
  let inFlight = 0;
  let maxInFlight = 0;
  for (const e of events) maxInFlight = Math.max(maxInFlight, (inFlight += e.step));
  return { calls: parallel.length, overlapping, maxInFlight };
}

/** Sums runs' overlaps (max in flight: the largest). */
export const addOverlap = (a: Overlap, b: Overlap): Overlap => ({ calls: a.calls + b.calls, overlapping: a.overlapping + b.overlapping, maxInFlight: Math.max(a.maxInFlight, b.maxInFlight) });
