// The model stage's judgement of one domain and one check, on hand-made answers: each rule can fail, and the
// room the spec leaves (the server's clock and precision, a DNS outcome) raises no alarm.
import { describe, expect, it } from "vitest";
import { compareDomain, type Domain } from "./compare.js";
import { judge, type JudgeContext } from "./judge.js";
import type { ConcreteCall } from "./steps.js";

const base: Domain = {
  id: "d0000000-0000-4000-8000-000000000001", organizationId: "0a000000-0000-4000-8000-000000000001", accountId: "a0000000-0000-4000-8000-000000000001",
  creatorId: "c0000000-0000-4000-8000-000000000001", createdAt: "2026-12-04T10:00:00.000Z", modifiedAt: null, domain: "contract-x.example.com", description: null,
  verificationToken: "t1", tokenVerificationRequestedAt: null, tokenVerificationCompletedAt: null, tokenVerificationStatus: "waiting_for_provider",
  tokenVerificationError: null, tokenVerificationAttempts: 0, dkimTokens: { a: "b" }, isVerified: false, dkimStatus: "waiting_for_user", dkimError: null,
  dkimAttempts: 0, dkimRequestedAt: null, dkimCompletedAt: null, spfCheckStatus: "waiting_for_user", spfCheckError: null, spfCheckAttempts: 0,
  spfCheckRequestedAt: null, spfCheckCompletedAt: null, dmarcStatus: "waiting_for_user", dmarcError: null, dmarcAttempts: 0, dmarcRequestedAt: null,
  dmarcCompletedAt: null, isDefault: false, deactivated: false, attributes: {},
};
const at = (s: string) => `2026-12-04T10:00:${s}Z`;

describe("compareDomain", () => {
  it("isDefault is judged exactly, either way (the first-domain and heir rules)", () => {
    const pair = (t: boolean, m: boolean) => ({ target: { ...base, isDefault: t }, model: { ...base, isDefault: m }, previousTarget: base, previousModel: base });
    expect(compareDomain("body", pair(false, true))).toEqual(["body: isDefault is false, the model says true"]);
    expect(compareDomain("body", pair(true, false))).toEqual(["body: isDefault is true, the model says false"]);
    expect(compareDomain("body", pair(true, true))).toEqual([]);
  });

  it("a new domain: exact fields and counters equal, timestamps and tokens set or null alike", () => {
    expect(compareDomain("body", { target: base, model: base, previousTarget: undefined, previousModel: undefined })).toEqual([]);
    expect(compareDomain("body", { target: { ...base, description: "x" }, model: base, previousTarget: undefined, previousModel: undefined })).toEqual([
      'body: description is "x", the model says null',
    ]);
    expect(compareDomain("body", { target: { ...base, modifiedAt: at("01.000") }, model: base, previousTarget: undefined, previousModel: undefined })[0]).toMatch(/modifiedAt is set on a new domain/);
    expect(compareDomain("body", { target: { ...base, verificationToken: null }, model: base, previousTarget: undefined, previousModel: undefined })[0]).toMatch(/verificationToken is null/);
    // attributes on a new domain are the server's choice
    expect(compareDomain("body", { target: { ...base, attributes: null }, model: base, previousTarget: undefined, previousModel: undefined })).toEqual([]);
  });

  it("later: a timestamp the model moves must be set and not earlier; one it leaves must stay (any precision or offset)", () => {
    const model = { ...base, modifiedAt: at("05.000") };
    const pair = (t: Domain) => ({ target: t, model, previousTarget: { ...base, modifiedAt: at("02.000") }, previousModel: { ...base, modifiedAt: at("01.000") } });
    expect(compareDomain("body", pair({ ...base, modifiedAt: "2026-12-04T10:00:02.000000+00:00" }))).toEqual([]); // same second: not moved on, allowed
    expect(compareDomain("body", pair({ ...base, modifiedAt: at("01.000") }))[0]).toMatch(/modifiedAt moved back/);
    expect(compareDomain("body", pair({ ...base, modifiedAt: null }))[0]).toMatch(/modifiedAt is null after this call/);
    const untouched = { target: { ...base, modifiedAt: "2026-12-04T10:00:02.000+00:00" }, model: base, previousTarget: { ...base, modifiedAt: at("02.000") }, previousModel: base };
    expect(compareDomain("body", untouched)).toEqual([]);
    expect(compareDomain("body", { ...untouched, target: { ...base, modifiedAt: at("03.000") } })[0]).toMatch(/modifiedAt changed from .* leaves it as it was/);
    expect(compareDomain("body", { ...untouched, target: { ...untouched.target, verificationToken: "t2" } })).toEqual([expect.stringMatching(/verificationToken changed/)]);
  });
});

describe("judge: a DNS check", () => {
  const call: ConcreteCall = { operationId: "checkEmailDomainDkimStatus", method: "PATCH", pathTemplate: "", path: { accountId: String(base["accountId"]), id: String(base["id"]) }, account: "own", who: "owner" };
  const modelAfter: Domain = { ...base, modifiedAt: at("05.000"), dkimStatus: "waiting_for_provider", dkimAttempts: 1, dkimRequestedAt: at("05.000"), tokenVerificationStatus: "verified", tokenVerificationAttempts: 1, tokenVerificationRequestedAt: at("05.000"), tokenVerificationCompletedAt: at("05.000") };
  const context = (exact: boolean, adopted: Domain): JudgeContext => ({
    exact,
    previousTarget: new Map([[String(base["id"]), base]]),
    previousModel: new Map([[String(base["id"]), base]]),
    adopt: async () => adopted,
  });
  const targetStays: Domain = { ...base, modifiedAt: at("06.000"), dkimAttempts: 1, dkimRequestedAt: at("06.000"), tokenVerificationAttempts: 1, tokenVerificationRequestedAt: at("06.000") };
  const adoptedStays: Domain = { ...modelAfter, tokenVerificationStatus: "waiting_for_provider", dkimStatus: "waiting_for_user", modifiedAt: at("07.000") };

  it("leaving the statuses where they were, counting the attempts, is allowed against a server", async () => {
    expect(await judge(call, { status: 200, body: targetStays }, { status: 200, body: modelAfter }, context(false, adoptedStays))).toEqual([]);
  });
  it("is not allowed against the mock itself", async () => {
    expect((await judge(call, { status: 200, body: targetStays }, { status: 200, body: modelAfter }, context(true, adoptedStays))).join("\n")).toMatch(/Status is .*the model says/);
  });
  it("not counting the attempt is never allowed", async () => {
    const problems = await judge(call, { status: 200, body: { ...targetStays, dkimAttempts: 0, dkimRequestedAt: null } }, { status: 200, body: modelAfter }, context(false, adoptedStays));
    expect(problems.join("\n")).toMatch(/dkimAttempts is 0, the model counts 1/);
  });
  it("a status the spec does not allow after a check is refused", async () => {
    const problems = await judge(call, { status: 200, body: { ...targetStays, dkimStatus: "verified" } }, { status: 200, body: modelAfter }, context(false, adoptedStays));
    expect(problems.join("\n")).toMatch(/dkimStatus went from "waiting_for_user" to "verified"/);
  });
});
