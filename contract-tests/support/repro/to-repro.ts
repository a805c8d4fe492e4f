// Recorded calls -> the steps of a Repro, with nothing of the run left in them: the two accounts' ids become
// {accountA}/{accountB}, ids of domains created by an earlier call become {created:N}, the suite's generated
// names (contract-<token>) get a token of the script's run ({run}tNNN, as long as the token), keys become who sent them.
import type { Credentials } from "../demo-accounts.js";
import type { BodyPart, KeyUse, ReproStep } from "./format.js";
import type { RecordedCall } from "./recorder.js";

export interface Accounts {
  own: Credentials;
  other: Credentials | undefined;
}

/** Runs of one character at least this long are kept as a count (the body-limit cases send megabytes). */
const LONG_RUN = 256;
const GENERATED_TOKEN = /contract-([0-9a-f]{12})/gi;

export interface Abstraction {
  steps: ReproStep[];
  /** Ids seen in answers that no recorded create made: calls on them are not judged (the target's own data). */
  foreignIds: Set<string>;
}

function createdId(call: RecordedCall): string | undefined {
  if (call.method !== "POST" || call.status < 200 || call.status > 299) return undefined;
  try {
    const id = (JSON.parse(call.answer) as { id?: unknown }).id;
    return typeof id === "string" && id !== "" ? id : undefined;
  } catch {
    return undefined;
  }
}

function keyUse(apiKey: string | undefined, accounts: Accounts): KeyUse {
  if (apiKey === undefined) return { who: "none" };
  if (apiKey === accounts.own.apiKey) return { who: "A" };
  if (accounts.other && apiKey === accounts.other.apiKey) return { who: "B" };
  return { who: "wrong", value: apiKey };
}

/** Splits a body into text and long runs of one character. */
export function bodyParts(text: string): BodyPart[] {
  const parts: BodyPart[] = [];
  const run = new RegExp(`([\\s\\S])\\1{${LONG_RUN - 1},}`, "g");
  let last = 0;
  for (const m of text.matchAll(run)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push({ repeat: m[1]!, times: m[0].length });
    last = m.index + m[0].length;
  }
  if (last < text.length || parts.length === 0) parts.push(text.slice(last));
  return parts;
}

const UUID_LIKE = /"id"\s*:\s*"([^"]+)"/g;

export function abstractCalls(calls: RecordedCall[], accounts: Accounts): Abstraction {
  const created = new Map<string, number>();
  const tokens = new Map<string, string>();
  const foreignIds = new Set<string>();
  const abstract = (text: string): string => {
    let out = text;
    for (const [id, step] of created) out = out.split(id).join(`{created:${step}}`);
    out = out.split(accounts.own.accountId).join("{accountA}");
    if (accounts.other) out = out.split(accounts.other.accountId).join("{accountB}");
    return out.replace(GENERATED_TOKEN, (_, token: string) => {
      const key = token.toLowerCase();
      // {run} is 8 characters: with "t" and 3 digits the name keeps its length (the length limits stay where they were).
      if (!tokens.has(key)) tokens.set(key, `{run}t${String(tokens.size + 1).padStart(3, "0")}`);
      return `contract-${tokens.get(key)!}`;
    });
  };
  const steps = calls.map((call, i): ReproStep => {
    const step: ReproStep = {
      call: {
        method: call.method,
        path: abstract(call.path),
        key: keyUse(call.apiKey, accounts),
        ...(call.body === undefined ? {} : { body: bodyParts(abstract(call.body)) }),
        ...(call.contentType === undefined ? {} : { contentType: call.contentType }),
      },
      actual: { status: call.status, body: call.answer.slice(0, 2_000) },
    };
    const id = createdId(call);
    if (id !== undefined) created.set(id, i + 1);
    for (const m of call.answer.matchAll(UUID_LIKE)) if (!created.has(m[1]!)) foreignIds.add(m[1]!);
    return step;
  });
  for (const id of created.keys()) foreignIds.delete(id);
  return { steps, foreignIds };
}
