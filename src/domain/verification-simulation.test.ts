// The simulated DNS provider: the lifecycle a frontend developer relies on, and the spec's invariants
// under any sequence of checks and direct state changes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadBundledSpec } from "../spec/load-spec.js";
import { createSchemaValidators } from "../spec/schema-validator.js";
import { newEmailDomain } from "./domain-rules.js";
import type { Account, EmailDomain, VerificationPatch } from "../storage/types.js";
import { applyVerificationPatch, FAILURE_LABELS, runCheck, STAYS_PENDING_LABEL } from "./verification-simulation.js";

const spec = loadBundledSpec();
const isEmailDomain = createSchemaValidators(spec).byPointer("#/components/schemas/EmailDomain");
const enumOf = (name: string) => (spec.components?.schemas?.[name]?.enum ?? []) as never[];

const account: Account = {
  accountId: "a0000000-0000-4000-8000-000000000001",
  organizationId: "0a000000-0000-4000-8000-000000000001",
  creatorId: "c0000000-0000-4000-8000-000000000001",
  apiKeys: ["k"],
};
let tick = Date.parse("2026-01-01T00:00:00Z");
const env = { now: () => new Date((tick += 1000)), newId: () => "d0000000-0000-4000-8000-000000000001", newToken: () => "0123456789abcdef" };
const fresh = (name: string) => newEmailDomain(account, { domain: name }, env, { isDefault: false });
const checks = (domain: EmailDomain, n: number) => Array.from({ length: n }).reduce<EmailDomain>((d) => runCheck(d, env.now()), domain);

/** The invariants the spec states for every domain. */
function expectInvariants(d: EmailDomain) {
  expect(isEmailDomain(d), JSON.stringify(isEmailDomain.errors)).toBe(true);
  expect(d.isVerified).toBe(d.tokenVerificationStatus === "verified" && d.dkimStatus === "verified");
  const pairs = [
    [d.tokenVerificationStatus, d.tokenVerificationCompletedAt],
    [d.dkimStatus, d.dkimCompletedAt],
    [d.spfCheckStatus, d.spfCheckCompletedAt],
    [d.dmarcStatus, d.dmarcCompletedAt],
  ] as const;
  for (const [status, completedAt] of pairs) {
    if (status === "verified" || status === "failed" || status === "provider_failed") expect(completedAt).not.toBeNull();
  }
}

describe("checkDkimStatus simulation", () => {
  it("verifies an ordinary domain in two checks: token, SPF and DMARC first, then DKIM", () => {
    const first = checks(fresh("news.example.com"), 1);
    expect(first).toMatchObject({ tokenVerificationStatus: "verified", dkimStatus: "waiting_for_provider", spfCheckStatus: "verified", dmarcStatus: "verified", isVerified: false });
    expect(first.dkimAttempts).toBe(1);
    expect(first.dkimRequestedAt).not.toBeNull();
    const second = runCheck(first, env.now());
    expect(second).toMatchObject({ dkimStatus: "verified", isVerified: true, dkimAttempts: 2, tokenVerificationAttempts: 1 });
    expectInvariants(second);
  });

  it("counts a DKIM attempt on every call, also once everything is verified", () => {
    const done = checks(fresh("news.example.com"), 2);
    const again = runCheck(done, env.now());
    expect(again.dkimAttempts).toBe(done.dkimAttempts + 1);
    expect(again.dkimStatus).toBe("verified");
  });

  it.each(Object.entries(FAILURE_LABELS))("a domain with the label %s ends as the label says, with an error object", (label, { check, status }) => {
    const field = { token: "tokenVerification", dkim: "dkim", spf: "spfCheck", dmarc: "dmarc" }[check];
    const statusField = (check === "token" ? "tokenVerificationStatus" : `${field}Status`) as keyof EmailDomain;
    const done = checks(fresh(`mail.${label}.example`), 3);
    expect(done[statusField]).toBe(status);
    expect(done[`${field}Error` as keyof EmailDomain]).toMatchObject({ code: expect.any(String), message: expect.stringContaining(`mail.${label}.example`) });
    // SPF and DMARC do not take part in isVerified; the token and DKIM do.
    expect(done.isVerified).toBe(check === "spf" || check === "dmarc");
    expectInvariants(done);
  });

  it(`keeps a ${STAYS_PENDING_LABEL} domain with the provider`, () => {
    const done = checks(fresh(`a.${STAYS_PENDING_LABEL}.example`), 5);
    expect(done).toMatchObject({ tokenVerificationStatus: "waiting_for_provider", dkimStatus: "waiting_for_provider", isVerified: false });
    expect(done.dkimAttempts).toBe(5);
  });

  it("retries a failed status set directly, and verifies it when the name has no failure label", () => {
    const failed = applyVerificationPatch(fresh("ok.example.com"), { dkimStatus: "failed" }, env.now());
    expect(failed.dkimError).not.toBeNull();
    const retried = runCheck(failed, env.now());
    expect(retried).toMatchObject({ dkimStatus: "verified", dkimError: null });
  });
});

describe("any sequence of checks and direct changes", () => {
  const patch = fc.record(
    {
      tokenVerificationStatus: fc.constantFrom(...enumOf("TokenVerificationStatus")),
      dkimStatus: fc.constantFrom(...enumOf("DkimStatus")),
      spfCheckStatus: fc.constantFrom(...enumOf("DnsCheckStatus")),
      dmarcStatus: fc.constantFrom(...enumOf("DnsCheckStatus")),
      deactivated: fc.boolean(),
    },
    { requiredKeys: [] },
  ) as fc.Arbitrary<VerificationPatch>;
  const step = fc.oneof(fc.constant<"check">("check"), patch);
  const name = fc.constantFrom("plain.example.com", ...Object.keys(FAILURE_LABELS).map((l) => `x.${l}.example`), `x.${STAYS_PENDING_LABEL}.example`);

  it("keeps the spec's invariants and never lowers an attempt counter", () => {
    fc.assert(
      fc.property(name, fc.array(step, { maxLength: 12 }), (domainName, steps) => {
        let d = fresh(domainName);
        for (const s of steps) {
          const next = s === "check" ? runCheck(d, env.now()) : applyVerificationPatch(d, s, env.now());
          expectInvariants(next);
          for (const k of ["tokenVerificationAttempts", "dkimAttempts", "spfCheckAttempts", "dmarcAttempts"] as const) {
            expect(next[k]).toBeGreaterThanOrEqual(d[k]);
          }
          expect(next.id).toBe(d.id);
          d = next;
        }
      }),
      { numRuns: 300 },
    );
  });
});
