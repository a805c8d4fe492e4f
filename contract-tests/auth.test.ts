// The API key guards every operation: no key or an unknown key is a 401, another account's key on this
// account is a 403, and in each case nothing is read out, created or changed.
import { beforeAll, describe, expect, it } from "vitest";
import { clientFor, contractClient } from "./support/client.js";
import { createDomain, getDomain, type EmailDomain } from "./support/domains.js";
import { completeList, listAccount, type AccountListing } from "./support/look-around.js";
import { randomToken } from "./support/names.js";
import { callOperation } from "./support/operation-calls.js";
import { operations } from "./support/spec.js";
import { NO_OTHER_ACCOUNT, target } from "./support/target.js";
import { expectStatus } from "./support/expect-status.js";

const who = target.own;
const api = clientFor(who);
let domain: EmailDomain;
let before: AccountListing;

beforeAll(async () => {
  domain = await createDomain(api, who);
});

async function expectNothingChanged(): Promise<void> {
  const now = await getDomain(api, who, domain.id);
  expect(now.domain, "the domain is unchanged").toEqual(domain);
  const idsBefore = completeList(before).map((d) => d.id);
  expect(completeList(await listAccount(api, who)).map((d) => d.id), "nothing was created or deleted").toEqual(idsBefore);
}

const callers = [
  { label: "no key", status: 401, client: () => contractClient(undefined), skip: false },
  { label: "an unknown key", status: 401, client: () => contractClient(`contract-unknown-${randomToken()}`), skip: false },
  { label: "the other account's key", status: 403, client: () => contractClient(target.other?.apiKey), skip: target.other === undefined },
];

for (const op of operations) {
  describe(`${op.method.toUpperCase()} ${op.operationId}`, () => {
    for (const caller of callers) {
      it.skipIf(caller.skip)(`with ${caller.label} -> ${caller.status}, nothing changed${caller.skip ? ` (${NO_OTHER_ACCOUNT})` : ""}`, { meta: { skipReason: NO_OTHER_ACCOUNT } }, async () => {
        before = await listAccount(api, who);
        const { response } = await callOperation(caller.client(), op.operationId, who.accountId, domain.id);
        expectStatus(response, caller.status);
        await expectNothingChanged();
      });
    }
  });
}
