// The counters' rule (attempts never go down) with requests in flight together: only answers that arrived
// before a request was sent bind its answer.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createCheckerModel } from "./concurrent/checker-model.js";
import { COLLECTION } from "./domains.js";
import { DEMO_A } from "./demo-accounts.js";
import { accountListingProblems, domainInvariantProblems, type InvariantContext } from "./invariants.js";

async function aDomain(): Promise<Record<string, unknown>> {
  const model = createCheckerModel([{ ...DEMO_A, organizationId: randomUUID(), creatorId: randomUUID(), domains: [] }], true);
  const call = { operationId: "createEmailDomain", method: "POST", pathTemplate: COLLECTION, path: { accountId: DEMO_A.accountId }, account: "own", who: "owner", body: { domain: "counter.example.com" } } as const;
  return (await model.apply(call)).body as Record<string, unknown>;
}

describe("attempt counters never go down", () => {
  it("one answer after another: a lower count than seen before is a problem", async () => {
    const fresh = await aDomain();
    const ctx: InvariantContext = { accountId: undefined, id: undefined, attempts: {} };
    expect(domainInvariantProblems({ ...fresh, dkimAttempts: 1 }, "body", ctx)).toEqual([]);
    expect(domainInvariantProblems({ ...fresh, dkimAttempts: 0 }, "body", ctx)).toEqual([`body: dkimAttempts of domain ${String(fresh["id"])} went down from 1 to 0`]);
  });

  it("requests in flight together: an answer to a request sent before the higher count arrived may be older", async () => {
    const fresh = await aDomain();
    const raised = new Map<string, Array<{ at: number; value: number }>>();
    const at = (sentAt: number, arrivedAt: number): InvariantContext => ({ accountId: undefined, id: undefined, attempts: {}, timing: { sentAt, arrivedAt, raised } });
    expect(domainInvariantProblems({ ...fresh, dkimAttempts: 1 }, "body", at(0, 10))).toEqual([]);
    expect(domainInvariantProblems({ ...fresh, dkimAttempts: 0 }, "body", at(5, 12))).toEqual([]);
    expect(domainInvariantProblems({ ...fresh, dkimAttempts: 0 }, "body", at(11, 13))).toEqual([`body: dkimAttempts of domain ${String(fresh["id"])} went down from 1 to 0`]);
  });
});

describe("one default per account, on a complete listing", () => {
  async function aList(n: number): Promise<Record<string, unknown>[]> {
    const one = await aDomain();
    return Array.from({ length: n }, (_, i) => ({ ...one, id: `d${i}`, isDefault: i === 0 }));
  }

  it("an account with one default, or none and no domains, is fine", async () => {
    expect(accountListingProblems(await aList(3), "list")).toEqual([]);
    expect(accountListingProblems([], "list")).toEqual([]);
  });

  it("two defaults are a problem, naming both", async () => {
    const list = await aList(3);
    list[2] = { ...list[2], isDefault: true };
    expect(accountListingProblems(list, "list")).toEqual(["list: 2 domains are the account's default (d0, d2); at most one may be"]);
  });

  it("domains and no default are a problem", async () => {
    const list = (await aList(2)).map((d) => ({ ...d, isDefault: false }));
    expect(accountListingProblems(list, "list")).toEqual(["list: the account holds 2 domain(s) and none is its default; exactly one must be"]);
  });
});
