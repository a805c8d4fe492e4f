// The shrunk sequence of a model-stage failure in the reproduction format (support/repro/format.ts): account
// ids, the ids of domains the sequence created and the run's name token become placeholders; each call
// expects the status the model gave; the failing call also carries what the model's answer says of it:
// body facts where a problem names one (a field the model has another value for, or that must be set or
// null), the facts of domain-facts.ts for each domain the sequence created (values the client chose,
// counters, what must have stayed as an earlier step showed it), a list's order, and the invariants.
import { domainFacts, type Earlier } from "../repro/domain-facts.js";
import type { FieldFact, KeyUse, Repro, ReproExpectation, ReproStep } from "../repro/format.js";
import { answerShape, closedFields, operationOfCall } from "../repro/spec-facts.js";
import { COLLECTION } from "../domains.js";
import { outcomeFromDnsProvider } from "../spec-roles.js";
import { FIELDS } from "./fields.js";
import type { AccountSlot, RecordedStep } from "./steps.js";

export interface ReproContext {
  baseUrl: string;
  accounts: Record<AccountSlot, string | undefined>;
  runToken: string;
  seed: number;
  path: string;
  /** With --model-delete-existing: the ids each account held when the failing run started. */
  startIds?: Partial<Record<AccountSlot, string[]>>;
}

const KIND = new Map(FIELDS.map((f) => [f.name, f.kind]));
const compact = (name: string, value: unknown) => `"${name}":${JSON.stringify(value)}`;

export function toRepro(title: string, steps: RecordedStep[], ctx: ReproContext): Repro {
  const createdBy = new Map<string, number>();
  steps.forEach((s, i) => {
    const id = "status" in s.actual && s.actual.status === 201 ? (s.actual.body as { id?: unknown } | undefined)?.id : undefined;
    if (typeof id === "string") createdBy.set(id, i + 1);
  });
  const place = (text: string): string => {
    // The run's 12-character token becomes {run} (8) and 4 more: names keep their length.
    let out = text.split(ctx.runToken).join("{run}m000");
    for (const [slot, id] of Object.entries(ctx.accounts)) if (id) out = out.split(id).join(slot === "own" ? "{accountA}" : "{accountB}");
    for (const [id, step] of createdBy) out = out.split(id).join(`{created:${step}}`);
    return out;
  };
  const keyOf = (s: RecordedStep): KeyUse => {
    const mine = s.call.account === "own" ? "A" : "B";
    const theirs = mine === "A" ? "B" : "A";
    return s.call.who === "owner" ? { who: mine } : s.call.who === "otherKey" ? { who: theirs } : s.call.who === "noKey" ? { who: "none" } : { who: "wrong", value: "contract-unknown-key" };
  };
  const last = steps.length - 1;
  const reproSteps = steps.map((s, i): ReproStep => {
    let path = s.call.pathTemplate.replace("{accountId}", s.call.path.accountId).replace("{id}", s.call.path.id ?? "");
    if (s.call.query) path += `?${new URLSearchParams(Object.entries(s.call.query).map(([k, v]) => [k, String(v)])).toString()}`;
    const facts = i === last ? bodyFacts(s, place) : { contains: [], lacks: [] };
    return {
      call: { method: s.call.method, path: place(path), key: keyOf(s), ...(s.call.body === undefined ? {} : { body: [place(JSON.stringify(s.call.body))], contentType: "application/json" }) },
      expected: {
        status: [s.expected.status],
        ...(facts.contains.length > 0 ? { contains: facts.contains } : {}),
        ...(facts.lacks.length > 0 ? { lacks: facts.lacks } : {}),
        ...(i === last ? { rule: s.problems.join("; ").slice(0, 500), ...withLacks(answerFacts(steps, i, place, path), facts.lacks) } : {}),
      },
      ...("status" in s.actual ? { actual: { status: s.actual.status, body: place(JSON.stringify(s.actual.body ?? "")) } } : {}),
    };
  });
  const startFrom = Object.entries(ctx.startIds ?? {}).map(([slot, ids]) => ({
    collection: place(COLLECTION.replace("{accountId}", ctx.accounts[slot as AccountSlot] ?? "")),
    key: { who: slot === "own" ? "A" : "B" } as KeyUse,
    ids: ids ?? [],
  }));
  return {
    title,
    rule: steps[last]?.problems[0] ?? "the target disagrees with the model",
    baseUrl: ctx.baseUrl,
    steps: reproSteps,
    ...(startFrom.length > 0 ? { startFrom } : {}),
    replay: { seed: ctx.seed, path: ctx.path },
  };
}

const isDomain = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as { id?: unknown }).id === "string";
const domainsOf = (body: unknown) => (Array.isArray(body) ? body : [body]).filter(isDomain);

/** What the model's answer to step `i` says beyond its status, in terms a rerun can check. */
function answerFacts(steps: RecordedStep[], i: number, place: (t: string) => string, path: string): Partial<ReproExpectation> {
  const s = steps[i]!;
  if (s.expected.status < 200 || s.expected.status > 299 || s.expected.body === undefined) return {};
  const op = operationOfCall(s.call.method, path);
  const only = op ? closedFields(op, s.expected.status) : undefined;
  const fields: FieldFact[] = [];
  for (const d of domainsOf(s.expected.body)) {
    const idText = place(d["id"] as string);
    // Only the run's own domains: a domain the target held before may have been checked since (its counters moved).
    if (!idText.startsWith("{created:")) continue;
    fields.push(...domainFacts(d, earlierShowing(steps, i, d["id"] as string), { sameWorld: true, idText, abstract: place }));
  }
  const order = Array.isArray(s.expected.body) ? domainsOf(s.expected.body).map((d) => place(d["id"] as string)) : [];
  // A domain of the run the model's list does not show is not in the account at all (the model's page is the
  // whole rest of the list against a server, and the server's own size against the mock itself).
  const absent = Array.isArray(s.expected.body) ? createdIds(steps, i).filter((id) => !order.includes(place(id))).map((id) => place(`"id":${JSON.stringify(id)}`)) : [];
  // Every check the response checker applies that a script can make: the required fields of each domain too.
  const shape = op ? answerShape(op, s.expected.status) : [];
  return {
    invariants: true,
    ...(shape.length > 0 ? { shape } : {}),
    ...(only ? { onlyFields: only } : {}),
    ...(fields.length > 0 ? { fields } : {}),
    ...(order.length > 1 ? { order } : {}),
    ...(absent.length > 0 ? { lacks: absent } : {}),
  };
}

const withLacks = (facts: Partial<ReproExpectation>, more: string[]): Partial<ReproExpectation> => {
  const lacks = [...new Set([...(facts.lacks ?? []), ...more])];
  return lacks.length > 0 ? { ...facts, lacks } : facts;
};

/** Ids of the domains the target created before step `i` in the path's account of that step. */
function createdIds(steps: RecordedStep[], i: number): string[] {
  const account = steps[i]!.call.path.accountId;
  return steps.slice(0, i).flatMap((s) => {
    const id = s.call.path.accountId === account && "status" in s.actual && s.actual.status === 201 ? (s.actual.body as { id?: unknown } | undefined)?.id : undefined;
    return typeof id === "string" ? [id] : [];
  });
}

/** The last step before `i` whose answer showed the domain (as the model had it), and whether a check of it ran since. */
function earlierShowing(steps: RecordedStep[], i: number, id: string): Earlier | undefined {
  const checked = (from: number) => steps.slice(from, i + 1).some((s) => outcomeFromDnsProvider(s.call.operationId) && s.call.path.id === id);
  for (let j = i - 1; j >= 0; j--) {
    const s = steps[j]!;
    const shown = "status" in s.actual && s.actual.status === s.expected.status ? domainsOf(s.expected.body).find((d) => d["id"] === id) : undefined;
    if (shown) return { step: j + 1, domain: shown, checkedSince: checked(j + 1) };
  }
  return undefined;
}

/** Fragments the failing answer must (not) contain, for the problems that name a field of a domain. */
function bodyFacts(s: RecordedStep, place: (t: string) => string): { contains: string[]; lacks: string[] } {
  const contains: string[] = [];
  const lacks: string[] = [];
  if (!("status" in s.actual) || s.actual.status !== s.expected.status) return { contains, lacks };
  for (const problem of s.problems) {
    if (problem.startsWith("the page lists") && Array.isArray(s.actual.body) && Array.isArray(s.expected.body)) {
      // Which domains the page must and must not hold; their order cannot be said with fragments.
      const ids = (list: unknown[]) => list.map((d) => String((d as { id?: unknown } | null)?.id));
      const [got, want] = [ids(s.actual.body), ids(s.expected.body)];
      const shown = Math.min(got.length, want.length);
      for (const id of want.slice(0, shown)) if (!got.includes(id)) contains.push(place(compact("id", id)));
      for (const id of got) if (!want.includes(id)) lacks.push(place(compact("id", id)));
      continue;
    }
    const m = /^body(?:\/(\d+))?: (\w+) (.*)$/.exec(problem);
    if (!m) continue;
    const [, index, name, rest] = m;
    const kind = KIND.get(name!);
    const expected = Array.isArray(s.expected.body) ? (s.expected.body[Number(index ?? 0)] as Record<string, unknown> | undefined) : (s.expected.body as Record<string, unknown> | undefined);
    if (!expected || !kind) continue;
    if ((kind === "exact" || kind === "counter") && / the model (says|counts) /.test(rest!)) contains.push(place(compact(name!, expected[name!])));
    else if (/^is null .*the model's is set/.test(rest!)) lacks.push(compact(name!, null));
    else if (/^is set .*the model's is null/.test(rest!)) contains.push(compact(name!, null));
  }
  return { contains, lacks };
}
