// What the mutants and variants that keep state of their own share: which call a proxied request is (as a
// server's router sees it), plain reads through the upstream, and answers made up by the proxy.
import { jsonOf, withJson, type ProxyContext, type ProxyRequest, type ProxyResponse } from "./mutant-proxy.js";

export type Domain = Record<string, unknown>;
export const isDomain = (v: unknown): v is Domain => typeof v === "object" && v !== null && !Array.isArray(v) && "dkimStatus" in v && "id" in v;
const ROUTE = /^\/api\/v1\/accounts\/([^/?]+)\/email-domains(?:\/([^/?]+))?(\/checkDkimStatus)?(?:\?(.*))?$/;

export type CallKind = "list" | "create" | "get" | "update" | "delete" | "check" | "other";

/** What the proxy sees of an API call: which operation, on which account and domain. */
export function callOf(req: ProxyRequest): { op: CallKind; accountId: string; id: string | undefined; query: URLSearchParams } | undefined {
  const m = ROUTE.exec(req.url);
  if (!m) return undefined;
  const [, accountId, id, check, query] = m;
  const op: CallKind = check
    ? req.method === "PATCH" ? "check" : "other"
    : id
      ? ({ GET: "get", PATCH: "update", DELETE: "delete" } as Record<string, CallKind>)[req.method] ?? "other"
      : ({ GET: "list", POST: "create" } as Record<string, CallKind>)[req.method] ?? "other";
  return { op, accountId: accountId!, id, query: new URLSearchParams(query ?? "") };
}

/** The same caller's GET of another URL (its key, no body). */
export const plainGet = (req: ProxyRequest, url: string): ProxyRequest => ({ ...req, method: "GET", url, body: Buffer.alloc(0), headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== "content-type")) });
export const itemUrl = (accountId: string, id: string) => `/api/v1/accounts/${accountId}/email-domains/${id}`;
export const errorAnswer = (status: number, error: string, message: string, headers: Record<string, string> = {}): ProxyResponse => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8", ...headers },
  body: Buffer.from(JSON.stringify({ statusCode: status, error, message: [message] })),
});
export const noContent = (): ProxyResponse => ({ status: 204, headers: {}, body: Buffer.alloc(0) });

/** Every domain of the account (the mock's own pages), read with the caller's key. */
export async function wholeList(req: ProxyRequest, ctx: ProxyContext, accountId: string): Promise<Domain[]> {
  const all: Domain[] = [];
  for (;;) {
    const page = jsonOf(await ctx.upstream(plainGet(req, `/api/v1/accounts/${accountId}/email-domains?start=${all.length}`)));
    if (!Array.isArray(page) || page.length === 0) return all;
    all.push(...(page as Domain[]));
  }
}

/** Sets verification statuses through the mock's control endpoint. */
export async function setStatuses(ctx: ProxyContext, accountId: string, id: string, patch: Domain): Promise<ProxyResponse> {
  return ctx.upstream(withJson({ method: "PATCH", url: `/__mock/accounts/${accountId}/email-domains/${id}/verification`, headers: { "content-type": "application/json" }, body: Buffer.alloc(0) }, patch));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
