// The demo accounts of the built-in seed (read from it, not retyped) and small fetch helpers for tests that
// talk HTTP to the mock.
import { readFileSync } from "node:fs";
import createClient from "openapi-fetch";
import type { paths } from "../src/generated/openapi.js";
import { API_KEY_HEADER } from "../src/generated/spec-values.js";
import { demoSeedFile } from "../src/seed/load-seed.js";
import type { Seed } from "../src/storage/types.js";
import type { Credentials } from "../contract-tests/support/demo-accounts.js";
import { listAll as listAccountDomains, type EmailDomain } from "../contract-tests/support/domains.js";

const [seedA, seedB] = (JSON.parse(readFileSync(demoSeedFile, "utf8")) as Seed).accounts;
if (!seedA?.domains?.[0]?.id || !seedB?.domains?.[0]?.id) throw new Error(`${demoSeedFile} must hold two accounts with a domain each`);

// The accounts themselves are the shipped suite's (one module, one set of field names).
export { DEMO_A, DEMO_B } from "../contract-tests/support/demo-accounts.js";
/** Account A's first domain, its default. */
export const DEMO_A_DEFAULT_ID = seedA.domains[0].id;
export const DEMO_B_DOMAIN_ID = seedB.domains[0].id;

export const domainsPath = (accountId: string) => `/api/v1/accounts/${accountId}/email-domains`;

export interface Answer {
  status: number;
  body: unknown;
  text: string;
  headers: Headers;
}

/** One request with the account's key and a JSON body; never hangs longer than `timeoutMs`. */
export async function call(
  base: string,
  method: string,
  path: string,
  options: { key?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...(options.key ? { [API_KEY_HEADER]: options.key } : {}), ...options.headers };
  if (options.body !== undefined) headers["content-type"] ??= "application/json";
  const res = await fetch(base + path, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text, headers: res.headers };
}

/**
 * Every domain of the account, following the pages: the contract suite's own listing (listAll of
 * contract-tests/support/domains.ts, through an openapi-fetch client on `base`), so paging is read one way
 * everywhere. `fetch` sends the requests (default: the global one; the in-process host passes its own).
 */
export async function listAll(base: string, account: Credentials, fetch: (request: Request) => Promise<Response> = globalThis.fetch): Promise<EmailDomain[]> {
  const client = createClient<paths>({ baseUrl: base, fetch, headers: { [API_KEY_HEADER]: account.apiKey } });
  return listAccountDomains(client, account);
}
