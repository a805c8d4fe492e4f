// Who is calling: the API key header named by the operation's security scheme in the spec (`x-api-key`),
// mapped to an account by the store.
import type { Account, EmailDomainStore } from "../storage/types.js";
import type { EngineHeaders } from "./engine-types.js";
import { httpError } from "./error-catalogue.js";

/** The caller's account; 401 when the key is missing or unknown. The key itself never appears in a message. */
export async function authenticate(headers: EngineHeaders, store: EmailDomainStore, header: string): Promise<Account> {
  const key = headers[header];
  if (typeof key !== "string" || key === "") {
    throw httpError("missingApiKey", header);
  }
  const account = await store.accountForKey(key);
  if (!account) throw httpError("unknownApiKey");
  return account;
}

/** 403 when the key's account is not the account of the path. */
export function authorize(account: Account, pathAccountId: unknown): void {
  if (account.accountId !== pathAccountId) {
    throw httpError("otherAccount", String(pathAccountId));
  }
}
