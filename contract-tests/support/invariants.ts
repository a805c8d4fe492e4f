// The invariants the spec states for every EmailDomain any operation returns (info.description and the
// EmailDomain schema): isVerified iff token and DKIM are verified, each *CompletedAt set once its status
// is final, attempt counters never decrease, and accountId/id equal to the request path's; and, on an
// account listed in full, one default (the isDefault property's description: the first domain becomes the
// default, and when it is deleted the oldest remaining one does).
// Field pairs are derived from the schema's property names, not listed by hand.
import { componentSchema } from "./spec.js";

type Domain = Record<string, unknown>;

const properties = Object.keys(componentSchema("EmailDomain").properties ?? {});
/** `dkimCompletedAt` -> `dkimStatus`, `tokenVerificationCompletedAt` -> `tokenVerificationStatus`, ... */
const completedPairs = properties
  .filter((p) => p.endsWith("CompletedAt"))
  .map((completed) => ({ completed, status: completed.replace(/CompletedAt$/, "Status") }))
  .filter(({ status }) => properties.includes(status));
const attemptCounters = properties.filter((p) => p.endsWith("Attempts"));
// The statuses after which a check is complete, as the spec's descriptions state them.
const FINAL_STATUSES = new Set(["verified", "failed", "provider_failed"]);

if (completedPairs.length === 0 || attemptCounters.length === 0 || !properties.includes("isVerified") || !properties.includes("isDefault")) {
  throw new Error("the EmailDomain schema no longer has the fields these invariants are about");
}

/** The invariants above as data, for checks written elsewhere (the reproduction scripts restate them in sh). */
export const INVARIANT_FACTS = {
  isVerified: "isVerified",
  isDefault: "isDefault",
  verifiedWhenAll: ["tokenVerificationStatus", "dkimStatus"],
  completedPairs,
  finalStatuses: [...FINAL_STATUSES],
} as const;

export interface InvariantContext {
  accountId: string | undefined;
  /** The `{id}` of the path, for operations on one domain. */
  id: string | undefined;
  /** Highest attempt counters seen so far per domain id; updated here. */
  attempts: Record<string, Record<string, number>>;
  /**
   * With requests in flight together: when this one was sent and when its answer arrived (performance.now()),
   * and per domain and counter the times each new highest value arrived (updated here). A counter may then
   * only not go below what answers that arrived before this request was sent showed: an answer to a request
   * sent earlier may show an older state (the concurrent stage judges those orders against the engine).
   */
  timing?: { sentAt: number; arrivedAt: number; raised: Map<string, Array<{ at: number; value: number }>> };
}

/** The highest value answers that arrived before `sentAt` showed; the staircase only rises. */
function highestBefore(raised: Array<{ at: number; value: number }> | undefined, sentAt: number): number | undefined {
  let best: number | undefined;
  for (const step of raised ?? []) if (step.at < sentAt) best = step.value;
  return best;
}

export function domainInvariantProblems(domain: Domain, where: string, ctx: InvariantContext): string[] {
  const problems: string[] = [];
  const verified = INVARIANT_FACTS.verifiedWhenAll.every((status) => domain[status] === "verified");
  if (domain[INVARIANT_FACTS.isVerified] !== verified) {
    problems.push(
      `${where}: isVerified is ${String(domain["isVerified"])} but tokenVerificationStatus is ${String(domain["tokenVerificationStatus"])} and dkimStatus is ${String(domain["dkimStatus"])}`,
    );
  }
  for (const { completed, status } of completedPairs) {
    if (FINAL_STATUSES.has(String(domain[status])) && domain[completed] === null) {
      problems.push(`${where}: ${status} is ${String(domain[status])} but ${completed} is null`);
    }
  }
  if (ctx.accountId !== undefined && domain["accountId"] !== ctx.accountId) {
    problems.push(`${where}: accountId is ${String(domain["accountId"])}, not the path's ${ctx.accountId}`);
  }
  if (ctx.id !== undefined && domain["id"] !== ctx.id) {
    problems.push(`${where}: id is ${String(domain["id"])}, not the path's ${ctx.id}`);
  }
  const id = String(domain["id"]);
  const highest = (ctx.attempts[id] ??= {});
  for (const counter of attemptCounters) {
    const value = domain[counter];
    if (typeof value !== "number") continue; // the schema check reports the type
    const timing = ctx.timing;
    // A value from before the timing began (an earlier file's, all answered long ago) counts as seen at the start.
    const known = highest[counter];
    const raised = timing ? timing.raised.get(`${id}/${counter}`) ?? (known === undefined ? [] : [{ at: Number.NEGATIVE_INFINITY, value: known }]) : undefined;
    const before = timing ? highestBefore(raised, timing.sentAt) : highest[counter];
    if (before !== undefined && value < before) {
      problems.push(`${where}: ${counter} of domain ${id} went down from ${before} to ${value}`);
    }
    if (timing && raised && value > (raised.at(-1)?.value ?? Number.NEGATIVE_INFINITY)) timing.raised.set(`${id}/${counter}`, [...raised, { at: timing.arrivedAt, value }]);
    highest[counter] = Math.max(highest[counter] ?? value, value);
  }
  return problems;
}

/**
 * The account-wide rule, judged on a complete listing of one account (every page, as look-around.ts's
 * listAccount reads them, never one page of many): at most one domain is the default, and an account that
 * holds any domain has exactly one. One answer alone cannot tell: the default may be on another page.
 */
export function accountListingProblems(domains: readonly Domain[], where: string): string[] {
  const defaults = domains.filter((d) => d[INVARIANT_FACTS.isDefault] === true).map((d) => String(d["id"]));
  if (defaults.length > 1) return [`${where}: ${defaults.length} domains are the account's default (${defaults.join(", ")}); at most one may be`];
  if (domains.length > 0 && defaults.length === 0) return [`${where}: the account holds ${domains.length} domain(s) and none is its default; exactly one must be`];
  return [];
}
