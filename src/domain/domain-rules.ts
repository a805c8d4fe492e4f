// The record-level rules of an email domain: what a new domain looks like, how names compare, what an update
// and a new default change. The list order is storage's (src/storage/list-order.ts): every backend pages by it.
import type { Account, CreateEmailDomainInput, EmailDomain, StoreEnvironment } from "../storage/types.js";

/** Names are compared case-insensitively and stored in lower case. */
export function normalizeDomainName(name: string): string {
  return name.toLowerCase();
}

/** The domain with a new description (update): only description and modifiedAt change. */
export function withDescription(domain: EmailDomain, description: string | null, at: Date): EmailDomain {
  return { ...domain, description, modifiedAt: at.toISOString() };
}

/** The oldest remaining domain becomes the default when the default is deleted (a decision in the spec). */
export function asNewDefault(heir: EmailDomain, at: Date): EmailDomain {
  return { ...heir, isDefault: true, modifiedAt: at.toISOString() };
}

/** What a new domain draws from the outside world: its id, its token and its time. */
export interface NewDomainDraw {
  id: string;
  token: string;
  createdAt: string;
}

export function drawNewDomain(env: StoreEnvironment, overrides: { id?: string; createdAt?: string } = {}): NewDomainDraw {
  const id = overrides.id ?? env.newId();
  const token = env.newToken();
  return { id, token, createdAt: overrides.createdAt ?? env.now().toISOString() };
}

export function newEmailDomain(
  account: Account,
  input: CreateEmailDomainInput,
  env: StoreEnvironment,
  overrides: { id?: string; createdAt?: string; isDefault: boolean },
): EmailDomain {
  return buildEmailDomain(account, input, drawNewDomain(env, overrides), overrides.isDefault);
}

/**
 * The new record, pure. One object literal on purpose: a copy made by spreading, once frozen, costs V8 a
 * slow map (measured: create + freeze 4 -> 22 µs), and every later read of it pays too.
 */
export function buildEmailDomain(account: Account, input: CreateEmailDomainInput, draw: NewDomainDraw, isDefault: boolean): EmailDomain {
  const { id, token } = draw;
  return {
    id,
    organizationId: account.organizationId,
    accountId: account.accountId,
    creatorId: account.creatorId,
    createdAt: draw.createdAt,
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
    isDefault,
    deactivated: false,
    attributes: {},
  };
}
