// An operation the spec gains gets its hostile cases with no edit; one that lacks a response a case needs fails.
import { describe, expect, it } from "vitest";
import type { OperationId, SpecOperation } from "../src/spec/operations.js";
import { DEMO_A, DEMO_A_DEFAULT_ID, DEMO_B, DEMO_B_DOMAIN_ID } from "./demo-api.js";
import { hostileCases, operations } from "./hostile-requests.js";

const world = { own: DEMO_A, other: DEMO_B, ownDomainId: DEMO_A_DEFAULT_ID, otherDomainId: DEMO_B_DOMAIN_ID };
const update = operations.find((op) => op.operationId === "updateEmailDomain")!;
// An operation the spec does not have (a name and path no real one will take): PUT .../{id}/made-up-for-this-test, with the update's body and responses.
const madeUp: SpecOperation = { ...update, operationId: "madeUpForThisTestEmailDomain" as OperationId, method: "put", path: `${update.path}/made-up-for-this-test` };

describe("hostile cases of an operation the spec gains", () => {
  const cases = hostileCases(world, [...operations, madeUp]);
  const mine = cases.filter((c) => c.name.startsWith("madeUpForThisTestEmailDomain: "));

  it("gets its body, key and path-parameter cases, sent to its own method and path", () => {
    for (const what of ["malformed JSON", "body over its 102400-byte limit", "text/plain", "an unknown property", "no x-api-key", "the other account's key", "accountId ../", "id a 20 kB id"]) {
      expect(mine.some((c) => c.name === `madeUpForThisTestEmailDomain: ${what}`), what).toBe(true);
    }
    expect(mine.every((c) => c.send.toString("latin1").startsWith(`PUT /api/v1/accounts/`))).toBe(true);
    expect(mine.find((c) => c.name.endsWith("the other account's key"))?.allowed).toEqual([403]);
  });

  it("its path gets the methods it does not document, answered 405 naming PUT", () => {
    const probes = cases.filter((c) => c.name.endsWith(` on ${madeUp.path}`));
    expect(probes.map((c) => c.name.split(" ")[0])).toContain("GET");
    expect(probes.some((c) => c.name.startsWith("PUT "))).toBe(false);
    for (const c of probes) expect(c).toMatchObject({ allowed: [405], allow: ["PUT"] });
  });

  it("one that takes a body but documents no 415 fails, naming what is missing", () => {
    const { "415": _dropped, ...responses } = madeUp.responses;
    expect(() => hostileCases(world, [{ ...madeUp, responses }])).toThrow("madeUpForThisTestEmailDomain documents none of 415, which a body of another media type needs");
  });
});
