// Servers whose bugs show only when requests overlap, or right after a write was answered (issue 25). Each is
// the real mock behind the mutant proxy with a race of its own: a check and the write it guards, or a read and
// the write back of what was read, with an await in between. The await is widened to WINDOW_MS so that the
// concurrent stage, whose clients are released together, lands inside it every time; one request at a time
// never does, so the sequential stages pass. Every answer stays valid against the schema.
// The last three break read-your-writes (a replica that lags, a delete applied after it was answered): those
// need no overlap, only a read right after a write, which the sequential suite makes too.
import { jsonOf, withJson, type Mutation, type ProxyContext, type ProxyRequest, type ProxyResponse } from "./mutant-proxy.js";
import { API_KEY_HEADER } from "../support/spec.js";
import type { Mutant } from "./mutations.js";
import { callOf, errorAnswer, isDomain, itemUrl, noContent, plainGet, setStatuses, sleep, wholeList, type Domain } from "./proxy-calls.js";

/** The await between a check and its write (or a read and its write back). */
export const WINDOW_MS = 80;
/**
 * Concurrent runs against each race mutant: a race shows only when a run's plan draws it (two clients creating
 * one new name, or checking and updating one domain, at once), which 30 runs (the stage's default) do not always
 * do. The stage stops at the first failing run, so a caught mutant costs less.
 */
export const PARALLEL_RUNS = 100;
/** How long a lagging replica answers the state from before a write. */
export const LAG_MS = 1_000;

const STATUSES = ["tokenVerificationStatus", "dkimStatus", "spfCheckStatus", "dmarcStatus"] as const;
const nameOf = (req: ProxyRequest): string | undefined => {
  const name = (jsonOf(req) as Domain | undefined)?.["domain"];
  return typeof name === "string" ? name.toLowerCase() : undefined;
};
const keyOf = (req: ProxyRequest) => req.headers[API_KEY_HEADER] ?? "";

/** Two overlapping creates of one name: both pass the check, and the insert has no constraint behind it. */
function uniquenessCheckedThenWritten(): Mutation {
  return {
    async request(req, ctx) {
      const call = callOf(req);
      const name = nameOf(req);
      if (call?.op !== "create" || name === undefined) return req;
      if ((await wholeList(req, ctx, call.accountId)).some((d) => d["domain"] === name)) return req; // taken: the upstream answers 409
      await sleep(WINDOW_MS);
      const res = await ctx.upstream(req);
      if (res.status !== 409) return res;
      // An insert-or-ignore keyed by name, read back by name: the second create is answered as created.
      const existing = (await wholeList(req, ctx, call.accountId)).find((d) => d["domain"] === name);
      return existing ? withJson({ ...res, status: 201 }, existing) : res;
    },
  };
}

/** Two overlapping deletes of one domain: both see it, both answer 204. */
function deleteCheckedThenApplied(): Mutation {
  return {
    async request(req, ctx) {
      const call = callOf(req);
      if (call?.op !== "delete") return req;
      if ((await ctx.upstream(plainGet(req, req.url))).status !== 200) return req;
      await sleep(WINDOW_MS);
      const res = await ctx.upstream(req);
      return res.status === 404 ? noContent() : res;
    },
  };
}

/** Overlapping checks of one domain read the same counters and write the same values: one attempt counted. */
function checkCountersReadModifyWrite(): Mutation {
  const inFlight = new Map<string, Promise<ProxyResponse>>();
  return {
    async request(req, ctx) {
      const call = callOf(req);
      if (call?.op !== "check") return req;
      const key = `${keyOf(req)} ${req.url}`;
      const running = inFlight.get(key);
      if (running) return running; // read the counters before the first wrote them: writes the same record
      const check = sleep(WINDOW_MS).then(() => ctx.upstream(req));
      inFlight.set(key, check);
      try {
        return await check;
      } finally {
        inFlight.delete(key);
      }
    },
  };
}

/** A check writes the whole record back from the copy it read: an update made meanwhile loses its description. */
function checkWritesBackDescription(): Mutation {
  return {
    async request(req, ctx) {
      const call = callOf(req);
      if (call?.op !== "check" || !call.id) return req;
      const before = jsonOf(await ctx.upstream(plainGet(req, itemUrl(call.accountId, call.id))));
      if (!isDomain(before)) return req;
      await sleep(WINDOW_MS);
      const res = await ctx.upstream(req);
      const after = jsonOf(res);
      if (res.status !== 200 || !isDomain(after) || after["description"] === before["description"]) return res;
      const put = { ...req, url: itemUrl(call.accountId, call.id), headers: { ...req.headers, "content-type": "application/json" } };
      const written = await ctx.upstream(withJson(put, { description: before["description"] }));
      return written.status === 200 ? { ...written, headers: res.headers } : res;
    },
  };
}

/** An update writes the verification statuses back from the copy it read: a check made meanwhile is undone. */
function updateWritesBackStatuses(): Mutation {
  return {
    async request(req, ctx) {
      const call = callOf(req);
      if (call?.op !== "update" || !call.id) return req;
      const before = jsonOf(await ctx.upstream(plainGet(req, req.url)));
      if (!isDomain(before)) return req;
      await sleep(WINDOW_MS);
      const res = await ctx.upstream(req);
      const after = jsonOf(res);
      if (res.status !== 200 || !isDomain(after)) return res;
      const undone = Object.fromEntries(STATUSES.filter((s) => after[s] !== before[s]).map((s) => [s, before[s]]));
      if (Object.keys(undone).length === 0) return res;
      const written = await setStatuses(ctx, call.accountId, call.id, undone);
      return written.status === 200 ? { ...written, headers: res.headers } : res;
    },
  };
}

/**
 * Overlapping first creates of an empty account: each saw it empty, each is stored as its default. The proxy
 * keeps the second default itself (the upstream allows one) and shows it in every later answer.
 */
function firstCreatesBothDefault(): Mutation {
  const alsoDefault = new Set<string>();
  const shown = (d: Domain): Domain => (alsoDefault.has(String(d["id"])) ? { ...d, isDefault: true } : d);
  return {
    async request(req, ctx) {
      const call = callOf(req);
      if (call?.op === "delete" && call.id) alsoDefault.delete(call.id);
      if (call?.op !== "create" || (await wholeList(req, ctx, call.accountId)).length > 0) return req;
      await sleep(WINDOW_MS);
      const res = await ctx.upstream(req);
      const body = jsonOf(res);
      if (res.status !== 201 || !isDomain(body) || body["isDefault"] === true) return res;
      alsoDefault.add(String(body["id"]));
      return withJson(res, shown(body));
    },
    response(res, req) {
      const body = jsonOf(res);
      if (res.status >= 300 || body === undefined || !callOf(req) || alsoDefault.size === 0) return res;
      if (Array.isArray(body)) return withJson(res, body.map((d) => (isDomain(d) ? shown(d) : d)));
      return isDomain(body) ? withJson(res, shown(body)) : res;
    },
  };
}

/** The domain a request is about, kept in a module-level variable: an answer built after an await shows the last one's. */
function requestStateInModuleVariable(): Mutation {
  let current: ProxyRequest | undefined;
  return {
    async request(req, ctx) {
      const call = callOf(req);
      if (!call?.id || !["get", "update", "check"].includes(call.op)) return req;
      const mine = plainGet(req, itemUrl(call.accountId, call.id));
      current = mine;
      const res = await ctx.upstream(req);
      await sleep(WINDOW_MS); // e.g. an audit log written before the answer is built
      if (res.status !== 200 || current === mine) return res;
      const leaked = await ctx.upstream(current);
      return leaked.status === 200 ? { ...leaked, headers: res.headers } : res;
    },
  };
}

/** A write that arrives while another write of the same account is running is refused with 429, which the spec does not document. */
function busyAnswersUndocumented429(): Mutation {
  const running = new Map<string, number>();
  return {
    async request(req, ctx) {
      const call = callOf(req);
      if (!call || !["create", "update", "delete", "check"].includes(call.op)) return req;
      if ((running.get(call.accountId) ?? 0) > 0) return errorAnswer(429, "Too Many Requests", "Another change of this account is in progress; try again");
      running.set(call.accountId, (running.get(call.accountId) ?? 0) + 1);
      try {
        await sleep(WINDOW_MS);
        return await ctx.upstream(req);
      } finally {
        running.set(call.accountId, (running.get(call.accountId) ?? 1) - 1);
      }
    },
  };
}

const isWrite = (op: string | undefined) => op === "create" || op === "update" || op === "delete" || op === "check";

/** Gets answered by a replica that is LAG_MS behind: right after a write, a get answers the domain as it was before. */
function replicaLagsOnGets(): Mutation {
  const before = new Map<string, { answer: ProxyResponse; until: number }>();
  return {
    async request(req, ctx) {
      const call = callOf(req);
      if (call?.op === "get") {
        const stale = before.get(`${keyOf(req)} ${req.url}`);
        return stale && Date.now() < stale.until ? stale.answer : req;
      }
      if (!isWrite(call?.op) || !call) return req;
      const item = call.id ? itemUrl(call.accountId, call.id) : undefined;
      const old = item ? await ctx.upstream(plainGet(req, item)) : undefined;
      const res = await ctx.upstream(req);
      const created = jsonOf(res);
      if (call.op === "create" && res.status === 201 && isDomain(created)) {
        const id = String(created["id"]);
        before.set(`${keyOf(req)} ${itemUrl(call.accountId, id)}`, { answer: errorAnswer(404, "Not Found", `Email domain ${id} not found`), until: Date.now() + LAG_MS });
      } else if (item && old && res.status < 300) {
        before.set(`${keyOf(req)} ${item}`, { answer: old, until: Date.now() + LAG_MS });
      }
      return res;
    },
  };
}

/** Lists answered by a replica that is LAG_MS behind: right after a write, every page answers the account as it was before. */
function replicaLagsOnLists(): Mutation {
  const before = new Map<string, { pages: ProxyResponse[]; until: number }>();
  return {
    async request(req, ctx) {
      const call = callOf(req);
      if (!call) return req;
      const key = `${keyOf(req)} ${call.accountId}`;
      const stale = before.get(key);
      if (call.op === "list" && stale && Date.now() < stale.until) return pageOf(stale.pages, Number(call.query.get("start") ?? 0));
      if (!isWrite(call.op)) return req;
      const pages = await allPages(req, ctx, call.accountId);
      const res = await ctx.upstream(req);
      if (res.status < 300 && pages.length > 0) before.set(key, { pages, until: Date.now() + LAG_MS });
      return res;
    },
  };
}

/** The account's pages as the upstream answers them, up to the first empty one. */
async function allPages(req: ProxyRequest, ctx: ProxyContext, accountId: string): Promise<ProxyResponse[]> {
  const pages: ProxyResponse[] = [];
  for (let start = 0; ; ) {
    const page = await ctx.upstream(plainGet(req, `/api/v1/accounts/${accountId}/email-domains?start=${start}`));
    const body = jsonOf(page);
    if (page.status !== 200 || !Array.isArray(body)) return [];
    pages.push(page);
    if (body.length === 0) return pages;
    start += body.length;
  }
}

/** The page from `start` of the list these pages held (the page size is the first page's, when there were several). */
function pageOf(pages: ProxyResponse[], start: number): ProxyResponse {
  const bodies = pages.map((p) => jsonOf(p) as Domain[]);
  const all = bodies.flat();
  const size = bodies.length > 2 ? bodies[0]!.length : all.length;
  return withJson(pages[0]!, all.slice(start, start + Math.max(size, 1)));
}

/** A delete is answered 204 at once and applied LAG_MS later. */
function deleteAnsweredBeforeApplied(): Mutation {
  return {
    async request(req, ctx) {
      if (callOf(req)?.op !== "delete" || (await ctx.upstream(plainGet(req, req.url))).status !== 200) return req;
      setTimeout(() => void ctx.upstream(req).catch(() => undefined), LAG_MS);
      return noContent();
    },
  };
}

/** How the concurrent stage fails a run: a history no order explains, or an answer that breaks a rule every answer keeps. */
export const CAUGHT_BY_THE_CONCURRENT_STAGE = /No order of the \d+ calls on .* explains every answer|an answer broke the contract/;

/** Whether the bug needs two requests in flight, or only a read right after a write. */
export type Needs = "overlap" | "read-after-write";

export interface ConcurrencyMutant extends Mutant {
  needs: Needs;
}

/** The concurrency mutants, each with fresh state (a mutant serves one proxy). `files`: the suite files that must catch them. */
export function concurrencyMutants(files: string[] = ["concurrent"], caughtBy: RegExp = CAUGHT_BY_THE_CONCURRENT_STAGE): ConcurrencyMutant[] {
  const overHttp = "the concurrent stage's clients race on connections of their own to a real server";
  const overlap = (name: string, mutation: Mutation, suite: ConcurrencyMutant["suite"] = { parallelRuns: PARALLEL_RUNS }): ConcurrencyMutant => ({ name, mutation, files, caughtBy, needs: "overlap", suite, overHttp });
  const afterWrite = (name: string, mutation: Mutation): ConcurrencyMutant => ({ name, mutation, files, caughtBy, needs: "read-after-write", overHttp });
  return [
    // Two clients must draw one new name at once: more clients, more runs.
    overlap("race: two overlapping creates of one name are both answered 201 (uniqueness checked, then written)", uniquenessCheckedThenWritten(), { parallelRuns: 2 * PARALLEL_RUNS, parallelClients: 5 }),
    overlap("race: two overlapping deletes of one domain are both answered 204", deleteCheckedThenApplied()),
    overlap("race: overlapping checks of one domain count one DKIM attempt", checkCountersReadModifyWrite()),
    overlap("race: a check writes back the description it read (a concurrent update is lost)", checkWritesBackDescription()),
    overlap("race: an update writes back the statuses it read (a concurrent check is undone)", updateWritesBackStatuses()),
    // Only a run that empties the account first reaches it: the concurrent file alone may (modelDeletesExisting).
    overlap("race: overlapping first creates of an empty account both become its default", { ...firstCreatesBothDefault(), modelDeletesExisting: true }),
    overlap("race: an answer shows the domain of another request in flight (state in a module variable)", requestStateInModuleVariable()),
    overlap("race: a write while another write of the account runs is answered an undocumented 429", busyAnswersUndocumented429()),
    afterWrite("lag: a get right after a write answers the domain as it was before", replicaLagsOnGets()),
    afterWrite("lag: a list right after a write answers the page as it was before", replicaLagsOnLists()),
    afterWrite("lag: a delete is answered 204 before it is applied", deleteAnsweredBeforeApplied()),
  ];
}

