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
  if (verdict.kind !== "violation") return undefined;
  const lines = verdict.explanation.split("\n");
  return { record, rule: (lines[2] ?? lines[0] ?? "no order explains every answer").trim() };
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
  const shrunk = await shrinkPlan<StepSpec, ParallelPlan, RunFailure>(plan, failure, async (p) => failureOf(await runClients(p, ctx.run), ctx.exact), { tries: SHRINK_TRIES, maxRuns: SHRINK_RUNS });
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
