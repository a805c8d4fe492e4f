// Legitimate variants (issue 17): servers that keep the contract but differ from the mock wherever the spec
// leaves room: the page size, the precision and offset of timestamps, the wording of error messages,
// latency, what a real DNS provider finds, what a new domain's free-form attributes hold, response headers.
// Each is the real mock behind the mutant proxy's mutation, served in-process unless it says why it needs the
// server (`overHttp`); the whole suite (model stage included) must pass against every one (run-variants.ts): a
// check that raises a false alarm on one of them would be switched off in CI.
import { jsonOf, withJson, type Mutation, type ProxyContext, type ProxyRequest, type ProxyResponse } from "./mutant-proxy.js";
import { callOf, errorAnswer, sleep } from "./proxy-calls.js";
import { pathOf, routeOf } from "./mutant-routes.js";
import { outcomeFromDnsProvider, roles } from "../support/spec-roles.js";

export interface Variant {
  name: string;
  /** Where the spec leaves this room. */
  room: string;
  mutation: Mutation;
  /**
   * Why the runner serves it as the mock server behind the HTTP proxy. Without it, the same mutation is served
   * in front of the in-process host in the suite's worker (mutant-fetch.ts), as most mutants are.
   */
  overHttp?: string;
}

// Overlapping requests are what these vary: the concurrent stage's clients must race on connections of their own.
const overlapping = "how a server answers overlapping requests shows only to clients racing on connections of their own";

type Domain = Record<string, unknown>;
const isDomain = (v: unknown): v is Domain => typeof v === "object" && v !== null && !Array.isArray(v) && "dkimStatus" in v && "id" in v;
// Which operation a request is, as the mock routes it (mutant-routes.ts): an operation the spec gains is
// varied like the others.
const api = (req: ProxyRequest) => routeOf(req);
const isList = (req: ProxyRequest) => routeOf(req)?.operationId === roles.list;
const isCheck = (req: ProxyRequest) => {
  const route = routeOf(req);
  return route !== undefined && outcomeFromDnsProvider(route.operationId);
};

/** Rewrites every domain of every successful JSON answer of the API. */
const onDomains = (change: (d: Domain, req: ProxyRequest) => Domain): Mutation["response"] => (res, req) => {
  const body = jsonOf(res);
  if (res.status >= 300 || body === undefined || !api(req)) return res;
  if (Array.isArray(body)) return withJson(res, body.map((d) => (isDomain(d) ? change({ ...d }, req) : d)));
  return isDomain(body) ? withJson(res, change({ ...body }, req)) : res;
};

const pageSize = (size: number): Mutation => ({
  response: (res, req) => {
    const body = jsonOf(res);
    return isList(req) && res.status === 200 && Array.isArray(body) ? withJson(res, body.slice(0, size)) : res;
  },
});

/** `2026-12-04T23:00:00.123Z` -> `2026-12-04T23:00:00.123000+00:00`: the same instant, more digits, another offset form. */
const MS_UTC = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d{3})Z$/;
const microsAndOffset = (d: Domain): Domain =>
  Object.fromEntries(Object.entries(d).map(([k, v]) => [k, typeof v === "string" && MS_UTC.test(v) ? v.replace(MS_UTC, "$1.$2000+00:00") : v]));

const GROUPS = [
  { status: "tokenVerificationStatus" },
  { status: "dkimStatus" },
  { status: "spfCheckStatus" },
  { status: "dmarcStatus" },
] as const;

/**
 * After the mock's own check (which counts its attempts), the statuses the check moved end as `outcome` says
 * instead, set through the mock's control endpoint so that later reads agree. A real server applies a check
 * and its outcome in one transaction: here every request waits for the one before it to be answered, so no
 * other request lands between the check and the outcome written after it (the concurrent stage sends some).
 */
function dnsOutcome(outcome: (status: string, before: unknown, after: unknown) => unknown): Mutation {
  let last: Promise<unknown> = Promise.resolve();
  return {
    request(req, ctx) {
      const turn = last.then(() => checkWithOutcome(req, ctx, outcome));
      last = turn.catch(() => undefined);
      return turn;
    },
  };
}

async function checkWithOutcome(req: ProxyRequest, ctx: ProxyContext, outcome: (status: string, before: unknown, after: unknown) => unknown): Promise<ProxyResponse> {
  if (!isCheck(req)) return ctx.upstream(req);
  const { accountId, id } = api(req)!.params as { accountId: string; id: string };
  const itemUrl = pathOf(roles.get, { accountId, id });
  const before = jsonOf(await ctx.upstream({ ...req, method: "GET", url: itemUrl, body: Buffer.alloc(0) }));
  const checked = await ctx.upstream(req);
  const after = jsonOf(checked);
  if (checked.status !== 200 || !isDomain(before) || !isDomain(after)) return checked;
  const patch: Domain = {};
  for (const { status } of GROUPS) {
    const wanted = outcome(status, before[status], after[status]);
    if (wanted !== after[status]) patch[status] = wanted;
  }
  if (Object.keys(patch).length === 0) return checked;
  return setVerification(ctx, accountId, id, patch, checked);
}

async function setVerification(ctx: ProxyContext, accountId: string, id: string, patch: Domain, answer: ProxyResponse): Promise<ProxyResponse> {
  const res = await ctx.upstream(withJson({ method: "PATCH", url: `/__mock/accounts/${accountId}/email-domains/${id}/verification`, headers: { "content-type": "application/json" }, body: Buffer.alloc(0) }, patch));
  if (res.status !== 200) throw new Error(`the variant could not set ${JSON.stringify(patch)}: ${res.status}`);
  return { ...res, headers: answer.headers };
}

/** One request at a time: each waits for the one before it to be answered (a server with one worker and a queue). */
function oneAtATime(): Mutation {
  let last: Promise<unknown> = Promise.resolve();
  return {
    async request(req, ctx) {
      const turn = last.then(() => ctx.upstream(req));
      last = turn.catch(() => undefined);
      return turn;
    },
  };
}

/**
 * While a write is running, any other request is refused with the documented 503 and Retry-After (a server that
 * locks an account for a write). A refused write is applied or not at random: the spec says a write answered 503
 * "may or may not have been applied".
 */
function shedsLoad(): Mutation {
  let writing = 0;
  return {
    async request(req, ctx) {
      const call = callOf(req);
      if (!call) return req;
      const write = call.op !== "get" && call.op !== "list";
      if (writing > 0) {
        if (write && Math.random() < 0.5) await ctx.upstream(req);
        return errorAnswer(503, "Service Unavailable", "The service is busy; try again later", { "retry-after": "1" });
      }
      if (!write) return req;
      writing++;
      try {
        await sleep(5); // a slow write: the requests released with it arrive while it runs
        return await ctx.upstream(req);
      } finally {
        writing--;
      }
    },
  };
}

/** Each request waits 0-20 ms before it is applied: overlapping requests take effect in either order. */
const eitherOrder = (): Mutation => ({
  async request(req) {
    await sleep(Math.floor(Math.random() * 21));
    return req;
  },
});

export const variants: Variant[] = [
  // Slowest first (their latency, their overlapping clients): the runner takes them in this order, and the quick
  // in-process ones fill in around them.
  { name: "10-30 ms of latency on every answer", room: "latency is the network's and the server's",
    mutation: { async response(res) {
      await sleep(10 + Math.floor(Math.random() * 21));
      return res;
    } } },
  { name: "applies overlapping requests in either order (0-20 ms before each)", room: "overlapping requests may take effect in any order that respects real time", mutation: eitherOrder(), overHttp: overlapping },
  { name: "sheds load while a write runs: 503 with Retry-After, a refused write applied or not", room: "every operation: 503 + Retry-After; a write answered 503 may or may not have been applied", mutation: shedsLoad(), overHttp: overlapping },
  { name: "answers one request at a time (a queue)", room: "how a server schedules overlapping requests is its own", mutation: oneAtATime(), overHttp: overlapping },
  { name: "pages of 3", room: "listEmailDomains: the page size is chosen by the server and may change", mutation: pageSize(3) },
  { name: "pages of 1", room: "listEmailDomains: the page size is chosen by the server and may change", mutation: pageSize(1) },
  { name: "timestamps with microseconds and a +00:00 offset", room: "format date-time (RFC 3339): precision and the offset's form are the server's",
    mutation: { response: onDomains(microsAndOffset) } },
  { name: "error messages worded differently", room: "Error.message: one readable sentence per problem, naming the field; the wording is the server's",
    mutation: { response(res) {
      const body = jsonOf(res) as Domain | undefined;
      if (res.status < 400 || !Array.isArray(body?.["message"])) return res;
      return withJson(res, { ...body, message: (body["message"] as string[]).map((m) => `Request refused (${m.replace(/\.$/, "")}). Please check and try again.`) });
    } } },
  { name: "DNS finds nothing: a check leaves every status where it was (counting its attempts)", room: "checkEmailDomainDkimStatus: the outcome depends on real DNS",
    mutation: dnsOutcome((_status, before) => before) },
  { name: "DNS fails: what a check moves ends in failed (counting its attempts)", room: "checkEmailDomainDkimStatus: statuses move towards verified, or to failed / provider_failed",
    mutation: dnsOutcome((_status, before, after) => (after !== before ? "failed" : after)) },
  { name: "DNS provider down: DKIM ends in provider_failed, the rest stay", room: "checkEmailDomainDkimStatus: statuses move towards verified, or to failed / provider_failed",
    mutation: dnsOutcome((status, before, after) => (status === "dkimStatus" && after !== before ? "provider_failed" : before)) },
  { name: "new domains have attributes null", room: "EmailDomain.attributes: free-form attributes, or null",
    mutation: { response: onDomains((d) => ({ ...d, attributes: null })) } },
  { name: "plain application/json and extra response headers", room: "media type parameters and headers the spec does not name",
    mutation: { response: (res) => (res.headers["content-type"] ? { ...res, headers: { ...res.headers, "content-type": "application/json", "x-request-id": "variant", "cache-control": "no-store" } } : res) } },
];
