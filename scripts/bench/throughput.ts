// Side-by-side load: for each scenario, every target runs once per round, in turn, so a busy moment of
// the (shared) machine falls on all targets alike; figures are averaged over rounds and shown as ratios.
import { setTimeout as sleep } from "node:timers/promises";
import { ROUNDS, SECONDS } from "./bench-config.js";
import { mergeResults, runLoad, type LoadResult, type Scenario } from "./load-test.js";

export interface Target {
  name: string;
  url: string;
  pid: number;
}

const SETTLE_MS = 500;

export type ThroughputTable = Map<string, Map<string, LoadResult>>;

export async function runThroughput(scenarios: Scenario[], targets: Target[], log: (line: string) => void): Promise<ThroughputTable> {
  const raw = new Map<string, Map<string, LoadResult[]>>();
  // A short warm-up per target and scenario lets V8 optimise before anything is measured.
  for (const scenario of scenarios) for (const target of targets) await runLoad(target.url, scenario, 1);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const scenario of scenarios) {
      // The order rotates, and is reversed every other round, so no target always runs right after the same
      // one; a pause lets the previous server finish its own work (GC, closing connections) first.
      const rotated = targets.map((_, i) => targets[(i + round) % targets.length]!);
      const order = round % 2 === 0 ? rotated.reverse() : rotated;
      for (const target of order) {
        await sleep(SETTLE_MS);
        const result = await runLoad(target.url, scenario, SECONDS, target.pid);
        const byTarget = raw.get(scenario.name) ?? new Map<string, LoadResult[]>();
        byTarget.set(target.name, [...(byTarget.get(target.name) ?? []), result]);
        raw.set(scenario.name, byTarget);
        log(`  round ${round}/${ROUNDS}  ${scenario.name.padEnd(16)} ${target.name.padEnd(22)} ${Math.round(result.rps)} req/s, ${Math.round(result.cpuUsPerRequest ?? 0)} µs CPU/req`);
      }
    }
  }
  const table: ThroughputTable = new Map();
  // Rows in the order the targets were given, whatever order the rounds ran them in.
  for (const [scenario, byTarget] of raw) {
    table.set(scenario, new Map(targets.flatMap((t) => (byTarget.has(t.name) ? [[t.name, mergeResults(byTarget.get(t.name)!)] as const] : []))));
  }
  return table;
}
