// Accounts are isolated: this account's domain, addressed through the other account (its path and its
// key), is a 404 for read, update, check and delete and stays as it was; the other account never lists it.
import { beforeAll, describe, expect, it } from "vitest";
import { clientFor } from "./support/client.js";
import { createDomain, getDomain, type EmailDomain } from "./support/domains.js";
import { accountDomains } from "./support/look-around.js";
import { callOperation } from "./support/operation-calls.js";
import { operations } from "./support/spec.js";
import { NO_OTHER_ACCOUNT, target } from "./support/target.js";
import { expectStatus } from "./support/expect-status.js";

// Every operation on one domain of the account (a path parameter besides the account's), from the spec.
const itemOperations = operations.filter((op) => op.parameters.filter((p) => p.in === "path").length > 1).map((op) => op.operationId);

const who = target.own;
const other = target.other;
const api = clientFor(who);
// Built only when there is a second account: a skipped describe still runs its body to collect tests.
const otherApi = other ? clientFor(other) : undefined;

describe.skipIf(other === undefined)(`isolation between accounts${other ? "" : ` (${NO_OTHER_ACCOUNT})`}`, { meta: { skipReason: NO_OTHER_ACCOUNT } }, () => {
  let domain: EmailDomain;
  beforeAll(async () => {
    domain = await createDomain(api, who);
  });

  it.each(itemOperations)(
    "%s of this account's domain through the other account -> 404, domain unchanged",
    async (operationId) => {
      const { response } = await callOperation(otherApi!, operationId, other!.accountId, domain.id);
      expectStatus(response, 404);
      const now = await getDomain(api, who, domain.id);
      expectStatus(now.response, 200, "the domain still exists");
      expect(now.domain, "the domain is unchanged").toEqual(domain);
    },
  );

  it("covers the spec's operations on one domain", () => {
    expect(itemOperations.length, "no operation of the spec takes a domain id: the filter above is wrong").toBeGreaterThan(0);
  });

  it("the other account's list never shows this account's domain", async () => {
    const theirs = await accountDomains(otherApi!, other!);
    expect(theirs.filter((d) => d.id === domain.id || d.domain === domain.domain), "the other account lists this account's domain").toEqual([]);
    expect(theirs.filter((d) => d.accountId !== other!.accountId).map((d) => d.id), "the other account lists foreign domains").toEqual([]);
  });

  it("this account's list never shows the other account's domains", async () => {
    const theirIds = new Set((await accountDomains(otherApi!, other!)).map((d) => d.id));
    expect((await accountDomains(api, who)).filter((d) => theirIds.has(d.id)).map((d) => d.id), "this account lists the other account's domains").toEqual([]);
  });
});
