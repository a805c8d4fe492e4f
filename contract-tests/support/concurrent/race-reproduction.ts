// A failing concurrent run -> its racing reproduction script under <reports>/repro/ (race-script.ts), named in
// the failure the way every reproduction is (`repro/<name>.sh (sh + curl; ...)`), so the CLI and the mutant
// runner find and verify it like the others. The run's prefix becomes the set-up, its clients the race, the
// accounts it touched are read whole after; names get a token per try, the set-up's domains are named by the
// call that created it. Writes on domains the run did not create are left out: the script only touches its own.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_PAGE_SIZE } from "../../../src/engine/create-engine.js";
import type { Credentials } from "../demo-accounts.js";
import { COLLECTION } from "../domains.js";
import type { ModelAccount } from "../model/oracle.js";
import type { AccountSlot, ConcreteCall } from "../model/steps.js";
import { REPRO_DIR, scriptName } from "../repro/on-failure.js";
import { API_KEY_HEADER } from "../spec.js";
import type { History, TimedCall } from "./history.js";
import { FACT_FIELDS, RUN_TOKEN, raceOutcomes, reproCallOf, type RaceAccounts, type RaceCall, type RaceScenario } from "./race-outcomes.js";
import { raceScript, setupLabel } from "./race-script.js";
import { isWrite, onOneDomain, roles, specOperation } from "../spec-roles.js";

/** What a failing run left: the accounts before it, its history, the token of its names. */
export interface RacingFailure {
  start: ModelAccount[];
  history: History;
  runToken: string;
}

export interface RacingContext {
  /** The failure as the report names it (the test's name). */
  title: string;
  /** The rule no order keeps, in one line. */
  rule: string;
  baseUrl: string;
  reportsDir: string;
  accounts: { own: Credentials; other: Credentials | undefined };
  /** Against the mock itself (its page size), or a server (the page size is its own). */
  exact: boolean;
  /** The failing history for a person, one line per call. */
  timeline: string[];
  tries?: number;
}

export const DEFAULT_TRIES = 8;

/** The run's names with its token as {run} and 4 characters more, so that a name keeps its length. */
const abstractBody = (body: unknown, runToken: string): unknown =>
  body === undefined ? undefined : (JSON.parse(JSON.stringify(body).split(runToken).join(`${RUN_TOKEN}${"r000".slice(0, Math.max(0, runToken.length - 8))}`)) as unknown);

/** The scenario of a failing run, with the engine's start (an account the run emptied first starts empty). */
export function scenarioOf(
  failure: RacingFailure,
  ids: Record<AccountSlot, string | undefined>,
): { scenario: RaceScenario; accounts: RaceAccounts; emptied: AccountSlot[]; held: AccountSlot[] } {
  const calls = [...failure.history].sort((a, b) => a.id - b.id);
  const raced = calls.filter((c) => c.client >= 0);
  const firstRace = Math.min(...raced.map((c) => c.sentAt));
  const held = new Set(failure.start.flatMap((a) => a.domains.map((d) => d.id)));
  const prefix = calls.filter((c) => c.client < 0 && c.sentAt < firstRace);
  const emptiesAccount = (c: TimedCall) => c.call.operationId === roles.remove && held.has(c.call.path.id ?? "");

  const symbolOf = new Map<string, string>();
  const raceCall = (c: TimedCall): RaceCall => {
    const id = c.call.path.id;
    const call = { ...c.call, body: abstractBody(c.call.body, failure.runToken) } as ConcreteCall;
    if (call.body === undefined) delete call.body;
    return id !== undefined && symbolOf.has(id) ? { call, target: { symbol: symbolOf.get(id)! } } : { call };
  };
  const setup = prefix.filter((c) => !emptiesAccount(c)).map((c, i) => {
    const body = c.answer?.body as { id?: unknown } | undefined;
    if (c.call.operationId === roles.create && c.answer?.status === 201 && typeof body?.id === "string") symbolOf.set(body.id, setupLabel(i + 1));
    return raceCall(c);
  });
  const ownsTarget = (rc: RaceCall) => !(isWrite(rc.call.operationId) && onOneDomain(specOperation(rc.call.operationId))) || rc.target !== undefined || !held.has(rc.call.path.id ?? "");
  const clients = [...new Set(raced.map((c) => c.client))]
    .sort((a, b) => a - b)
    .map((k) => raced.filter((c) => c.client === k).map(raceCall).filter(ownsTarget))
    .filter((c) => c.length > 0);
  const touched = [...new Set([...setup, ...clients.flat()].map((rc) => rc.call.account))].sort() as AccountSlot[];
  // An account the race started on empty (emptied by the prefix, or by an earlier run) is emptied by each try;
  // any other one must hold a domain when a try starts (whether a create becomes the default depends on it).
  const deletedFirst = new Set(prefix.filter(emptiesAccount).map((c) => c.call.path.id));
  const heldAtRace = (slot: AccountSlot) => failure.start.find((a) => a.accountId === ids[slot])?.domains.filter((d) => !deletedFirst.has(d.id)) ?? [];
  const emptied = touched.filter((slot) => heldAtRace(slot).length === 0);
  const emptiedIds = new Set(emptied.map((slot) => ids[slot]));
  const start = failure.start.map((a) => (emptiedIds.has(a.accountId) ? { ...a, domains: [] } : { ...a, domains: a.domains.filter((d) => !deletedFirst.has(d.id)) }));
  const after = touched.filter((slot) => clients.flat().some((rc) => rc.call.account === slot));
  return { scenario: { setup, clients, after: after.length > 0 ? after : ["own"] }, accounts: { start, ids }, emptied, held: touched.filter((slot) => !emptied.includes(slot)) };
}

const collectionOf = (slot: AccountSlot) => COLLECTION.replace("{accountId}", slot === "own" ? "{accountA}" : "{accountB}");
const keyOfSlot = (slot: AccountSlot) => ({ who: slot === "own" ? "A" : "B" }) as const;

/** Writes the racing script of a failing run; undefined when nothing of the race is left to send. */
export async function writeRacingReproduction(failure: RacingFailure, ctx: RacingContext): Promise<{ script: string; annotation: string; outcomes: number; orders: number } | undefined> {
  const ids = { own: ctx.accounts.own.accountId, other: ctx.accounts.other?.accountId };
  const { scenario, accounts, emptied, held } = scenarioOf(failure, ids);
  if (scenario.clients.length === 0) return undefined;
  const { outcomes, orders } = await raceOutcomes(scenario, accounts, { pageSize: ctx.exact ? DEFAULT_PAGE_SIZE : Number.MAX_SAFE_INTEGER });
  const setupIndexOf = (symbol: string) => (/^s\d+$/.test(symbol) ? Number(symbol.slice(1)) : undefined);
  const tries = ctx.tries ?? DEFAULT_TRIES;
  const text = raceScript(
    {
      title: ctx.title,
      rule: ctx.rule,
      baseUrl: ctx.baseUrl,
      startEmpty: emptied.map((slot) => ({ collection: collectionOf(slot), key: keyOfSlot(slot) })),
      startHeld: held.map((slot) => ({ collection: collectionOf(slot), key: keyOfSlot(slot) })),
      setup: scenario.setup.map((rc) => reproCallOf(rc, accounts, setupIndexOf)),
      clients: scenario.clients.map((calls) => calls.map((rc) => reproCallOf(rc, accounts, setupIndexOf))),
      after: scenario.after.map((slot) => ({ collection: collectionOf(slot), key: keyOfSlot(slot) })),
      outcomes,
      fields: FACT_FIELDS,
      tries,
      timeline: ctx.timeline,
    },
    { apiKeyHeader: API_KEY_HEADER, secrets: [ctx.accounts.own.apiKey, ...(ctx.accounts.other ? [ctx.accounts.other.apiKey] : [])] },
  );
  const script = join(REPRO_DIR, scriptName({ file: "concurrent.test.ts", name: ctx.title, message: ctx.rule }));
  mkdirSync(join(ctx.reportsDir, REPRO_DIR), { recursive: true });
  writeFileSync(join(ctx.reportsDir, script), text, { mode: 0o755 });
  const sent = scenario.clients.map((c, k) => `client ${k + 1}: ${c.map((rc) => rc.call.operationId).join(", ")}`).join("; ");
  const annotation = `${script} (sh + curl; races ${sent} up to ${tries} times; exit 1 when a try no order explains shows, 0 when every try was explained)`;
  return { script, annotation, outcomes: outcomes.length, orders };
}
