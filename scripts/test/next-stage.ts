// Which stage npm test starts next (run-stages.ts): stages start in the list's order, at most `jobs` at once;
// one whose resource (`uses`) a running stage holds waits, and a later one may start first; an `alone` stage
// starts only when nothing runs, and nothing after it starts before it has ended.
import type { Stage } from "./stages.js";

export function nextStage(waiting: readonly Stage[], running: readonly Stage[], jobs: number): Stage | undefined {
  if (running.length >= jobs || running.some((s) => s.alone)) return undefined;
  const taken = new Set(running.flatMap((s) => s.uses ?? []));
  for (const stage of waiting) {
    if (stage.alone) return running.length === 0 ? stage : undefined;
    if (!(stage.uses ?? []).some((u) => taken.has(u))) return stage;
  }
  return undefined;
}
