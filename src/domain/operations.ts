// Every write of the API and the control endpoint, once, as a pure change of one account's records (see
// Change in src/storage/port.ts). A change gets everything impure (the time, a new record) as arguments, so a
// backend may run it again after a conflict and get the same writes.
import type { AccountWrites, Change } from "../storage/port.js";
import type { Account, CreateEmailDomainInput, CreateResult, EmailDomain, VerificationPatch } from "../storage/types.js";
import { asNewDefault, buildEmailDomain, normalizeDomainName, withDescription, type NewDomainDraw } from "./domain-rules.js";
import { applyVerificationPatch, runCheck } from "./verification-simulation.js";

/**
 * Create: one name per account (any letter case; names are stored in lower case), and the account's first
 * domain becomes its default. `draw` holds what is drawn outside (id, token, time), so a retry builds the same record.
 */
export function createDomain(account: Account, input: CreateEmailDomainInput, draw: NewDomainDraw): Change<CreateResult> {
  const name = normalizeDomainName(input.domain);
  return {
    reads: { ids: [draw.id], names: [name], empty: true },
    decide(view) {
      if (view.idOfName(name) !== undefined) return { result: { conflict: true } };
      if (view.domain(draw.id)) throw new Error(`id ${draw.id} is taken: the store environment repeats ids`);
      const created = buildEmailDomain(account, input, draw, view.isEmpty());
      return { result: { created }, writes: { put: [created] } };
    },
  };
}

/** A change of one existing domain (update, check, control patch); undefined when the account has no such id. */
function changeOne(id: string, next: (current: EmailDomain) => EmailDomain): Change<EmailDomain | undefined> {
  return {
    reads: { ids: [id] },
    decide(view) {
      const current = view.domain(id);
      if (!current) return { result: undefined };
      const changed = next(current);
      return { result: changed, writes: { put: [changed] } };
    },
  };
}

export const updateDescription = (id: string, description: string | null, at: Date) => changeOne(id, (d) => withDescription(d, description, at));

export const checkDkimStatus = (id: string, at: Date) => changeOne(id, (d) => runCheck(d, at));

export const setVerification = (id: string, patch: VerificationPatch, at: Date) => changeOne(id, (d) => applyVerificationPatch(d, patch, at));

/** Delete: when the default goes, the oldest remaining domain (first in list order) inherits it. */
export function removeDomain(id: string, at: Date): Change<boolean> {
  return {
    // The first two in list order: the heir is the first that is not the removed one.
    reads: { ids: [id], head: 2 },
    decide(view) {
      const current = view.domain(id);
      if (!current) return { result: false };
      const heir = current.isDefault ? view.head().find((d) => d.id !== id) : undefined;
      const writes: AccountWrites = { remove: [current], put: heir ? [asNewDefault(heir, at)] : [] };
      return { result: true, writes };
    },
  };
}
