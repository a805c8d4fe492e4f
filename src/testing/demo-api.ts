// The demo accounts of the built-in seed and small fetch helpers for tests that talk HTTP to the mock.
export const DEMO_A = { accountId: "a0000000-0000-4000-8000-000000000001", key: "demo-key-account-a" };
export const DEMO_B = { accountId: "b0000000-0000-4000-8000-000000000002", key: "demo-key-account-b" };
export const DEMO_A_DEFAULT_ID = "d0000000-0000-4000-8000-00000000a001";
export const DEMO_B_DOMAIN_ID = "d0000000-0000-4000-8000-00000000b001";

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
  const headers: Record<string, string> = { ...(options.key ? { "x-api-key": options.key } : {}), ...options.headers };
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

/** Every domain of the account, following the pages. */
export async function listAll(base: string, account: { accountId: string; key: string }): Promise<Array<Record<string, unknown>>> {
  const all: Array<Record<string, unknown>> = [];
  for (let start = 0; ; ) {
    const page = await call(base, "GET", `${domainsPath(account.accountId)}?start=${start}`, { key: account.key });
    if (page.status !== 200) throw new Error(`list answered ${page.status}: ${page.text}`);
    const items = page.body as Array<Record<string, unknown>>;
    all.push(...items);
    if (items.length === 0) return all;
    start += items.length;
  }
}
