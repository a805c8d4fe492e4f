// Judges one call: the target's answer against the model's. Same status; for an error, the error shape (the
// suite's client checks it) and, against the mock itself, the same reason phrase; for a domain or a list,
// the field rules of compare.ts. A DNS check (an operation the spec marks `x-outcome-from-dns-provider`) is
// where the spec leaves room: its outcome may also leave a status where it was or end it in failure (see
// ROOM_FOR_A_CHECK); the model then takes the target's outcome over, and later calls are judged from there.
// Against the mock itself (exact) no such room is given.
import { outcomeFromDnsProvider } from "../spec-roles.js";
import { compareDomain, type Domain } from "./compare.js";
import { GROUPS } from "./fields.js";
import type { Answer, ConcreteCall } from "./steps.js";

/**
 * What a check may end in besides the model's outcome (the spec: a check "moves the statuses on towards
 * `verified`, or to `failed` / `provider_failed`"; a real DNS provider may also find nothing new): the
 * status it had, or one of these, where the status's enum has it. Its attempt counts either way.
 */
export const ROOM_FOR_A_CHECK = ["failed", "provider_failed"] as const;

export interface JudgeContext {
  exact: boolean;
  previousTarget: Map<string, Domain>;
  previousModel: Map<string, Domain>;
  /** Takes a status patch over into the model; returns the model's domain after it. */
  adopt(accountId: string, id: string, patch: Record<string, string>): Promise<Domain>;
}

export const isDomain = (v: unknown): v is Domain => typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as Domain)["id"] === "string";

/**
 * What every judge of an answer says first, from the answers alone: the status, an error's reason phrase
 * (exact only), a 204, or that the bodies are not domains. undefined: the bodies remain to be compared.
 */
export function judgeEnvelope(call: ConcreteCall, actual: Answer, expected: Answer, exact: boolean): string[] | undefined {
  if (actual.status !== expected.status) return [`answered ${actual.status}, the model answers ${expected.status}${errorText(expected.body)}`];
  if (expected.status >= 400) {
    const [a, e] = [(actual.body as Domain | undefined)?.["error"], (expected.body as Domain | undefined)?.["error"]];
    return exact && a !== e ? [`error is ${JSON.stringify(a)}, the mock's is ${JSON.stringify(e)}`] : [];
  }
  if (expected.status === 204) return [];
  if (Array.isArray(expected.body)) return Array.isArray(actual.body) ? undefined : ["a list answer that is not an array"];
  if (!isDomain(actual.body) || !isDomain(expected.body)) return [`no domain to compare (target ${typeof actual.body}, model ${typeof expected.body})`];
  return undefined;
}

/** Problems with the target's answer; also moves the previous-answer maps on. */
export async function judge(call: ConcreteCall, actual: Answer, expected: Answer, ctx: JudgeContext): Promise<string[]> {
  const envelope = judgeEnvelope(call, actual, expected, ctx.exact);
  if (envelope !== undefined) return envelope;
  if (Array.isArray(expected.body)) return judgeList(actual.body as unknown[], expected.body, ctx);
  if (!isDomain(actual.body) || !isDomain(expected.body)) return [];
  if (expected.status === 201 && ctx.previousTarget.has(actual.body["id"] as string)) {
    return [`the new domain has the id ${String(actual.body["id"])} of a domain the run already saw`];
  }
  if (outcomeFromDnsProvider(call.operationId) && !ctx.exact) return judgeCheck(call, actual.body, expected.body, ctx);
  return judgeDomain("body", actual.body, expected.body, ctx);
}

function errorText(body: unknown): string {
  const message = (body as Domain | undefined)?.["message"];
  return Array.isArray(message) ? ` (${message.join("; ")})` : typeof message === "string" ? ` (${message})` : "";
}

function judgeDomain(where: string, t: Domain, m: Domain, ctx: JudgeContext, skip?: ReadonlySet<string>): string[] {
  const id = m["id"] as string;
  const problems = compareDomain(where, { target: t, model: m, previousTarget: ctx.previousTarget.get(id), previousModel: ctx.previousModel.get(id) }, skip);
  ctx.previousTarget.set(id, t);
  ctx.previousModel.set(id, m);
  return problems;
}

/** The page's ids against the model's: against a server the page size is its own, so a page is the start of what the model lists from there. */
export function pageProblem(actual: unknown[], expected: unknown[], exact: boolean): string | undefined {
  const ids = (list: unknown[]) => list.map((d) => (isDomain(d) ? (d["id"] as string) : "?"));
  const [t, m] = [ids(actual), ids(expected)];
  const sizeOk = exact ? t.length === m.length : m.length === 0 ? t.length === 0 : t.length > 0 && t.length <= m.length;
  if (sizeOk && t.every((id, i) => id === m[i])) return undefined;
  return `the page lists [${t.join(", ")}], the model lists [${m.join(", ")}]${exact ? "" : " (a shorter page is the server's choice, a different order or set is not)"}`;
}

function judgeList(actual: unknown[], expected: unknown[], ctx: JudgeContext): string[] {
  const page = pageProblem(actual, expected, ctx.exact);
  if (page !== undefined) return [page];
  return actual.flatMap((d, i) => judgeDomain(`body/${i}`, d as Domain, expected[i] as Domain, ctx));
}

/**
 * A check's DNS outcome on the target against the model's, from `before` (the domain before the check):
 * `refused`, statuses outside the room; otherwise `patch`, the statuses to take over (none when they agree),
 * and `skip`, the fields that then follow the target's outcome rather than the model's.
 */
export function checkOutcome(t: Domain, m: Domain, before: Domain | undefined): { refused: string[]; patch: Record<string, string>; skip: Set<string> } {
  const deviating = GROUPS.filter((g) => t[g.status] !== m[g.status]);
  const refused = deviating.filter((g) => {
    const allowed = new Set<unknown>([before?.[g.status], ...ROOM_FOR_A_CHECK.filter((s) => g.allowed.includes(s))]);
    return !allowed.has(t[g.status]);
  });
  if (refused.length > 0) {
    const text = refused.map((g) => `body: ${g.status} went from ${JSON.stringify(before?.[g.status])} to ${JSON.stringify(t[g.status])}; the model says ${JSON.stringify(m[g.status])}, and a check may otherwise only leave it or end in ${ROOM_FOR_A_CHECK.join(" or ")}`);
    return { refused: text, patch: {}, skip: new Set() };
  }
  const skip = new Set(deviating.flatMap((g) => [g.status, g.error, g.completedAt]).filter((f): f is string => f !== undefined));
  if (deviating.length > 0) skip.add("isVerified");
  return { refused: [], patch: Object.fromEntries(deviating.map((g) => [g.status, t[g.status] as string])), skip };
}

/** After the model took a DNS outcome over: the target's error fields and isVerified must agree with the model's. */
export function adoptedProblems(t: Domain, adopted: Domain, patch: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const g of GROUPS.filter((g) => g.status in patch)) {
    if (g.error && (t[g.error] === null) !== (adopted[g.error] === null)) {
      problems.push(`body: ${g.error} is ${t[g.error] === null ? "null" : "set"} with ${g.status} ${JSON.stringify(t[g.status])}, the model's is ${adopted[g.error] === null ? "null" : "set"}`);
    }
  }
  if (t["isVerified"] !== adopted["isVerified"]) problems.push(`body: isVerified is ${String(t["isVerified"])} after this outcome, the model says ${String(adopted["isVerified"])}`);
  return problems;
}

async function judgeCheck(call: ConcreteCall, t: Domain, m: Domain, ctx: JudgeContext): Promise<string[]> {
  const outcome = checkOutcome(t, m, ctx.previousTarget.get(m["id"] as string));
  if (outcome.refused.length > 0 || Object.keys(outcome.patch).length === 0) return [...outcome.refused, ...judgeDomain("body", t, m, ctx)];
  // The target's DNS outcome differs where the spec allows it: everything else is judged against the model's
  // answer (attempts and requestedAt included: the check counts either way), then the model takes the outcome over.
  const problems = judgeDomain("body", t, m, ctx, outcome.skip);
  const adopted = await ctx.adopt(call.path.accountId, m["id"] as string, outcome.patch);
  problems.push(...adoptedProblems(t, adopted, outcome.patch));
  ctx.previousModel.set(m["id"] as string, adopted);
  return problems;
}
