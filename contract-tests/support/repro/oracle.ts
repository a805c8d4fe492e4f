// What each step of a reproduction must answer, from the kit's engine as the oracle: the steps are replayed
// in a fresh in-process mock (the demo seed's accounts standing in for A and B), and each answer becomes the
// step's expectation: its status and media type, the shape the spec requires of its JSON body, the
// properties that echo the request, and for a list, the created domains the account does not hold.
// A step on the target's own data (an id no recorded create made) is not judged: the oracle does not hold it.
import { DEMO_A, DEMO_B } from "../demo-accounts.js";
import { API_KEY_HEADER } from "../spec.js";
import type { BodyPart, ReproExpectation, ReproStep } from "./format.js";
import { answerShape, echoedNames, operationOfCall } from "./spec-facts.js";

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
  body: unknown;
}

const placeholder = /\{(accountA|accountB|run|created:(\d+))\}/g;

export async function judgeSteps(steps: ReproStep[], foreignIds: Set<string>): Promise<ReproStep[]> {
  const fetch = await oracleFetch();
  const ids = new Map<number, string>();
  const concrete = (text: string): string | undefined => {
    let missing = false;
    const out = text.replace(placeholder, (_, name: string, step: string | undefined) => {
      if (name === "accountA") return DEMO_A.accountId;
      if (name === "accountB") return DEMO_B.accountId;
      if (name === "run") return "oracle";
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
    return out.split(DEMO_A.accountId).join("{accountA}").split(DEMO_B.accountId).join("{accountB}").replace(/contract-oracle/g, "contract-{run}");
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
    return { status: response.status, mediaType: response.headers.get("content-type")?.split(";")[0]?.trim(), body: parsed };
  };

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
    if (op && isObject(answer.body)) {
      const shape = answerShape(op, answer.status);
      if (shape.length > 0) expected.shape = shape;
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
