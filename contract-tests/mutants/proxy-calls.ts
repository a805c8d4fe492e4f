// What the mutants and variants that keep state of their own share: which call a proxied request is (as a
// server's router sees it), plain reads through the upstream, and answers made up by the proxy.
import { jsonOf, withJson, type ProxyContext, type ProxyRequest, type ProxyResponse } from "./mutant-proxy.js";
import { routeOf } from "./mutant-routes.js";
import type { OperationId } from "../support/spec.js";
import { outcomeFromDnsProvider, roles, specOperation } from "../support/spec-roles.js";

export type Domain = Record<string, unknown>;
export const isDomain = (v: unknown): v is Domain => typeof v === "object" && v !== null && !Array.isArray(v) && "dkimStatus" in v && "id" in v;
export type CallKind = "list" | "create" | "get" | "update" | "delete" | "check" | "other";

/** The kind of an operation, read from the spec (spec-roles.ts): an operation it gains is "other". */
function kindOf(operationId: OperationId): CallKind {
  if (operationId === roles.list) return "list";
  if (operationId === roles.create) return "create";
  if (operationId === roles.get) return "get";
  if (operationId === roles.remove) return "delete";
  if (outcomeFromDnsProvider(operationId)) return "check";
  const op = specOperation(operationId);
  return op.method === "patch" && op.path.endsWith("{id}") ? "update" : "other";
}

/** What the proxy sees of an API call: which operation, on which account and domain (routed as the mock routes it). */
export function callOf(req: ProxyRequest): { op: CallKind; accountId: string; id: string | undefined; query: URLSearchParams } | undefined {
  const route = routeOf(req);
  const accountId = route?.params["accountId"];
  if (!route || accountId === undefined) return undefined;
  return { op: kindOf(route.operationId), accountId, id: route.params["id"], query: new URLSearchParams(route.query) };
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
