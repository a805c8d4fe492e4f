// What each step of a reproduction must answer, from the kit's engine as the oracle: the steps are replayed
// in a fresh in-process mock (the demo seed's accounts standing in for A and B), and each answer becomes the
// step's expectation: its status and media type, the shape the spec requires of its JSON body (and no
// property a closed schema lacks), the properties that echo the request, the schema's invariants, and:
//   - for each domain the steps created: the facts of domain-facts.ts (values the client chose, counters,
//     and what must have stayed as an earlier step showed it);
//   - for a list: the created domains the account does not hold; and, when no write changed the account
//     since an earlier read of the same list, the same ids (same start) or their continuation (a later start);
//   - for a 405: the methods its Allow header lists.
// A step on the target's own data (an id no recorded create made) is not judged: the oracle does not hold it.
import { DEMO_A, DEMO_B } from "../demo-accounts.js";
import { API_KEY_HEADER } from "../spec.js";
import type { BodyPart, ReproExpectation, ReproStep } from "./format.js";
import { domainFacts, type Earlier } from "./domain-facts.js";
import { roles } from "../spec-roles.js";
import { answerShape, closedFields, echoedNames, operationOfCall } from "./spec-facts.js";

const ORIGIN = "http://oracle.invalid";
type Fetch = (request: Request) => Promise<Response>;

async function oracleFetch(): Promise<Fetch> {
  const { createMockFetch } = await import("../../../src/hosts/fetch.js");
  const fetch = createMockFetch();
  return (request) => fetch(request);
}

interface Answer {
  status: number;
  mediaType: string | undefined;
  /** Header values of the answer that list things (RFC 9110: a 405 carries Allow). */
  allow: string | undefined;
  body: unknown;
}

/** A list read, and whether the listed account was written since. */
interface ListRead {
  step: number;
  collection: string;
  key: string | undefined;
  start: number;
  ids: string[];
  writtenSince: boolean;
}

const placeholder = /\{(accountA|accountB|run|created:(\d+))\}/g;
/** What {run} stands for in the oracle's replay: 8 characters, as in the script. */
const ORACLE_RUN = "0rac1e00";

export async function judgeSteps(steps: ReproStep[], foreignIds: Set<string>): Promise<ReproStep[]> {
  const fetch = await oracleFetch();
  const ids = new Map<number, string>();
  const concrete = (text: string): string | undefined => {
    let missing = false;
    const out = text.replace(placeholder, (_, name: string, step: string | undefined) => {
      if (name === "accountA") return DEMO_A.accountId;
      if (name === "accountB") return DEMO_B.accountId;
      if (name === "run") return ORACLE_RUN;
      const id = ids.get(Number(step));
      if (id === undefined) missing = true;
      return id ?? "";
    });
    return missing ? undefined : out;
  };
  /** An oracle value, written back with the step's placeholders (its ids as {created:N}). */
  const abstract = (text: string): string => {
    let out = text;
    for (const [step, id] of ids) out = out.split(id).join(`{created:${step}}`);
    return out.split(DEMO_A.accountId).join("{accountA}").split(DEMO_B.accountId).join("{accountB}").split(`contract-${ORACLE_RUN}`).join("contract-{run}");
  };
  const send = async (method: string, path: string, key: string | undefined, contentType?: string, body?: string): Promise<Answer> => {
    const headers: Record<string, string> = {};
    if (key !== undefined) headers[API_KEY_HEADER] = key;
    if (contentType !== undefined) headers["content-type"] = contentType;
    const response = await fetch(new Request(ORIGIN + path, { method, headers, ...(body === undefined ? {} : { body }) }));
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, mediaType: response.headers.get("content-type")?.split(";")[0]?.trim(), allow: response.headers.get("allow") ?? undefined, body: parsed };
  };
  // What earlier steps showed: each created domain as the oracle had it, and each list read.
  const shown = new Map<string, Earlier>();
  const lists: ListRead[] = [];

  const judged: ReproStep[] = [];
  for (const [i, step] of steps.entries()) {
    const { call } = step;
    const path = concrete(call.path);
    const body = call.body === undefined ? undefined : concrete(call.body.map(text).join(""));
    const key = call.key.who === "A" ? DEMO_A.apiKey : call.key.who === "B" ? DEMO_B.apiKey : call.key.who === "wrong" ? call.key.value : undefined;
    if (path === undefined || (call.body !== undefined && body === undefined)) {
      judged.push(unjudged(step));
      continue;
    }
    const answer = await send(call.method, path, key, call.contentType, body);
    if (call.method === "POST" && answer.status >= 200 && answer.status < 300) {
      const id = (answer.body as { id?: unknown } | undefined)?.id;
      if (typeof id === "string") ids.set(i + 1, id);
    }
    if ([...foreignIds].some((id) => call.path.includes(id))) {
      judged.push(unjudged(step));
      continue;
    }
    const expected: ReproExpectation = { status: [answer.status], ...(answer.mediaType ? { mediaType: answer.mediaType } : {}) };
    const op = operationOfCall(call.method, path);
    const ok = answer.status >= 200 && answer.status < 300;
    if (answer.status === 405 && answer.allow) expected.headers = [{ name: "allow", lists: answer.allow.split(",").map((m) => m.trim()).filter((m) => m !== "") }];
    if (op && ok && (isObject(answer.body) || Array.isArray(answer.body))) {
      const only = closedFields(op, answer.status);
      if (only) expected.onlyFields = only;
      expected.invariants = true;
      const domains = (Array.isArray(answer.body) ? answer.body : [answer.body]).filter(isObject);
      const facts = domains.flatMap((d) => {
        const idText = abstract(String(d["id"]));
        if (!idText.startsWith("{created:")) return [];
        const before = shown.get(idText);
        shown.set(idText, { step: i + 1, domain: d, checkedSince: false });
        return domainFacts(d, before, { sameWorld: false, idText, abstract });
      });
      if (facts.length > 0) expected.fields = facts;
    }
    if (ok && call.method !== "GET") {
      // A write: lists of the account read before no longer say what it holds; a check's outcome is the server's.
      const target = path.replace(/\?.*$/, "");
      for (const read of lists) if (target === read.collection || target.startsWith(`${read.collection}/`)) read.writtenSince = true;
      if (op?.outcomeFromDnsProvider) for (const e of shown.values()) if (path.includes(String(e.domain["id"]))) e.checkedSince = true;
    }
    if (op?.operationId === roles.list && ok && Array.isArray(answer.body)) {
      const read: ListRead = { step: i + 1, collection: path.replace(/\?.*$/, ""), key, start: Number(new URLSearchParams(path.split("?")[1] ?? "").get("start") ?? 0), ids: answer.body.filter(isObject).map((d) => String(d["id"])), writtenSince: false };
      Object.assign(expected, listRelation(read, lists));
      lists.push(read);
    }
    if (op && (isObject(answer.body) || Array.isArray(answer.body))) {
      const shape = answerShape(op, answer.status);
      if (shape.length > 0) expected.shape = shape;
    }
    if (op && isObject(answer.body)) {
      const echoes = echoedNames(op)
        .filter((name) => name in (answer.body as object) && isPrimitive((answer.body as Record<string, unknown>)[name]))
        .map((name) => abstract(`${JSON.stringify(name)}:${JSON.stringify((answer.body as Record<string, unknown>)[name])}`));
      if (echoes.length > 0) expected.contains = echoes;
    }
    if (op && Array.isArray(answer.body) && call.method === "GET") {
      const lacks = await notInAccount(send, path, key, ids);
      if (lacks.length > 0) expected.lacks = lacks.map((step) => `"id":"{created:${step}}"`);
    }
    judged.push({ ...step, expected });
  }
  return judged;
}

/**
 * What this list read must show given the latest earlier read of the same list, when nothing wrote to the
 * account in between: the same ids at the same start, or, at a later start, the continuation of that one.
 */
function listRelation(now: ListRead, earlier: ListRead[]): Partial<ReproExpectation> {
  const before = earlier.filter((r) => r.collection === now.collection && r.key === now.key && !r.writtenSince && r.start <= now.start).at(-1);
  if (!before) return {};
  if (before.start === now.start) return JSON.stringify(before.ids) === JSON.stringify(now.ids) ? { sameIdsAs: before.step } : {};
  const from = now.start - before.start;
  const continuation = before.ids.slice(from);
  const common = Math.min(continuation.length, now.ids.length);
  const holds = continuation.length > 0 && JSON.stringify(continuation.slice(0, common)) === JSON.stringify(now.ids.slice(0, common));
  return holds ? { sliceOf: { step: before.step, from } } : {};
}

/** Created domains the listed account does not hold (the oracle answers 404 for them there). */
async function notInAccount(send: (m: string, p: string, k: string | undefined) => Promise<Answer>, listPath: string, key: string | undefined, ids: Map<number, string>): Promise<number[]> {
  const collection = listPath.replace(/\?.*$/, "");
  const out: number[] = [];
  for (const [step, id] of ids) {
    const answer = await send("GET", `${collection}/${encodeURIComponent(id)}`, key);
    if (answer.status === 404) out.push(step);
  }
  return out;
}

const text = (part: BodyPart) => (typeof part === "string" ? part : part.repeat.repeat(part.times));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isPrimitive = (v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v);
const unjudged = (step: ReproStep): ReproStep => {
  const { expected: _, ...rest } = step;
  return rest;
};
