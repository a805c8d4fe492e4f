// Small steps the behaviour tests repeat: create a domain (expecting 201), read one, read a whole account.
import { expect } from "vitest";
import type { components } from "../../src/generated/openapi.js";
import type { ContractClient } from "./client.js";
import { listAccount } from "./look-around.js";
import { contractDomainName } from "./names.js";
import type { Credentials } from "./target.js";
import { expectStatus } from "./expect-status.js";

export type EmailDomain = components["schemas"]["EmailDomain"];
export type CreateBody = components["schemas"]["CreateEmailDomainRequest"];
export type UpdateBody = components["schemas"]["UpdateEmailDomainRequest"];

export const COLLECTION = "/api/v1/accounts/{accountId}/email-domains" as const;
export const ITEM = "/api/v1/accounts/{accountId}/email-domains/{id}" as const;
export const CHECK = "/api/v1/accounts/{accountId}/email-domains/{id}/checkDkimStatus" as const;

export async function createDomain(client: ContractClient, who: Credentials, body: CreateBody = { domain: contractDomainName() }): Promise<EmailDomain> {
  const { data, response } = await client.POST(COLLECTION, { params: { path: { accountId: who.accountId } }, body });
  expectStatus(response, 201, `create ${body.domain}`);
  return data!;
}

export async function getDomain(client: ContractClient, who: Credentials, id: string): Promise<{ status: number; domain: EmailDomain | undefined; response: Response }> {
  const { data, response } = await client.GET(ITEM, { params: { path: { accountId: who.accountId, id } } });
  return { status: response.status, domain: data, response };
}

/** Every domain of the account, page by page until an empty page. Fails, naming the rule, when paging does not advance. */
export async function listAll(client: ContractClient, who: Credentials, maxPages = 200): Promise<EmailDomain[]> {
  const listing = await listAccount(client, who, maxPages);
  if (listing.broken !== undefined) expect.fail(listing.broken);
  return listing.domains;
}
