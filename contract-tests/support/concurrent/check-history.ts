// Is a concurrent history linearizable against the engine? Searches the orders of its calls that respect real
// time (a call answered before another was sent comes first) for one in which the engine, run in-process from
// the state the history started from, gives every call the answer it got (judged as judge-answer.ts does).
// Wing & Gong's depth-first search with Lowe's memo: a (set of calls done, model state) pair explored once is
// never explored again. Split per account (P-compositionality): the store port changes one account per write
// and reads one account per call, so no rule crosses accounts; finer parts (per domain) would split the rules
// that do cross domains (one name per account, one default, the list). Bounded: past the budget a part is
// "undecided", never a failure.
// Room the spec leaves: a write answered 503 "may or may not have been applied", and a call with no answer may
// take effect at any point after it was sent or never (both: applied at some point, or dropped; its answer is
// not judged); a read with neither has no effect and nothing to explain. DNS outcomes are the server's (taken
// over), page size too, timestamps and opaque values are compared as set or null, wording only when exact.
import { GROUPS } from "../model/fields.js";
import { adoptedProblems } from "../model/judge.js";
import type { Domain } from "../model/compare.js";
import type { ModelAccount } from "../model/oracle.js";
import { describeCall, type Answer, type ConcreteCall } from "../model/steps.js";
import type { EmailDomain } from "../domains.js";
import { isWrite, outcomeFromDnsProvider, roles } from "../spec-roles.js";
import { createCheckerModel, type CheckerModel, type ModelState } from "./checker-model.js";
import type { CheckBudget, History, Partition, TimedCall, Verdict } from "./history.js";
import { judgeAnswer } from "./judge-answer.js";

export interface CheckOptions {
  /** Against the mock itself: no room (page size, DNS outcomes, error phrases). */
  exact: boolean;
  budget?: CheckBudget;
}

export const DEFAULT_BUDGET: Required<CheckBudget> = { maxStates: 200_000, maxMs: 10_000 };

/** The documented answer of a busy server: a write it answers so may or may not have been applied. */
export const BUSY = 503;

/** The parts of a history no rule crosses: one per account of the path. */
export function partitionHistory(history: History): Partition[] {
  const byAccount = new Map<string, TimedCall[]>();
  for (const c of history) {
    const list = byAccount.get(c.call.path.accountId) ?? [];
    list.push(c);
    byAccount.set(c.call.path.accountId, list);
  }
  return [...byAccount].map(([accountId, calls]) => ({ name: `account ${accountId}`, calls }));
}

interface Entry {
  tc: TimedCall;
  /** Its answer must be explained; otherwise it may have been applied (answer unknown) or not at all. */
  required: boolean;
  /** Before this (ms) it took effect, if it did: its answer's time; Infinity without an answer. */
  deadline: number;
  /** A create's id and createdAt: from its answer, or, without one, from a later list that shows its name. */
  prime?: { id: string; createdAt: string };
}

const isDomainLike = (v: unknown): v is EmailDomain => typeof v === "object" && v !== null && typeof (v as EmailDomain).id === "string";
const nameOf = (call: ConcreteCall) => String((call.body as { domain?: unknown } | undefined)?.domain ?? "").toLowerCase();

/** The entries of a part, in the order they were sent; reads without an answer are left out (no effect). */
function entriesOf(calls: readonly TimedCall[]): Entry[] {
  const sorted = [...calls].sort((a, b) => a.sentAt - b.sentAt || a.id - b.id);
  const answeredIds = new Set<string>();
  const listed: EmailDomain[] = [];
  for (const c of sorted) {
    if (c.call.operationId === roles.create && c.answer?.status === 201 && isDomainLike(c.answer.body)) answeredIds.add(c.answer.body.id);
    if (c.call.operationId === roles.list && Array.isArray(c.answer?.body)) listed.push(...(c.answer.body as unknown[]).filter(isDomainLike));
  }
  const entries: Entry[] = [];
  for (const tc of sorted) {
    const answered = tc.answer !== undefined && tc.answeredAt !== undefined;
    const known = answered && tc.answer!.status !== BUSY;
    if (!known && !isWrite(tc.call.operationId)) continue;
    const entry: Entry = { tc, required: known, deadline: answered ? tc.answeredAt! : Number.POSITIVE_INFINITY };
    if (tc.call.operationId === roles.create) {
      const body = tc.answer?.body;
      if (known && tc.answer!.status === 201 && isDomainLike(body)) entry.prime = { id: body.id, createdAt: body.createdAt };
      else if (!known) {
        const seen = listed.find((d) => d.domain.toLowerCase() === nameOf(tc.call) && !answeredIds.has(d.id));
        if (seen) entry.prime = { id: seen.id, createdAt: seen.createdAt };
      }
    }
    entries.push(entry);
  }
  return entries;
}

interface Failure {
  entry: number;
  problems: string[];
  expected: Answer;
}

type SearchResult =
  | { kind: "linearizable"; order: number[]; explored: number }
  | { kind: "violation"; explored: number; depth: number; prefix: number[]; failures: Failure[] }
  | { kind: "undecided"; explored: number; reason: string };

interface Frame {
  moves: Array<{ entry: number; drop: boolean }>;
  next: number;
  saved: ModelState;
  /** The model's state is no longer `saved` (a move was tried). */
  dirty: boolean;
  failures: Failure[];
}

const bit = (i: number) => 1n << BigInt(i);

/** Which calls are done: flags to test, a bigint (bits by entry) for the memo, and the first undone one. */
class DoneSet {
  readonly flags: Uint8Array;
  bits = 0n;
  private readonly masks: bigint[];
  constructor(size: number) {
    this.flags = new Uint8Array(size);
    this.masks = Array.from({ length: size }, (_, i) => bit(i));
  }
  add(i: number) {
    this.flags[i] = 1;
    this.bits |= this.masks[i]!;
  }
  delete(i: number) {
    this.flags[i] = 0;
    this.bits &= ~this.masks[i]!;
  }
  firstUndone(): number {
    let i = 0;
    while (i < this.flags.length && this.flags[i] === 1) i++;
    return i;
  }
}

/**
 * The moves that may come next: calls no undone call's answer precedes; dropping a maybe-applied one that
 * blocks. Entries are sorted by sentAt and every deadline is after its own sentAt, so both scans stop at the
 * first undone entry sent after the smallest deadline seen: none after it can go first or lower that deadline.
 */
function movesAt(entries: Entry[], done: DoneSet): Frame["moves"] {
  const first = done.firstUndone();
  let minDeadline = Number.POSITIVE_INFINITY;
  for (let i = first; i < entries.length && entries[i]!.tc.sentAt <= minDeadline; i++) if (done.flags[i] === 0 && entries[i]!.deadline < minDeadline) minDeadline = entries[i]!.deadline;
  const moves: Frame["moves"] = [];
  for (let i = first; i < entries.length && entries[i]!.tc.sentAt <= minDeadline; i++) {
    if (done.flags[i] === 1) continue;
    const e = entries[i]!;
    moves.push({ entry: i, drop: false });
    if (!e.required && Number.isFinite(e.deadline)) moves.push({ entry: i, drop: true });
  }
  return moves;
}

/** Applies one entry to the model and judges its answer: the problems, none when this order explains it. */
async function tryEntry(model: CheckerModel, e: Entry, exact: boolean): Promise<{ problems: string[]; expected: Answer }> {
  const call = e.tc.call;
  const before = outcomeFromDnsProvider(call.operationId) ? (model.domainsOf(call.path.accountId).find((d) => d.id === call.path.id) as Domain | undefined) : undefined;
  const expected = await model.apply(call, e.prime);
  if (!e.required) return { problems: [], expected };
  const judged = judgeAnswer(call, e.tc.answer!, expected, exact, before);
  if (judged.adopt && judged.problems.length === 0) {
    const t = e.tc.answer!.body as Domain;
    const adopted = await model.adopt(call.path.accountId, judged.adopt.id, judged.adopt.patch);
    judged.problems.push(...adoptedProblems(t, adopted as unknown as Domain, judged.adopt.patch));
    // The outcome's error and completion time are the server's as well (the sequential stage follows them by
    // comparing later answers with this one; here later answers are compared with the model's records).
    const outcomeFields = GROUPS.filter((g) => g.status in judged.adopt!.patch).flatMap((g) => [g.error, g.completedAt]).filter((f): f is string => f !== undefined);
    model.takeOver(call.path.accountId, judged.adopt.id, Object.fromEntries(outcomeFields.map((f) => [f, t[f]])));
  }
  return { problems: judged.problems, expected };
}

async function searchPartition(model: CheckerModel, accountId: string, entries: Entry[], exact: boolean, maxStates: number, deadline: number): Promise<SearchResult> {
  const requiredCount = entries.filter((e) => e.required).length;
  // Lowe's memo: per model state (its fingerprint), the done-sets already explored from it.
  const memo = new Map<string, Set<bigint>>();
  const order: number[] = [];
  const path: Array<{ entry: number; required: boolean }> = [];
  const done = new DoneSet(entries.length);
  let requiredDone = 0;
  let explored = 0;
  let best: { depth: number; prefix: number[]; failures: Failure[] } = { depth: -1, prefix: [], failures: [] };
  const stack: Frame[] = [];
  const seen = (state: ModelState) => {
    const print = model.fingerprint(state, accountId);
    let sets = memo.get(print);
    if (sets === undefined) memo.set(print, (sets = new Set()));
    if (sets.has(done.bits)) return true;
    sets.add(done.bits);
    return false;
  };
  const open = (state: ModelState) => stack.push({ moves: movesAt(entries, done), next: 0, saved: state, dirty: false, failures: [] });
  const root = model.save();
  seen(root);
  open(root);
  while (stack.length > 0) {
    if (requiredDone === requiredCount) return { kind: "linearizable", order: [...order], explored };
    const f = stack[stack.length - 1]!;
    if (f.next >= f.moves.length) {
      if (path.length > best.depth && f.failures.length > 0) best = { depth: path.length, prefix: [...order], failures: f.failures };
      stack.pop();
      const last = path.pop();
      if (last !== undefined) {
        done.delete(last.entry);
        if (last.required) requiredDone--;
        if (order[order.length - 1] === last.entry) order.pop();
      }
      continue;
    }
    const move = f.moves[f.next++]!;
    if (f.dirty) model.restore(f.saved);
    f.dirty = true;
    if (++explored > maxStates) return { kind: "undecided", explored, reason: `the search visited ${maxStates} states without deciding (budget maxStates)` };
    if ((explored & 255) === 0 && performance.now() > deadline) return { kind: "undecided", explored, reason: "the search ran past its time budget (maxMs)" };
    const e = entries[move.entry]!;
    if (!move.drop) {
      const { problems, expected } = await tryEntry(model, e, exact);
      if (problems.length > 0) {
        f.failures.push({ entry: move.entry, problems, expected });
        continue;
      }
    }
    done.add(move.entry);
    if (e.required) requiredDone++;
    if (!move.drop) order.push(move.entry);
    path.push({ entry: move.entry, required: e.required });
    const state = model.save();
    if (seen(state)) {
      // Explored from here before, without success: undo the move.
      path.pop();
      done.delete(move.entry);
      if (e.required) requiredDone--;
      if (!move.drop) order.pop();
      continue;
    }
    open(state);
  }
  if (requiredDone === requiredCount) return { kind: "linearizable", order: [...order], explored };
  return { kind: "violation", explored, ...best };
}

const who = (tc: TimedCall) => (tc.client < 0 ? "sequential" : `client ${tc.client + 1}`);
const answerText = (a: Answer | undefined) => (a === undefined ? "no answer" : `${a.status}`);

/** The violation for a person: the furthest any order got, and why no call could come next there. */
function explain(partition: Partition, entries: Entry[], r: Extract<SearchResult, { kind: "violation" }>): string {
  const head = `No order of the ${partition.calls.length} calls on ${partition.name} that respects real time explains every answer.`;
  const prefix = r.prefix.map((i) => `#${entries[i]!.tc.id}`).join(" ");
  const lines = r.failures.map((f) => {
    const tc = entries[f.entry]!.tc;
    return `  #${tc.id} (${who(tc)}) ${describeCall(tc.call)} answered ${answerText(tc.answer)}: ${f.problems.join("; ")}`;
  });
  return [
    head,
    `The furthest order explains ${r.prefix.length} of them (${prefix || "none"}); after it, no call that may come next is explained:`,
    ...lines,
  ].join("\n");
}

/** Judges a history from `start` (every account the history names, with its domains in list order). */
export async function checkHistory(start: readonly ModelAccount[], history: History, options: CheckOptions): Promise<Verdict> {
  const budget = { ...DEFAULT_BUDGET, ...options.budget };
  const deadline = performance.now() + budget.maxMs;
  const order: number[] = [];
  let explored = 0;
  for (const partition of partitionHistory(history)) {
    const accountId = partition.calls[0]!.call.path.accountId;
    const entries = entriesOf(partition.calls);
    const model = createCheckerModel(start, options.exact);
    const r = await searchPartition(model, accountId, entries, options.exact, budget.maxStates, deadline);
    explored += r.explored;
    if (r.kind === "undecided") return { kind: "undecided", partition: partition.name, reason: r.reason, explored };
    if (r.kind === "violation") {
      // An unanswered check's DNS outcome is the server's and unknown here: no order found is then no proof.
      const unknownOutcome = !options.exact && entries.some((e) => !e.required && outcomeFromDnsProvider(e.tc.call.operationId));
      if (unknownOutcome) return { kind: "undecided", partition: partition.name, reason: "a DNS check without a known answer may have ended in any outcome the server chose", explored };
      return { kind: "violation", partition: partition.name, calls: partition.calls, explanation: explain(partition, entries, r), explored };
    }
    order.push(...r.order.map((i) => entries[i]!.tc.id));
  }
  return { kind: "linearizable", order, explored };
}

export interface AllowedOutcome {
  /** The call ids in the order applied. */
  order: number[];
  /** What the engine answers each call in that order, by call id. */
  answers: Record<number, Answer>;
  /** Each account's domains afterwards, in list order, by account id. */
  final: Record<string, EmailDomain[]>;
}

/** Calls allowedOutcomes enumerates at most (their orders grow as n!). */
export const MAX_OUTCOME_CALLS = 10;

/**
 * Every outcome (answers and state afterwards) the engine gives for some order of these calls that respects
 * real time (a call with no answeredAt overlaps everything after it was sent), for a reproduction that judges
 * each try. Answers are not judged: the calls' own answers are ignored. A create takes the id
 * `00000000-0000-4000-8000-<call id>` (the calls' own ids, not the server's) and a createdAt that follows the
 * order applied. Distinct outcomes only, each with one order that gives it.
 */
export async function allowedOutcomes(start: readonly ModelAccount[], calls: readonly TimedCall[], options: { exact: boolean }): Promise<AllowedOutcome[]> {
  if (calls.length > MAX_OUTCOME_CALLS) throw new Error(`allowedOutcomes takes at most ${MAX_OUTCOME_CALLS} calls, got ${calls.length}`);
  const sorted = [...calls].sort((a, b) => a.sentAt - b.sentAt || a.id - b.id);
  const model = createCheckerModel(start, options.exact);
  const accounts = [...new Set([...start.map((a) => a.accountId), ...sorted.map((c) => c.call.path.accountId)])];
  const outcomes = new Map<string, AllowedOutcome>();
  const seenNodes = new Set<string>();
  const baseTime = Date.parse("2000-01-01T00:00:00.000Z");
  async function walk(done: bigint, order: number[], answers: Record<number, Answer>): Promise<void> {
    const state = model.save();
    const key = `${done.toString(36)}|${accounts.map((a) => model.fingerprint(state, a)).join("/")}|${JSON.stringify(answers)}`;
    if (seenNodes.has(key)) return;
    seenNodes.add(key);
    if (order.length === sorted.length) {
      const final = Object.fromEntries(accounts.map((a) => [a, [...model.domainsOf(a)]]));
      const text = JSON.stringify({ answers, final });
      if (!outcomes.has(text)) outcomes.set(text, { order: order.map((i) => sorted[i]!.id), answers: { ...answers }, final });
      return;
    }
    let minDeadline = Number.POSITIVE_INFINITY;
    sorted.forEach((c, i) => {
      if ((done & bit(i)) === 0n && c.answeredAt !== undefined) minDeadline = Math.min(minDeadline, c.answeredAt);
    });
    const saved = state;
    for (let i = 0; i < sorted.length; i++) {
      const c = sorted[i]!;
      if ((done & bit(i)) !== 0n || c.sentAt > minDeadline) continue;
      model.restore(saved);
      const prime = { id: `00000000-0000-4000-8000-${c.id.toString(16).padStart(12, "0")}`, createdAt: new Date(baseTime + order.length).toISOString() };
      const answer = await model.apply(c.call, c.call.operationId === roles.create ? prime : undefined);
      await walk(done | bit(i), [...order, i], { ...answers, [c.id]: answer });
    }
    model.restore(saved);
  }
  await walk(0n, [], {});
  return [...outcomes.values()];
}
