// Turns a seed into the world a backend stores: each account's short domain descriptions become full
// EmailDomain records, by the same rules as create and the control endpoint. The account's default is the
// one marked `isDefault`, else the first.
import type { World } from "../storage/port.js";
import type { Account, EmailDomain, Seed, SeedDomain, StoreEnvironment } from "../storage/types.js";
import { newEmailDomain } from "./domain-rules.js";
import { applyVerificationPatch } from "./verification-simulation.js";

export function seedWorld(seed: Seed, env: StoreEnvironment): World {
  return { accounts: seed.accounts.map(({ domains, ...account }) => ({ ...account, domains: buildSeedDomains(account, domains ?? [], env) })) };
}

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
