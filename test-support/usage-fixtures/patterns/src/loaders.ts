// Common shapes of frontend code around the API, each of which email-domains-usage must follow
// (test: src/usage/analyze-project.test.ts).
import createClient from "openapi-fetch";
import { createEmailDomainsClient, EmailDomainsApiError, type CreateEmailDomainRequest, type paths } from "@vortex/email-domains-contract-kit/client";

const domains = createEmailDomainsClient({ baseUrl: "http://127.0.0.1:4010", apiKey: "demo-key-account-a" });
const http = createClient<paths>({ baseUrl: "http://127.0.0.1:4010" });

/** Two loads at once: each result is followed to its place in the tuple. */
export async function overview(accountId: string, id: string): Promise<string> {
  const [page, current] = await Promise.all([domains.list(accountId), domains.get(accountId, id)]);
  return `${page.length} domains; this one is ${current.spfCheckStatus}`;
}

/** A chain: the callback's result is what the promise gives on. */
export async function verifiedNames(accountId: string): Promise<string> {
  const verified = await domains.list(accountId).then((list) => list.filter((d) => d.isVerified));
  return verified.map((d) => d.dmarcStatus).join(", ");
}

/** `.catch()` on the call: the status it tells apart, and the value it gives on when there was no error. */
export async function owner(accountId: string, id: string): Promise<string | undefined> {
  const found = await domains.get(accountId, id).catch((err: unknown) => (err instanceof EmailDomainsApiError && err.statusCode === 403 ? null : Promise.reject(err)));
  return found?.creatorId;
}

/** A caught value not narrowed (any), statuses in a list. */
export async function forget(accountId: string, id: string): Promise<string> {
  try {
    await domains.remove(accountId, id);
    return "deleted";
  } catch (e: any) {
    if ([404, 410].includes(e.statusCode)) return "already gone";
    throw e;
  }
}

/** A body built first, then sent by shorthand; the error body's statusCode told apart. */
export async function register(accountId: string, name: string): Promise<string> {
  const body = { domain: name };
  const result = await http.POST("/api/v1/accounts/{accountId}/email-domains", { params: { path: { accountId } }, body });
  if (result.error) return result.error.statusCode === 409 ? "taken" : "failed";
  return result.data.tokenVerificationStatus;
}

/** A body the caller builds: every property of it counts as sent. */
export async function registerForm(accountId: string, form: CreateEmailDomainRequest): Promise<boolean> {
  return (await domains.create(accountId, form)).isDefault;
}
