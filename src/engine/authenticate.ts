// Who is calling: the API key header named by the operation's security scheme in the spec (`x-api-key`),
// mapped to an account by the store.
import type { Account, EmailDomainStore } from "../storage/types.js";
import type { EngineHeaders } from "./engine-types.js";
import { HttpError } from "./http-error.js";

export const UNKNOWN_API_KEY_MESSAGE = "Unknown API key";

/** The caller's account; 401 when the key is missing or unknown. The key itself never appears in a message. */
export async function authenticate(headers: EngineHeaders, store: EmailDomainStore, header: string): Promise<Account> {
  const key = headers[header];
  if (typeof key !== "string" || key === "") {
    throw new HttpError(401, `Missing API key: send it in the ${header} header`);
  }
  const account = await store.accountForKey(key);
  if (!account) throw new HttpError(401, UNKNOWN_API_KEY_MESSAGE);
  return account;
}

/** 403 when the key's account is not the account of the path. */
export function authorize(account: Account, pathAccountId: unknown): void {
  if (account.accountId !== pathAccountId) {
    throw new HttpError(403, `This API key does not grant access to account ${String(pathAccountId)}`);
  }
}
