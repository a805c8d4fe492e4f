// Turns a seed's short description of an account's domains into full EmailDomain records, using the same
// rules as create and the control endpoint. The account's default is the one marked `isDefault`, else the first.
import { newEmailDomain } from "./domain-rules.js";
import { applyVerificationPatch } from "./verification-simulation.js";
import type { Account, EmailDomain, SeedDomain, StoreEnvironment } from "./types.js";

export function buildSeedDomains(account: Account, domains: SeedDomain[], env: StoreEnvironment): EmailDomain[] {
  const explicitDefault = domains.some((d) => d.isDefault === true);
  return domains.map((seed, index) => {
    const isDefault = explicitDefault ? seed.isDefault === true : index === 0;
    const created = newEmailDomain(account, seed, env, {
      ...(seed.id === undefined ? {} : { id: seed.id }),
      ...(seed.createdAt === undefined ? {} : { createdAt: seed.createdAt }),
      isDefault,
    });
    const { tokenVerificationStatus, dkimStatus, spfCheckStatus, dmarcStatus, deactivated } = seed;
    const patch = { tokenVerificationStatus, dkimStatus, spfCheckStatus, dmarcStatus, deactivated };
    if (Object.values(patch).every((v) => v === undefined)) return created;
    // Seeded states are as of creation time, so the record reads as if it had been checked back then.
    return applyVerificationPatch(created, stripUndefined(patch), new Date(created.createdAt));
  });
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
