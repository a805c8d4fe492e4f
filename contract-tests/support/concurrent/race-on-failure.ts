// What the concurrent stage does when a run fails (issue 25, item 4): shrink the run's plan against the target
// (shrink-plan.ts: fewer clients, fewer calls, each smaller plan run again and kept while it still fails), write
// the shrunk run's racing script (race-reproduction.ts), and hand it to the report in place of a replay of the
// recorded calls, which would send them one at a time and show nothing.
import type { StepSpec } from "../model/steps.js";
import { NO_REPRODUCTION } from "../repro/on-failure.js";
import { supplyReproduction } from "../repro/recorder.js";
import { checkHistory } from "./check-history.js";
import type { ParallelPlan } from "./plan.js";
import { writeRacingReproduction } from "./race-reproduction.js";
import { runClients, type ClientsRun, type RunClientsSettings } from "./run-clients.js";
import { shrinkPlan } from "./shrink-plan.js";
import { formatTimeline } from "./timeline.js";

/** Runs of a smaller plan before it counts as passing, and runs in all, while shrinking. */
export const SHRINK_TRIES = 3;
export const SHRINK_RUNS = 36;

export interface RunFailure {
  record: ClientsRun;
  /** The rule no order keeps (or the answer that broke the contract), in one line. */
  rule: string;
}

/** The run's failure, if it failed: an answer the suite's client refused, or a history no order explains. */
export async function failureOf(record: ClientsRun, exact: boolean): Promise<RunFailure | undefined> {
  if (record.refused) return { record, rule: record.refused.message.split("\n")[0] ?? "an answer broke the contract" };
  const verdict = await checkHistory(record.start, record.history, { exact });
  // Only a part the race took part in: while shrinking, a part of sequential reads alone can fail on what an
  // earlier run left (a delete still being applied), which no script of this plan would show.
  if (verdict.kind !== "violation" || !verdict.calls.some((c) => c.client >= 0)) return undefined;
  const lines = verdict.explanation.split("\n");
  return { record, rule: (lines[2] ?? lines[0] ?? "no order explains every answer").trim() };
}

/** A name the suite gives (`contract-<token>-…`), other than this run's: what an earlier run left. */
const leftOf = (record: ClientsRun) => record.start.some((a) => a.domains.some((d) => /^contract-[0-9a-f]{12}-/.test(d.domain) && !d.domain.includes(record.runToken)));

/**
 * A smaller plan's run, judged once the target holds nothing an earlier run left (a delete it has answered but
 * not yet applied would change the accounts during this run, a failure no script of this plan shows); after a
 * few waits it counts as passing.
 */
async function settledRun(plan: ParallelPlan, ctx: RaceOnFailure): Promise<RunFailure | undefined> {
  for (let wait = 0; wait < 3; wait++) {
    const record = await runClients(plan, ctx.run);
    if (!leftOf(record)) return failureOf(record, ctx.exact);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return undefined;
}

export interface RaceOnFailure {
  title: string;
  baseUrl: string;
  reportsDir: string;
  exact: boolean;
  run: RunClientsSettings;
}

const size = (plan: ParallelPlan) => `${plan.clients.length} client(s), ${plan.clients.reduce((n, c) => n + c.length, 0)} call(s) in the race, ${plan.prefix.length} set-up step(s)`;

/** Shrinks the failing plan, writes its racing script and supplies it to the report; the lines for the failure message. */
export async function raceReproductionOnFailure(plan: ParallelPlan, failure: RunFailure, ctx: RaceOnFailure): Promise<string> {
  const shrunk = await shrinkPlan<StepSpec, ParallelPlan, RunFailure>(plan, failure, (p) => settledRun(p, ctx), { tries: SHRINK_TRIES, maxRuns: SHRINK_RUNS });
  const { record, rule } = shrunk.failure;
  const written = await writeRacingReproduction(
    { start: record.start, history: record.history, runToken: record.runToken },
    {
      title: ctx.title,
      rule,
      baseUrl: ctx.baseUrl,
      reportsDir: ctx.reportsDir,
      accounts: { own: ctx.run.own, other: ctx.run.other },
      exact: ctx.exact,
      timeline: formatTimeline(record.history).split("\n"),
    },
  );
  const shrinking = `shrunk in ${shrunk.runs} run(s) against the target from ${size(plan)} to ${size(shrunk.plan)}`;
  if (!written) {
    supplyReproduction({ annotation: `${NO_REPRODUCTION}: the shrunk race only writes on domains the run did not create, which a script may not touch (${shrinking})` });
    return `racing reproduction: none (${shrinking})`;
  }
  supplyReproduction({ annotation: written.annotation });
  return `racing reproduction: ${written.script} (${shrinking}; each try judged by ${written.outcomes} outcome(s) of ${written.orders} order(s))`;
}
