// Reading a whole account, for tests that list only to look around ("nothing was created", "it appears
// once"). Listing takes paging (`start`); when the server breaks paging, those tests cannot look, but they
// did not find a second break: they are reported skipped, naming the paging rule that broke, and the paging
// tests (pagination.test.ts, which use listAll) fail with it. One break, one story.
import { expect, TestRunner } from "vitest";
import type { ContractClient } from "./client.js";
import { COLLECTION, type EmailDomain } from "./domains.js";
import { accountListingProblems } from "./invariants.js";
import type { Credentials } from "./target.js";
import { expectStatus } from "./expect-status.js";

export interface AccountListing {
  /** Every domain the pages showed, in list order, each once. */
  domains: EmailDomain[];
  /** Set when paging broke (a page repeats a domain, or paging never ends): the listing may be incomplete. */
  broken?: string;
}

/** Prefix of a skip note caused by broken paging; the CLI's summary groups skipped tests by it. */
export const PAGING_SKIP = "skipped because paging is broken";

/**
 * Pages through the account until an empty page. A list answer other than 200 fails the test, and so does a
 * complete listing that breaks the one-default rule (invariants.ts; the suite lists an account while nothing
 * else writes to it, so the pages are one state).
 */
export async function listAccount(client: ContractClient, who: Credentials, maxPages = 200): Promise<AccountListing> {
  const domains: EmailDomain[] = [];
  const ids = new Set<string>();
  for (let pages = 0; pages < maxPages; pages++) {
    const start = domains.length;
    const { data, response } = await client.GET(COLLECTION, { params: { path: { accountId: who.accountId }, query: { start } } });
    expectStatus(response, 200, `list from start=${start}`);
    const page = data!;
    if (page.length === 0) {
      const problems = accountListingProblems(domains, `the complete listing of account ${who.accountId}`);
      if (problems.length > 0) expect.fail(problems.join("\n"));
      return { domains };
    }
    const repeated = page.find((d) => ids.has(d.id));
    if (repeated) return { domains, broken: `start was not honoured: the page at start=${start} repeats domain ${repeated.id}` };
    for (const d of page) ids.add(d.id);
    domains.push(...page);
  }
  return { domains, broken: `paging ${who.accountId} did not end within ${maxPages} pages` };
}

/**
 * The complete list of the account. When paging is broken the running test is skipped with a note naming
 * the break (outside a test, in a hook, it fails with it).
 */
export function completeList(listing: AccountListing): EmailDomain[] {
  if (listing.broken === undefined) return listing.domains;
  const test = TestRunner.getCurrentTest();
  if (!test?.context) throw new Error(`paging is broken, so the account cannot be listed in full: ${listing.broken}`);
  return test.context.skip(`${PAGING_SKIP} (${listing.broken}); the paging tests report it`);
}

/** Every domain of the account, or the running test skipped because paging is broken. */
export async function accountDomains(client: ContractClient, who: Credentials): Promise<EmailDomain[]> {
  return completeList(await listAccount(client, who));
}

/**
 * The listed domain with this id. Found on the pages that could be read, it needs no complete list; not found
 * while paging is broken, the running test is skipped (the domain may be on a page that cannot be reached).
 */
export async function listedDomain(client: ContractClient, who: Credentials, id: string): Promise<EmailDomain | undefined> {
  const listing = await listAccount(client, who);
  return listing.domains.find((d) => d.id === id) ?? completeList(listing).find((d) => d.id === id);
}
