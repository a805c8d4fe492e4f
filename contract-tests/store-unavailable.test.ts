// 503 when the server cannot reach its data store: on every operation, in the error shape, with Retry-After,
// and service resumes afterwards. A real deployment's store cannot be made to fail from here, so this runs
// only against a mock the suite started itself, whose outage is switched with its control endpoint
// (PUT /__mock/faults): the same path a real outage takes (the store throws StoreUnavailableError). Every
// operation the spec documents is sent as the spec describes it (spec-requests.ts): a new one is covered as is.
import { describe, expect, it } from "vitest";
import { clientFor, controlClient } from "./support/client.js";
import { createDomain, getDomain } from "./support/domains.js";
import { operations } from "./support/spec.js";
import { sendSpecRequest, specRequest } from "./support/spec-requests.js";
import { target } from "./support/target.js";
import { expectStatus } from "./support/expect-status.js";

const who = target.own;

// The reason the stage runner prints when it is skipped (a remote target: another server, a proxy, replicas).
const NOT_OWN_MOCK = "runs only against a mock the suite started itself: a remote server's data store cannot be made to fail from here";

describe.skipIf(!target.inProcessMock)("a server whose data store is unavailable", { meta: { skipReason: NOT_OWN_MOCK } }, () => {
  it("answers 503 in the error shape with Retry-After on every operation, and serves again afterwards", async () => {
    const api = clientFor(who);
    const control = controlClient();
    const domain = await createDomain(api, who);
    const outage = await control.PUT("/__mock/faults", { body: { storeUnavailable: true } });
    expect(outage.response.status).toBe(204);
    try {
      for (const op of operations) {
        const { response } = await sendSpecRequest(api, specRequest(op, { accountId: who.accountId, id: domain.id }));
        expectStatus(response, 503, op.operationId);
        expect(Number(response.headers.get("retry-after")), `${op.operationId} Retry-After`).toBeGreaterThanOrEqual(1);
      }
    } finally {
      await control.PUT("/__mock/faults", { body: { storeUnavailable: false } });
    }
    // Nothing the outage refused happened: the domain is still there, as it was.
    const after = await getDomain(api, who, domain.id);
    expectStatus(after.response, 200);
    expect(after.domain).toEqual(domain);
  });
});
