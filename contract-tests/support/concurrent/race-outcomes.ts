// What a racing reproduction (race-script.ts) judges its tries by: for every order its overlapping calls may
// take (each client's calls in its order, the clients interleaved any way: they are released together), the
// kit's engine, in-process from the accounts' state, answers the set-up calls, the race and the reads after;
// each order's answers become facts about labelled answers, in the terms a try can compare: statuses, the
// domains' symbols (the label of the call that created them), the fields the client chose or the rules fix, and
// the lists' domains. Room the spec leaves: ids, timestamps and tokens are not compared; the outcome of a DNS
// check is the server's, so a check's statuses are not facts, and a later answer's are "as that check showed".
import { INVARIANT_FACTS } from "../invariants.js";
import type { EmailDomain } from "../domains.js";
import { FIELDS, GROUPS } from "../model/fields.js";
import { createOracle, type ModelAccount } from "../model/oracle.js";
import type { AccountSlot, Answer, ConcreteCall } from "../model/steps.js";
import type { KeyUse, ReproCall } from "../repro/format.js";
import { API_KEY_HEADER, type OperationId } from "../spec.js";
import { afterLabel, raceLabel, setupLabel, type Outcome, type OutcomeFact } from "./race-script.js";
import { outcomeFromDnsProvider, roles } from "../spec-roles.js";

/** A call of a race, with the domain its path names as a symbol of the race (`s1`, `c2.1`) or an id the accounts held. */
export interface RaceCall {
  call: ConcreteCall;
  target?: { symbol: string } | { id: string };
}

export interface RaceScenario {
  setup: RaceCall[];
  clients: RaceCall[][];
  /** The accounts read whole after the race. */
  after: AccountSlot[];
}

export interface RaceAccounts {
  /** The accounts' state the race starts from (the engine starts there). */
  start: ModelAccount[];
  /** The account id of each slot. */
  ids: Record<AccountSlot, string | undefined>;
}

/** The token of a race's names in a scenario's bodies; each try of a script replaces it with one of its own. */
export const RUN_TOKEN = "{run}";
/** What the engine names in place of {run} (8 characters, as a try's token). */
const ENGINE_RUN = "e0e0e0e0";

/** The domain fields facts are about: those the client chose or the rules fix (not ids, times, tokens: the server's). */
export const FACT_FIELDS: string[] = FIELDS.filter((f) => (f.kind === "exact" || f.kind === "counter") && f.name !== "id" && f.name !== "accountId").map((f) => f.name);
/** Fields a DNS check decides (its statuses and what follows from them): the server's where the spec leaves the outcome to DNS. */
const DNS_FIELDS = new Set<string>([...GROUPS.map((g) => g.status), INVARIANT_FACTS.isVerified]);

/** Every merge of the clients' call lists that keeps each client's order; at most `limit`. */
export function interleavings(lengths: number[], limit = 20_000): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = [];
  const next = lengths.map(() => 0);
  const walk = (acc: Array<[number, number]>) => {
    if (out.length >= limit) return;
    if (acc.length === lengths.reduce((a, b) => a + b, 0)) return void out.push([...acc]);
    lengths.forEach((len, k) => {
      if (next[k]! >= len) return;
      acc.push([k, next[k]!]);
      next[k]!++;
      walk(acc);
      next[k]!--;
      acc.pop();
    });
  };
  walk([]);
  return out;
}

const isDomain = (v: unknown): v is EmailDomain => typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as { id?: unknown }).id === "string";
const fieldText = (value: unknown) => JSON.stringify(value ?? null).split(ENGINE_RUN).join(RUN_TOKEN);

/** One run of the engine over one order: the answers by label, and the facts they give. */
async function runOrder(scenario: RaceScenario, accounts: RaceAccounts, order: Array<[number, number]>, pageSize: number): Promise<Outcome> {
  const oracle = createOracle(accounts.start.map((a) => ({ ...a, domains: [...a.domains] })), { pageSize });
  const keyOf = (accountId: string) => accounts.start.find((a) => a.accountId === accountId)?.apiKey;
  const otherKey = (accountId: string) => accounts.start.find((a) => a.accountId !== accountId)?.apiKey;
  const symbolOf = new Map<string, string>();
  const idOf = new Map<string, string>();
  /** The label whose answer last showed a domain's DNS outcome (its create or a check): a later answer shows the same. */
  const dnsShownAt = new Map<string, string>();
  const facts: OutcomeFact[] = [];

  const send = async (rc: RaceCall): Promise<Answer> => {
    const c = rc.call;
    const id = rc.target === undefined ? c.path.id : "id" in rc.target ? rc.target.id : idOf.get(rc.target.symbol) ?? "00000000-0000-4000-8000-000000000000";
    let url = c.pathTemplate.replace("{accountId}", encodeURIComponent(c.path.accountId)).replace("{id}", encodeURIComponent(id ?? ""));
    if (c.query) url += `?${new URLSearchParams(Object.entries(c.query).map(([k, v]) => [k, String(v)])).toString()}`;
    const key = c.who === "owner" ? keyOf(c.path.accountId) : c.who === "otherKey" ? otherKey(c.path.accountId) : c.who === "unknownKey" ? "contract-unknown-key" : undefined;
    const headers: Record<string, string> = {};
    if (key !== undefined) headers[API_KEY_HEADER] = key;
    if (c.body !== undefined) headers["content-type"] = "application/json";
    const body = c.body === undefined ? undefined : JSON.stringify(c.body).split(RUN_TOKEN).join(ENGINE_RUN);
    const res = await oracle.fetch(new Request(`http://engine${url}`, { method: c.method, headers, ...(body === undefined ? {} : { body }) }));
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };

  const domainFacts = (at: string, d: EmailDomain, symbol: string, op: OperationId) => {
    for (const field of FACT_FIELDS) {
      const value = (d as Record<string, unknown>)[field];
      if (!DNS_FIELDS.has(field)) facts.push({ at, field, equals: fieldText(value) });
      else if (outcomeFromDnsProvider(op)) continue; // the server's DNS outcome
      else if (op !== roles.create && dnsShownAt.has(symbol)) facts.push({ at, field, sameAs: { at: dnsShownAt.get(symbol)!, field } });
      else facts.push({ at, field, equals: fieldText(value) });
    }
  };

  const record = async (label: string, rc: RaceCall) => {
    const answer = await send(rc);
    facts.push({ at: label, field: "status", equals: String(answer.status) });
    const op = rc.call.operationId;
    if (op === roles.create && answer.status === 201 && isDomain(answer.body) && !symbolOf.has(answer.body.id)) {
      symbolOf.set(answer.body.id, label);
      idOf.set(label, answer.body.id);
    }
    if (Array.isArray(answer.body)) {
      facts.push({ at: label, field: "ids", equals: answer.body.filter(isDomain).flatMap((d) => symbolOf.get(d.id) ?? []).sort().join(" ") });
    } else if (isDomain(answer.body) && answer.status < 300) {
      const symbol = symbolOf.get(answer.body.id) ?? "";
      facts.push({ at: label, field: "id", equals: symbol });
      domainFacts(label, answer.body, symbol, op);
      if (symbol && (outcomeFromDnsProvider(op) || op === roles.create)) dnsShownAt.set(symbol, label);
    }
  };

  for (const [i, rc] of scenario.setup.entries()) await record(setupLabel(i + 1), rc);
  for (const [k, i] of order) await record(raceLabel(k + 1, i + 1), scenario.clients[k]![i]!);
  for (const [n, slot] of scenario.after.entries()) {
    const at = afterLabel(n + 1);
    const held = oracle.domainsOf(accounts.ids[slot] ?? "").filter((d) => symbolOf.has(d.id));
    facts.push({ at, field: "status", equals: "200" }, { at, field: "ids", equals: held.map((d) => symbolOf.get(d.id)!).sort().join(" ") });
    for (const d of held) {
      const symbol = symbolOf.get(d.id)!;
      for (const field of FACT_FIELDS) {
        if (DNS_FIELDS.has(field) && dnsShownAt.has(symbol)) facts.push({ at: `${at}#${symbol}`, field, sameAs: { at: dnsShownAt.get(symbol)!, field } });
        else facts.push({ at: `${at}#${symbol}`, field, equals: fieldText((d as Record<string, unknown>)[field]) });
      }
    }
  }
  return facts;
}

/** The distinct outcomes of every order the race's calls may take, and how many orders there were. */
export async function raceOutcomes(scenario: RaceScenario, accounts: RaceAccounts, options: { pageSize: number }): Promise<{ outcomes: Outcome[]; orders: number }> {
  const orders = interleavings(scenario.clients.map((c) => c.length));
  const seen = new Map<string, Outcome>();
  for (const order of orders) {
    const outcome = await runOrder(scenario, accounts, order, options.pageSize);
    seen.set(JSON.stringify(outcome), outcome);
  }
  return { outcomes: [...seen.values()], orders: orders.length };
}

/** A race call as the script sends it: account ids and the set-up's domains as placeholders, who as the key used. */
export function reproCallOf(rc: RaceCall, accounts: RaceAccounts, setupIndexOf: (symbol: string) => number | undefined): ReproCall {
  const c = rc.call;
  const place = (accountId: string) => (accountId === accounts.ids.own ? "{accountA}" : accountId === accounts.ids.other ? "{accountB}" : accountId);
  const target = rc.target === undefined ? c.path.id : "id" in rc.target ? rc.target.id : `{created:${setupIndexOf(rc.target.symbol) ?? 0}}`;
  let path = c.pathTemplate.replace("{accountId}", place(c.path.accountId)).replace("{id}", target ?? "");
  if (c.query) path += `?${new URLSearchParams(Object.entries(c.query).map(([k, v]) => [k, String(v)])).toString()}`;
  const mine: KeyUse = c.account === "own" ? { who: "A" } : { who: "B" };
  const theirs: KeyUse = c.account === "own" ? { who: "B" } : { who: "A" };
  const key: KeyUse = c.who === "owner" ? mine : c.who === "otherKey" ? theirs : c.who === "noKey" ? { who: "none" } : { who: "wrong", value: "contract-unknown-key" };
  return { method: c.method, path, key, ...(c.body === undefined ? {} : { body: [JSON.stringify(c.body)], contentType: "application/json" }) };
}
