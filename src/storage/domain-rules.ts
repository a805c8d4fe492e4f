// The rules of an email domain that do not depend on where it is stored: what a new domain looks like,
// how names compare, how lists are ordered, and which domain is the default.
import type { Account, CreateEmailDomainInput, EmailDomain, StoreEnvironment } from "./types.js";

/** Names are compared case-insensitively and stored in lower case. */
export function normalizeDomainName(name: string): string {
  return name.toLowerCase();
}

/** `2026-10-10T09:30:00.000Z`, as toISOString writes it: fixed width, so text order is time order. */
const isCanonicalUtc = (t: string) => t.length === 24 && t.charCodeAt(23) === 90 /* Z */ && t.charCodeAt(10) === 84 /* T */ && t.charCodeAt(19) === 46; /* . */

/** List order: createdAt ascending, then id. */
export function compareForList(a: Pick<EmailDomain, "createdAt" | "id">, b: Pick<EmailDomain, "createdAt" | "id">): number {
  // Every created domain is stamped with toISOString; only seed values in other forms need parsing.
  const byTime =
    isCanonicalUtc(a.createdAt) && isCanonicalUtc(b.createdAt)
      ? a.createdAt < b.createdAt
        ? -1
        : a.createdAt > b.createdAt
          ? 1
          : 0
      : Date.parse(a.createdAt) - Date.parse(b.createdAt);
  if (byTime !== 0) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The domain with a new description (update): only description and modifiedAt change. */
export function withDescription(domain: EmailDomain, description: string | null, at: Date): EmailDomain {
  return { ...domain, description, modifiedAt: at.toISOString() };
}

/** The oldest remaining domain becomes the default when the default is deleted (a decision in the spec). */
export function asNewDefault(heir: EmailDomain, at: Date): EmailDomain {
  return { ...heir, isDefault: true, modifiedAt: at.toISOString() };
}

export function newEmailDomain(
  account: Account,
  input: CreateEmailDomainInput,
  env: StoreEnvironment,
  overrides: { id?: string; createdAt?: string; isDefault: boolean },
): EmailDomain {
  const id = overrides.id ?? env.newId();
  const token = env.newToken();
  return {
    id,
    organizationId: account.organizationId,
    accountId: account.accountId,
    creatorId: account.creatorId,
    createdAt: overrides.createdAt ?? env.now().toISOString(),
    modifiedAt: null,
    domain: normalizeDomainName(input.domain),
    description: input.description ?? null,
    verificationToken: `vortex-verify-${token}`,
    tokenVerificationRequestedAt: null,
    tokenVerificationCompletedAt: null,
    tokenVerificationStatus: "waiting_for_provider",
    tokenVerificationError: null,
    tokenVerificationAttempts: 0,
    dkimTokens: {
      "vx1._domainkey": `vx1.dkim.${token.slice(0, 12)}.vortexsoftware.net`,
      "vx2._domainkey": `vx2.dkim.${token.slice(0, 12)}.vortexsoftware.net`,
    },
    isVerified: false,
    dkimStatus: "waiting_for_user",
    dkimError: null,
    dkimAttempts: 0,
    dkimRequestedAt: null,
    dkimCompletedAt: null,
    spfCheckStatus: "waiting_for_user",
    spfCheckError: null,
    spfCheckAttempts: 0,
    spfCheckRequestedAt: null,
    spfCheckCompletedAt: null,
    dmarcStatus: "waiting_for_user",
    dmarcError: null,
    dmarcAttempts: 0,
    dmarcRequestedAt: null,
    dmarcCompletedAt: null,
    isDefault: overrides.isDefault,
    deactivated: false,
    attributes: {},
  };
}
