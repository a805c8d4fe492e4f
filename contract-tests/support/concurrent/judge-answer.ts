// Judges one answer of a concurrent history against the model's answer in one candidate order, from the two
// answers alone (the search tries many orders, so nothing may carry over from one judged call to the next):
// the status, an error's phrase (exact only), a page's ids, and each domain's fields by compare.ts's rules for
// a domain seen for the first time (timestamps and opaque values set or null as the model's; their movement
// is the sequential stage's to judge). A DNS check whose outcome differs where the spec leaves room yields
// the statuses the model takes over (judge.ts: checkOutcome), as the sequential stage does.
import { compareDomain, type Domain } from "../model/compare.js";
import { checkOutcome, isDomain, judgeEnvelope, pageProblem } from "../model/judge.js";
import type { Answer, ConcreteCall } from "../model/steps.js";
import { outcomeFromDnsProvider } from "../spec-roles.js";

export interface Judged {
  problems: string[];
  /** A DNS outcome of the target's to take over into the model: the statuses of one domain. */
  adopt?: { id: string; patch: Record<string, string> };
}

const firstSight = (where: string, t: Domain, m: Domain, skip?: ReadonlySet<string>) => compareDomain(where, { target: t, model: m, previousTarget: undefined, previousModel: undefined }, skip);

/** `before`: the model's record of the checked domain before the call (a check may leave a status as it was). */
export function judgeAnswer(call: ConcreteCall, actual: Answer, expected: Answer, exact: boolean, before: Domain | undefined): Judged {
  const envelope = judgeEnvelope(call, actual, expected, exact);
  if (envelope !== undefined) return { problems: envelope };
  if (Array.isArray(expected.body)) {
    const [t, m] = [actual.body as unknown[], expected.body as unknown[]];
    const page = pageProblem(t, m, exact);
    return { problems: page !== undefined ? [page] : t.flatMap((d, i) => firstSight(`body/${i}`, d as Domain, m[i] as Domain)) };
  }
  const [t, m] = [actual.body, expected.body];
  if (!isDomain(t) || !isDomain(m)) return { problems: [] };
  if (!outcomeFromDnsProvider(call.operationId) || exact) return { problems: firstSight("body", t, m) };
  const outcome = checkOutcome(t, m, before);
  if (outcome.refused.length > 0 || Object.keys(outcome.patch).length === 0) return { problems: [...outcome.refused, ...firstSight("body", t, m)] };
  return { problems: firstSight("body", t, m, outcome.skip), adopt: { id: m["id"] as string, patch: outcome.patch } };
}
