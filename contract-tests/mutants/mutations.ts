// The ways a server can break the contract, one per mutant, each with the suite files that must catch it
// and a pattern the failure must show (so a mutant counts as caught only for the right reason).
import { randomUUID } from "node:crypto";
import { DEMO_A, DEMO_B } from "../support/demo-accounts.js";
import { API_KEY_HEADER, parameterValidator, type OperationId } from "../support/spec.js";
import { jsonOf, withJson, type Mutation, type ProxyRequest, type ProxyResponse } from "./mutant-proxy.js";
import { pathOf, routeOf } from "./mutant-routes.js";
import { concurrencyMutants } from "./concurrency-mutations.js";
import type { SuiteOptions } from "./embedded-suite.js";
import { sequenceMutants } from "./sequence-mutations.js";

export interface Mutant {
  name: string;
  mutation: Mutation;
  /** Suite files (under contract-tests/) run against this mutant. */
  files: string[];
  /** What the failure output must contain. */
  caughtBy: RegExp;
  /** The concurrent stage's runs and clients against this mutant, when not the default (a race its plans seldom draw). */
  suite?: Omit<SuiteOptions, "seed">;
  /**
   * Why the runner serves it as the mock server behind the HTTP proxy, in the runner's own process. Without it
   * (the default), the same mutation is served in front of the in-process host in the suite's worker
   * (mutant-fetch.ts), which sees the same requests and answers without a server or socket.
   */
  overHttp?: string;
}

/** The control run's name: the unbroken mock behind the same proxy (or the same in-process mutant fetch). */
export const CONTROL_NAME = "(control) breaks nothing";

type Domain = Record<string, unknown>;
const isDomain = (v: unknown): v is Domain => typeof v === "object" && v !== null && !Array.isArray(v) && "dkimStatus" in v && "id" in v;
const KEYS: Record<string, string> = { [DEMO_A.accountId]: DEMO_A.apiKey, [DEMO_B.accountId]: DEMO_B.apiKey };
const ACCOUNT_OF_KEY: Record<string, string> = { [DEMO_A.apiKey]: DEMO_A.accountId, [DEMO_B.apiKey]: DEMO_B.accountId };
/** Whether the spec's `id` path parameter schema accepts an id (Ajv over the spec, not a retyped pattern). */
const idValidator = parameterValidator("getEmailDomain", "id");
const idAccepted = (segment: string) => {
  try {
    return idValidator(decodeURIComponent(segment)); // judged as the server sees it: decoded
  } catch {
    return false; // not even valid percent-encoding
  }
};
const otherAccount = (accountId: string) => (accountId === DEMO_A.accountId ? DEMO_B.accountId : DEMO_A.accountId);

/** The operation a proxied request calls, with its account, domain id (as sent) and query. */
function route(req: ProxyRequest) {
  const r = routeOf(req);
  return r && { operationId: r.operationId, accountId: r.params["accountId"] ?? "", id: r.params["id"], query: r.query };
}
const calls = (operationId: OperationId) => (r: ProxyRequest) => route(r)?.operationId === operationId;
const isList = calls("listEmailDomains");
const isCreate = calls("createEmailDomain");

/** Applies `change` to every EmailDomain of a successful JSON answer. */
const onDomains = (change: (d: Domain, request: ProxyRequest) => Domain, when: (r: ProxyRequest) => boolean = () => true): Mutation => ({
  response(res, req) {
    const body = jsonOf(res);
    if (res.status >= 300 || !when(req) || body === undefined) return res;
    if (Array.isArray(body)) return withJson(res, body.map((d) => (isDomain(d) ? change({ ...d }, req) : d)));
    return isDomain(body) ? withJson(res, change({ ...body }, req)) : res;
  },
});

const errorAnswer = (status: number, message: string): ProxyResponse => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8" },
  body: Buffer.from(JSON.stringify({ statusCode: status, error: "Error", message: [message] })),
});

const forAccount = (req: ProxyRequest, accountId: string): ProxyRequest => ({
  ...req,
  url: req.url.replace(/^\/api\/v1\/accounts\/[^/?]+/, `/api/v1/accounts/${accountId}`),
  headers: { ...req.headers, [API_KEY_HEADER]: KEYS[accountId] ?? "" },
});

export const mutants: Mutant[] = [
  { name: "drops a required field", files: ["lifecycle"], caughtBy: /must have required property "verificationToken"/,
    mutation: onDomains(({ verificationToken: _dropped, ...d }) => d) },
  { name: "changes a field's type", files: ["lifecycle"], caughtBy: /dkimAttempts must be number/,
    mutation: onDomains((d) => ({ ...d, dkimAttempts: String(d["dkimAttempts"]) })) },
  { name: "answers an enum value the spec does not have", files: ["lifecycle"], caughtBy: /tokenVerificationStatus must be one of/,
    mutation: onDomains((d) => ({ ...d, tokenVerificationStatus: d["tokenVerificationStatus"] === "waiting_for_provider" ? "pending" : d["tokenVerificationStatus"] })) },
  { name: "adds a field the schema does not have", files: ["lifecycle"], caughtBy: /must NOT have additional property "status"/,
    mutation: onDomains((d) => ({ ...d, status: "active" })) },
  { name: "answers an undocumented status (200 for a create)", files: ["lifecycle"], caughtBy: /status 200 is not documented for createEmailDomain/,
    mutation: { response: (res, req) => (isCreate(req) && res.status === 201 ? { ...res, status: 200 } : res) } },
  { name: "answers an undocumented media type", files: ["lifecycle"], caughtBy: /media type "text\/plain" is not documented/,
    mutation: { response: (res) => (res.headers["content-type"] ? { ...res, headers: { ...res.headers, "content-type": "text/plain; charset=utf-8" } } : res) } },
  { name: "answers errors in another shape", files: ["ids-and-conflicts"], caughtBy: /must have required property "statusCode"/,
    mutation: { response: (res) => (res.status >= 400 ? withJson(res, { message: "oops" }) : res) } },
  { name: "answers a 5xx for a missing domain", files: ["ids-and-conflicts"], caughtBy: /a server error \(500\)/,
    mutation: { response: (res) => (res.status === 404 ? errorAnswer(500, "Internal server error") : res) } },
  { name: "accepts an invalid body (creates something anyway)", files: ["request-bodies"], caughtBy: /expected 201 to be 400/,
    mutation: { async response(res, req, ctx) {
      if (!isCreate(req) || res.status !== 400) return res;
      return ctx.upstream(withJson({ ...req, headers: { ...req.headers, "content-type": "application/json" } }, { domain: `contract-accepted-${randomUUID().slice(0, 8)}.example.com` }));
    } } },
  { name: "answers 400 but creates the domain anyway", files: ["request-bodies"], caughtBy: /a rejected createEmailDomain must change nothing/,
    mutation: { async response(res, req, ctx) {
      const body = jsonOf(req) as Domain | undefined;
      if (isCreate(req) && res.status === 400 && typeof body?.["description"] === "string") {
        await ctx.upstream(withJson({ ...req, headers: { ...req.headers, "content-type": "application/json" } }, { domain: `contract-sneaky-${randomUUID().slice(0, 8)}.example.com` }));
      }
      return res;
    } } },
  { name: "rejects valid input (a description over 255 characters)", files: ["valid-input"], caughtBy: /expected 400 to be (201|200)/,
    mutation: { request(req) {
      const body = jsonOf(req) as Domain | undefined;
      return route(req) && typeof body?.["description"] === "string" && [...body["description"]].length > 255 ? errorAnswer(400, "description too long") : req;
    } } },
  { name: "ignores unknown properties", files: ["request-bodies"], caughtBy: /an unknown property -> 400/,
    mutation: { request(req) {
      const body = jsonOf(req);
      if (!route(req) || typeof body !== "object" || body === null || Array.isArray(body)) return req;
      return withJson(req, Object.fromEntries(Object.entries(body).filter(([k]) => k === "domain" || k === "description")));
    } } },
  { name: "does not enforce the body size limit", files: ["request-bodies"], caughtBy: /to be 413/,
    mutation: { async response(res, req, ctx) {
      const body = jsonOf(req) as Domain | undefined;
      if (res.status !== 413 || !body) return res;
      return ctx.upstream(withJson(req, { ...body, description: String(body["description"]).slice(0, 100) }));
    } } },
  { name: "treats any body as JSON (no 415)", files: ["request-bodies"], caughtBy: /to be 415/,
    mutation: { request: (req) => (req.body.length > 0 ? { ...req, headers: { ...req.headers, "content-type": "application/json" } } : req) } },
  { name: "truncates what it stores (description to 255)", files: ["valid-input"], caughtBy: /stored exactly/,
    mutation: { request(req) {
      const body = jsonOf(req) as Domain | undefined;
      if (!route(req) || typeof body?.["description"] !== "string") return req;
      return withJson(req, { ...body, description: [...body["description"]].slice(0, 255).join("") });
    } } },
  { name: "ignores a missing or unknown key", files: ["auth"], caughtBy: /to be 401/,
    mutation: { request(req) {
      const key = req.headers[API_KEY_HEADER];
      return key && ACCOUNT_OF_KEY[key] ? req : { ...req, headers: { ...req.headers, [API_KEY_HEADER]: DEMO_A.apiKey } };
    } } },
  { name: "ignores which account the key belongs to", files: ["auth"], caughtBy: /to be 403/,
    mutation: { request(req) {
      const r = route(req);
      return r && KEYS[r.accountId] ? { ...req, headers: { ...req.headers, [API_KEY_HEADER]: KEYS[r.accountId]! } } : req;
    } } },
  { name: "reads a domain across accounts", files: ["isolation"], caughtBy: /to be 404/,
    mutation: { async response(res, req, ctx) {
      const r = route(req);
      if (res.status !== 404 || req.method !== "GET" || !r?.id) return res;
      const leaked = await ctx.upstream(forAccount(req, otherAccount(r.accountId)));
      const body = jsonOf(leaked);
      return leaked.status === 200 && isDomain(body) ? withJson(leaked, { ...body, accountId: r.accountId }) : res;
    } } },
  { name: "writes across accounts but answers 404", files: ["isolation"], caughtBy: /the domain (is unchanged|still exists)/,
    mutation: { async response(res, req, ctx) {
      const r = route(req);
      if (res.status === 404 && req.method !== "GET" && r?.id) await ctx.upstream(forAccount(req, otherAccount(r.accountId)));
      return res;
    } } },
  // The other account's complete listing then also shows this account's default: the one-default rule of a
  // listing (invariants.ts) may say so first.
  { name: "lists another account's domains", files: ["isolation"], caughtBy: /lists this account's domain|domains are the account's default/,
    mutation: { async response(res, req, ctx) {
      const r = route(req);
      const body = jsonOf(res);
      if (!isList(req) || res.status !== 200 || !r || !Array.isArray(body) || r.query !== "start=0") return res;
      const theirs = jsonOf(await ctx.upstream(forAccount(req, otherAccount(r.accountId))));
      return withJson(res, [...body, ...(Array.isArray(theirs) ? theirs.map((d: Domain) => ({ ...d, accountId: r.accountId })) : [])]);
    } } },
  { name: "answers an update it did not store", files: ["lifecycle"], caughtBy: /a fresh get shows the update/,
    mutation: { async request(req, ctx) {
      if (!calls("updateEmailDomain")(req)) return req;
      const current = await ctx.upstream({ ...req, method: "GET", body: Buffer.alloc(0) });
      const body = jsonOf(current), patch = jsonOf(req) as Domain | undefined;
      return current.status === 200 && isDomain(body) && patch ? withJson(current, { ...body, ...patch, modifiedAt: new Date().toISOString() }) : req;
    } } },
  { name: "answers a delete it did not do", files: ["lifecycle"], caughtBy: /expected 200 to be 404/,
    mutation: { request: (req) => (calls("deleteEmailDomain")(req) ? { status: 204, headers: {}, body: Buffer.alloc(0) } : req) } },
  { name: "answers a check it did not do", files: ["lifecycle"], caughtBy: /a check counts a DKIM attempt/,
    mutation: { request(req) {
      const r = route(req);
      return r?.operationId === "checkEmailDomainDkimStatus" ? { ...req, method: "GET", url: pathOf("getEmailDomain", { accountId: r.accountId, id: r.id ?? "" }), body: Buffer.alloc(0) } : req;
    } } },
  { name: "accepts a duplicate domain", files: ["ids-and-conflicts"], caughtBy: /to be 409/,
    mutation: { async response(res, req, ctx) {
      if (!isCreate(req) || res.status !== 409) return res;
      const all = jsonOf(await ctx.upstream({ ...req, method: "GET", body: Buffer.alloc(0) }));
      const name = String((jsonOf(req) as Domain | undefined)?.["domain"]).toLowerCase();
      const existing = Array.isArray(all) ? all.find((d: Domain) => d["domain"] === name) : undefined;
      return existing ? withJson({ ...res, status: 201 }, existing) : res;
    } } },
  { name: "answers 404 for a malformed id", files: ["ids-and-conflicts"], caughtBy: /to be 400/,
    mutation: { request(req) {
      const id = route(req)?.id;
      return id && !idAccepted(id) ? errorAnswer(404, "not found") : req;
    } } },
  { name: "ignores start", files: ["pagination"], caughtBy: /start was not honoured|start=1 is the matching slice/,
    mutation: { request: (req) => (isList(req) ? { ...req, url: req.url.replace(/\?.*$/, "") } : req) } },
  { name: "breaks isVerified", files: ["lifecycle"], caughtBy: /isVerified is true but/,
    mutation: onDomains((d) => ({ ...d, isVerified: true })) },
  { name: "forgets *CompletedAt", files: ["lifecycle"], caughtBy: /CompletedAt is null/,
    mutation: onDomains((d) => ({ ...d, tokenVerificationCompletedAt: null, dkimCompletedAt: null })) },
  { name: "lets attempts go down", files: ["lifecycle"], caughtBy: /dkimAttempts of domain .* went down/,
    mutation: onDomains((d) => ({ ...d, dkimAttempts: 0 }), calls("getEmailDomain")) },
  { name: "answers another accountId", files: ["lifecycle"], caughtBy: /not the path's/,
    mutation: onDomains((d) => ({ ...d, accountId: randomUUID() })) },
  { name: "answers another domain than the one asked for", files: ["lifecycle"], caughtBy: /id is .*, not the path's/,
    mutation: onDomains((d) => ({ ...d, id: randomUUID() }), calls("getEmailDomain")) },
  { name: "sends no Allow with a 405", files: ["methods"], caughtBy: /Allow/,
    mutation: { response: (res) => (res.status === 405 ? { ...res, headers: Object.fromEntries(Object.entries(res.headers).filter(([k]) => k !== "allow")) } : res) } },
  ...sequenceMutants(),
  ...concurrencyMutants(),
];
