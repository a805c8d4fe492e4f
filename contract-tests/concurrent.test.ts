// The concurrent stage (issue 25): runs of K clients released together after a sequential prefix, each run's
// history judged against the kit's engine for every order of its calls that respects real time (support/
// concurrent/). A history no order explains fails the stage with its timeline and the rule no order keeps; a
// search past its budget is reported as undecided, never failed. Settings: CONTRACT_PARALLEL_RUNS,
// CONTRACT_PARALLEL_CLIENTS (--parallel-runs, --parallel-clients), the seed of the model stage (CONTRACT_SEED).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUSY, checkHistory } from "./support/concurrent/check-history.js";
import type { History, Verdict } from "./support/concurrent/history.js";
import { addOverlap, type Overlap } from "./support/concurrent/overlap.js";
import { describePlan, planArbitrary, samplePlans } from "./support/concurrent/plan.js";
import { raceReproductionOnFailure } from "./support/concurrent/race-on-failure.js";
import { runClients, type ClientsRun } from "./support/concurrent/run-clients.js";
import { formatTimeline } from "./support/concurrent/timeline.js";
import { hostOf } from "./support/host-target.js";
import { recordJudged } from "./support/observations.js";
import { suiteSettings } from "./support/suite-settings.js";
import { target } from "./support/target.js";

const { runs, clients } = suiteSettings.parallel;
const { seed, deleteExisting } = suiteSettings.model;
const budgetMs = Math.max(60_000, runs * 20 * target.timeoutMs);

interface Failure {
  run: number;
  plan: string;
  record: ClientsRun;
  calls: History;
  reason: string;
}

/** Writes the failing run as data (reports/concurrent/), for the racing reproduction and for a person. */
function keep(f: Failure, verdict: Verdict | undefined): string {
  const dir = join(target.reportsDir, "concurrent");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `concurrent-failure-${seed}-${f.run}.json`);
  const accounts = { own: target.own.accountId, other: target.other?.accountId };
  writeFileSync(file, JSON.stringify({ seed, run: f.run, exact: target.inProcessMock, accounts, plan: f.plan, start: f.record.start, history: f.record.history, verdict }, null, 2));
  return file;
}

describe("concurrent: overlapping clients judged by the engine for every order real time allows", () => {
  it.skipIf(runs === 0)(
    `${runs} run(s) of ${clients} clients released together are explained by some order of their calls (seed ${seed})`,
    { timeout: budgetMs, meta: { skipReason: "no concurrent runs asked for (CONTRACT_PARALLEL_RUNS=0 or --parallel-runs 0)" } },
    async () => {
      const plans = samplePlans(planArbitrary(target.other !== undefined, deleteExisting, clients), seed, runs);
      const started = performance.now();
      let overlap: Overlap = { calls: 0, overlapping: 0, maxInFlight: 0 };
      let calls = 0;
      let checkMs = 0;
      const undecided: string[] = [];
      let known: ClientsRun["after"];
      for (const [run, plan] of plans.entries()) {
        const settings = { own: target.own, other: target.other, connections: hostOf(suiteSettings) === "server" };
        const record = await runClients(plan, settings, known);
        known = record.after;
        // The failure's racing script (shrunk against the target, handed to the report): its line for the message.
        const racing = (rule: string) =>
          raceReproductionOnFailure(plan, { record, rule }, { title: `concurrent run ${run + 1} (seed ${seed})`, baseUrl: target.baseUrl, reportsDir: target.reportsDir, exact: target.inProcessMock, run: settings });
        overlap = addOverlap(overlap, record.overlap);
        calls += record.history.length;
        const failure = (reason: string, part: History = record.history): Failure => ({ run, plan: describePlan(plan), record, calls: part, reason });
        if (record.refused) {
          const f = failure(`an answer broke the contract:\n${record.refused.message}`);
          expect.fail(`run ${run + 1} of ${runs}: ${f.reason}\ntimeline:\n${formatTimeline(f.calls)}\nkept: ${keep(f, undefined)}\n${await racing(record.refused.message.split("\n")[0] ?? "")}`);
        }
        const t0 = performance.now();
        const verdict = await checkHistory(record.start, record.history, { exact: target.inProcessMock });
        checkMs += performance.now() - t0;
        if (verdict.kind === "undecided") undecided.push(`run ${run + 1} (${verdict.partition}): ${verdict.reason}`);
        // An order of the engine explains every answer of an explained history: each status was expected there
        // (a busy answer excepted: it is allowed whatever the engine expects).
        if (verdict.kind === "linearizable") for (const c of record.history) if (c.answer && c.answer.status !== BUSY) recordJudged(c.call.operationId, c.answer.status);
        if (verdict.kind === "violation") {
          const f = failure(verdict.explanation, verdict.calls);
          expect.fail(`run ${run + 1} of ${runs} (seed ${seed}): ${verdict.explanation}\ntimeline of ${verdict.partition}:\n${formatTimeline(f.calls)}\nplan:\n${f.plan}\nkept: ${keep(f, verdict)}\n${await racing(verdict.explanation.split("\n")[2]?.trim() ?? "")}`);
        }
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const share = overlap.calls === 0 ? 0 : Math.round((100 * overlap.overlapping) / overlap.calls);
      console.log(
        `concurrent stage: ${runs} run(s) of ${clients} clients, ${calls} calls; overlap: ${share}% of the ${overlap.calls} parallel calls overlapped another client's, at most ${overlap.maxInFlight} in flight; ${undecided.length} undecided; checker ${checkMs.toFixed(0)} ms, stage ${seconds} s (${target.inProcessMock ? "exact: the mock itself" : "a server: room where the spec leaves it"})`,
      );
      for (const u of undecided) console.log(`concurrent stage: undecided: ${u}`);
      expect(overlap.calls).toBeGreaterThan(0);
    },
  );
});
