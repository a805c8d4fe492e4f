// Servers whose bugs show only after a particular sequence of calls or with particular data (issue 17):
// every answer each of them gives is valid against the schema and keeps the per-answer invariants, so only
// a check that remembers what came before can catch them. Each is the real mock behind the mutant proxy,
// with a little state of its own where the bug needs it; the model-based stage (model.test.ts) must catch each.
import { randomBytes } from "node:crypto";
import { jsonOf, withJson, type Mutation, type ProxyRequest } from "./mutant-proxy.js";
import type { Mutant } from "./mutations.js";
import { callOf, errorAnswer, isDomain, itemUrl, plainGet, setStatuses, wholeList, type Domain } from "./proxy-calls.js";

/** Rewrites every domain of every successful answer (a bug in how answers are built, not in what is stored). */
function rewriteAnswers(change: (d: Domain, req: ProxyRequest) => Domain, before?: Mutation["request"]): Mutation {
  return {
    ...(before ? { request: before } : {}),
    response(res, req) {
      const body = jsonOf(res);
      if (res.status >= 300 || body === undefined || !callOf(req)) return res;
      if (Array.isArray(body)) return withJson(res, body.map((d) => (isDomain(d) ? change({ ...d }, req) : d)));
      return isDomain(body) ? withJson(res, change({ ...body }, req)) : res;
    },
  };
}

/** Each mutant gets fresh state: the runner builds the list once, and a mutant serves one proxy. */
function checkRestoresCreationDescription(): Mutation {
  const atCreation = new Map<string, unknown>();
  return {
    async response(res, req, ctx) {
      const call = callOf(req);
      const body = jsonOf(res);
      if (call?.op === "create" && res.status === 201 && isDomain(body)) atCreation.set(String(body["id"]), body["description"]);
      if (call?.op !== "check" || res.status !== 200 || !isDomain(body) || !atCreation.has(String(body["id"]))) return res;
      const original = atCreation.get(String(body["id"]));
      if (body["description"] === original) return res;
      // The check writes the whole record back from a stale copy: the description is the one of the create.
      await ctx.upstream(withJson({ ...req, url: itemUrl(call.accountId, call.id!), headers: { ...req.headers, "content-type": "application/json" } }, { description: original }));
      return withJson(res, { ...body, description: original });
    },
  };
}

function checkedDomainsSurviveDelete(): Mutation {
  return {
    async request(req, ctx) {
      const call = callOf(req);
      if (call?.op !== "delete" || !call.id) return req;
      const current = jsonOf(await ctx.upstream(plainGet(req, req.url)));
      // A domain with verification history is "archived" instead of deleted, yet the delete answers 204.
      return isDomain(current) && Number(current["dkimAttempts"]) > 0 ? { status: 204, headers: {}, body: Buffer.alloc(0) } : req;
    },
  };
}

function listsRememberDeleted(): Mutation {
  const listed = new Map<string, Domain>();
  const deleted = new Set<string>();
  return {
    async request(req, ctx) {
      const call = callOf(req);
      if (call?.op !== "delete" || !call.id) return req;
      const res = await ctx.upstream(req);
      if (res.status === 204) deleted.add(call.id);
      return res;
    },
    response(res, req) {
      const call = callOf(req);
      const body = jsonOf(res);
      if (call?.op !== "list" || res.status !== 200 || !Array.isArray(body)) return res;
      for (const d of body as Domain[]) listed.set(String(d["id"]), d);
      // A stale cache: a deleted domain this account's list showed before is still listed on the first page.
      const stale = [...deleted].map((id) => listed.get(id)).filter((d): d is Domain => d !== undefined && d["accountId"] === call.accountId);
      return call.query.get("start") === "0" && stale.length > 0 ? withJson(res, [...(body as Domain[]), ...stale]) : res;
    },
  };
}

function updateResetsStatuses(): Mutation {
  return {
    async response(res, req, ctx) {
      const call = callOf(req);
      const body = jsonOf(res);
      if (call?.op !== "update" || res.status !== 200 || !isDomain(body) || Number(body["dkimAttempts"]) === 0) return res;
      const after = await setStatuses(ctx, call.accountId, String(body["id"]), { tokenVerificationStatus: "waiting_for_provider", dkimStatus: "waiting_for_user", spfCheckStatus: "waiting_for_user", dmarcStatus: "waiting_for_user" });
      return { ...after, headers: res.headers };
    },
  };
}

function deletedNamesStayReserved(): Mutation {
  const reserved = new Set<string>();
  return {
    async request(req, ctx) {
      const call = callOf(req);
      if (call?.op === "create") {
        const name = String((jsonOf(req) as Domain | undefined)?.["domain"]).toLowerCase();
        if (reserved.has(`${call.accountId} ${name}`)) return errorAnswer(409, "Conflict", `Email domain ${name} already exists`);
      }
      if (call?.op === "delete" && call.id) {
        const current = jsonOf(await ctx.upstream(plainGet(req, req.url)));
        const res = await ctx.upstream(req);
        if (res.status === 204 && isDomain(current)) reserved.add(`${call.accountId} ${String(current["domain"])}`);
        return res;
      }
      return req;
    },
  };
}

function namesUniqueAcrossAccounts(): Mutation {
  return {
    async request(req, ctx) {
      const call = callOf(req);
      if (call?.op !== "create") return req;
      const name = String((jsonOf(req) as Domain | undefined)?.["domain"]).toLowerCase();
      const accounts = jsonOf(await ctx.upstream({ method: "GET", url: "/__mock/accounts", headers: {}, body: Buffer.alloc(0) }));
      for (const account of Array.isArray(accounts) ? (accounts as Domain[]) : []) {
        const other = String(account["accountId"]);
        if (other === call.accountId) continue;
        const theirs = await wholeList({ ...req, headers: { ...req.headers, "x-api-key": String((account["apiKeys"] as string[])[0]) } }, ctx, other);
        if (theirs.some((d) => d["domain"] === name)) return errorAnswer(409, "Conflict", `Email domain ${name} already exists`);
      }
      return req;
    },
  };
}

function laterChecksNotStored(): Mutation {
  return {
    async request(req, ctx) {
      const call = callOf(req);
      if (call?.op !== "check" || !call.id) return req;
      const current = await ctx.upstream(plainGet(req, itemUrl(call.accountId, call.id)));
      const body = jsonOf(current);
      if (current.status !== 200 || !isDomain(body) || Number(body["dkimAttempts"]) < 1) return req;
      // From the second check on, the answer is made up from the stored record and nothing is stored.
      return withJson(current, { ...body, dkimAttempts: Number(body["dkimAttempts"]) + 1, dkimRequestedAt: new Date().toISOString(), modifiedAt: new Date().toISOString() });
    },
  };
}

function verifiedFallsBack(): Mutation {
  return {
    async response(res, req, ctx) {
      const call = callOf(req);
      const body = jsonOf(res);
      if (call?.op !== "check" || res.status !== 200 || !isDomain(body) || body["isVerified"] !== true || Number(body["dkimAttempts"]) < 3) return res;
      // The provider's cache expires: a verified domain goes back to the provider on its third check.
      const after = await setStatuses(ctx, call.accountId, String(body["id"]), { tokenVerificationStatus: "waiting_for_provider", dkimStatus: "waiting_for_provider" });
      return { ...after, headers: res.headers };
    },
  };
}

/**
 * A server with its own idea of an account's default. Once an account's first domain is created or its
 * default deleted, the proxy keeps that account's default itself (the upstream's isDefault is then ignored and
 * every answer rewritten): `onFirst` picks the default when a domain is created in an empty account (the
 * upstream answers it as the default), `heirOf` when the default is deleted (the account's remaining domains,
 * in list order). It stays faithful otherwise: a domain it makes the default has its modifiedAt moved, and one
 * the upstream made the default behind its back keeps the modifiedAt it had (until an update or a check moves
 * it), so only the default rule is broken. Only the model stage with CONTRACT_MODEL_DELETE_EXISTING=1 reaches
 * these on the demo accounts, which start with a default.
 */
function ownDefaults(onFirst: (id: string) => string | undefined, heirOf: (rest: Domain[]) => string | undefined): Mutation {
  return { ...keepsOwnDefaults(onFirst, heirOf), modelDeletesExisting: true };
}

function keepsOwnDefaults(onFirst: (id: string) => string | undefined, heirOf: (rest: Domain[]) => string | undefined): Mutation {
  const kept = new Map<string, string | undefined>();
  const modifiedAt = new Map<string, unknown>();
  const shown = (d: Domain): Domain => {
    const [id, account] = [String(d["id"]), String(d["accountId"])];
    return { ...d, ...(modifiedAt.has(id) ? { modifiedAt: modifiedAt.get(id) } : {}), ...(kept.has(account) ? { isDefault: kept.get(account) === id } : {}) };
  };
  return rewriteAnswers(
    (d, req) => {
      const op = callOf(req)?.op;
      if (op === "update" || op === "check") modifiedAt.delete(String(d["id"]));
      if (op === "create" && d["isDefault"] === true) kept.set(String(d["accountId"]), onFirst(String(d["id"])));
      return shown(d);
    },
    async (req, ctx) => {
      const call = callOf(req);
      if (call?.op !== "delete" || !call.id) return req;
      const current = jsonOf(await ctx.upstream(plainGet(req, req.url)));
      if (!isDomain(current)) return req;
      const before = new Map((await wholeList(req, ctx, call.accountId)).map((d) => [String(d["id"]), d]));
      const res = await ctx.upstream(req);
      const wasDefault = shown(current)["isDefault"] === true;
      if (res.status !== 204 || (!wasDefault && !kept.has(call.accountId))) return res;
      const rest = await wholeList(req, ctx, call.accountId);
      const heir = wasDefault ? heirOf(rest) : kept.get(call.accountId);
      kept.set(call.accountId, heir);
      for (const d of rest) {
        const id = String(d["id"]);
        const moved = before.get(id)?.["modifiedAt"] !== d["modifiedAt"];
        if (wasDefault && id === heir) {
          if (moved) modifiedAt.delete(id);
          else modifiedAt.set(id, new Date().toISOString());
        } else if (moved && !modifiedAt.has(id)) modifiedAt.set(id, before.get(id)?.["modifiedAt"]);
      }
      return res;
    },
  );
}

function paging(change: (page: Domain[], start: number) => Domain[]): Mutation {
  return {
    response(res, req) {
      const call = callOf(req);
      const body = jsonOf(res);
      if (call?.op !== "list" || res.status !== 200 || !Array.isArray(body)) return res;
      return withJson(res, change(body as Domain[], Number(call.query.get("start") ?? 0)));
    },
  };
}

const newToken = () => `vortex-verify-${randomBytes(16).toString("hex")}`;

export function sequenceMutants(): Mutant[] {
  const model = ["model"];
  return [
    { name: "a check writes back the description given at creation", files: model, caughtBy: /description is .*the model says/, mutation: checkRestoresCreationDescription() },
    { name: "a domain that was checked is not deleted (answers 204)", files: model, caughtBy: /answered \d+, the model answers \d+|the page lists/, mutation: checkedDomainsSurviveDelete() },
    // Its kill's script (a create, then a list) shows the bug only against the mutation as the suite's run left
    // it (the deleted domains it remembers from earlier sequences, which shrinking took out): only a mutant the
    // runner serves from its own process keeps that state for the scripts' check (kill-scripts.ts).
    { name: "lists keep showing a deleted domain that was listed before", files: model, caughtBy: /the page lists|Attempts of domain .* went down/, mutation: listsRememberDeleted(),
      overHttp: "its script holds only against the state the suite's run left in the mutation" },
    // Its 409 comes before the key check, so a create with the wrong key or none also shows the reserved name.
    { name: "a deleted domain's name stays taken (409)", files: model, caughtBy: /answered 409, the model answers (201|400|401|403)/, mutation: deletedNamesStayReserved() },
    { name: "domain names are unique across accounts (409)", files: model, caughtBy: /answered 409, the model answers 201/, mutation: namesUniqueAcrossAccounts() },
    { name: "checks after the first are answered but not stored", files: model, caughtBy: /Attempts (is .*the model counts|of domain .* went down)/, mutation: laterChecksNotStored() },
    { name: "a verified domain goes back to the provider on its third check", files: model, caughtBy: /Status went from "verified" to "waiting_for_provider"/, mutation: verifiedFallsBack() },
    { name: "an update with description null keeps the old one", files: model, caughtBy: /description is .*the model says null|modifiedAt changed|modifiedAt is null/,
      mutation: { async request(req, ctx) {
        const call = callOf(req);
        if (call?.op !== "update" || (jsonOf(req) as Domain | undefined)?.["description"] !== null || Object.keys(jsonOf(req) as Domain).length !== 1) return req;
        const current = await ctx.upstream(plainGet(req, req.url));
        return current.status === 200 ? current : req;
      } } },
    { name: "an update after a check puts the statuses back to the start", files: model, caughtBy: /Status is .*the model says/, mutation: updateResetsStatuses() },
    { name: "a check answers a new verification token (not stored)", files: model, caughtBy: /verificationToken changed/,
      mutation: rewriteAnswers((d, req) => (callOf(req)?.op === "check" ? { ...d, verificationToken: newToken() } : d)) },
    { name: "reads drop the error of a failed check", files: model, caughtBy: /Error changed from/,
      mutation: rewriteAnswers((d, req) => {
        const op = callOf(req)?.op;
        return op === "get" || op === "list" ? { ...d, tokenVerificationError: null, dkimError: null, spfCheckError: null, dmarcError: null } : d;
      }) },
    { name: "an update answers createdAt as the time of the update", files: model, caughtBy: /createdAt changed from/,
      mutation: rewriteAnswers((d, req) => (callOf(req)?.op === "update" ? { ...d, createdAt: d["modifiedAt"] ?? d["createdAt"] } : d)) },
    { name: "the first domain of an empty account is not made its default", files: model, caughtBy: /isDefault is false, the model says true/,
      mutation: ownDefaults(() => undefined, (rest) => rest[0]?.["id"] as string | undefined) },
    { name: "deleting the default makes the newest remaining domain the default, not the oldest", files: model, caughtBy: /isDefault is (true|false), the model says (false|true)/,
      mutation: ownDefaults((id) => id, (rest) => rest.at(-1)?.["id"] as string | undefined) },
    { name: "deleting the default leaves the account with no default", files: model, caughtBy: /isDefault is false, the model says true/,
      mutation: ownDefaults((id) => id, () => undefined) },
    { name: "a page from start 2 on skips its first domain", files: model, caughtBy: /the page lists/,
      mutation: paging((page, start) => (start >= 2 ? page.slice(1) : page)) },
    { name: "pages are ordered by name, not by creation", files: model, caughtBy: /the page lists/,
      mutation: paging((page) => [...page].sort((a, b) => String(a["domain"]).localeCompare(String(b["domain"])))) },
  ];
}
