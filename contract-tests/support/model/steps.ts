// A model-stage call as plain data, in two forms: the spec fast-check generates and shrinks (which
// account, which key, which of the run's domains by index, what kind of body), and the concrete call it
// becomes once the run's domains are known (method, path template and values, key, body). The concrete
// call, with what the target answered and what the model expected, is the recorded step a reproduction
// script is made from.
import type { HttpMethod } from "../../../src/spec/operations.js";
import type { OperationId } from "../spec.js";

/** Whose key the call carries: the path account's own, the other account's (403), none or an unknown one (401). */
export type Who = "owner" | "otherKey" | "noKey" | "unknownKey";
/** The account of the request path. */
export type AccountSlot = "own" | "other";

/**
 * A domain of the run: one it created (in the path's account or the other one), one seen (at the start or
 * created since, in either account), or none. Only with CONTRACT_MODEL_DELETE_EXISTING=1: one of the path
 * account's domains from before the run that the model still holds (`existing`), or the account's default
 * now, whichever domain that is (`default`).
 */
export type IdRef =
  | { kind: "created"; index: number; foreign: boolean }
  | { kind: "seen"; index: number }
  | { kind: "existing"; index: number }
  | { kind: "default" }
  | { kind: "unknown" }
  | { kind: "malformed"; value: string };

/** Whether a step names a domain the run did not create on purpose (allowed only with the setting). */
export const namesExisting = (s: StepSpec): boolean => s.id?.kind === "existing" || s.id?.kind === "default";

/**
 * A value of a body property as drawn (arbitraries.ts reads which kinds a property takes from its schema):
 * `fresh` and `reuse` are host names (a name this run has not used, or the name of one of its created
 * domains, maybe in upper case); `absent` leaves the property out; `null`; `text` as drawn; `length`, a text
 * of that many characters (at and past a `maxLength`); `value`, sent as it is (an enum member, a number, a
 * value the schema refuses).
 */
export type FieldSpec =
  | { kind: "fresh"; slot: number; label: string | undefined }
  | { kind: "reuse"; index: number; upper: boolean }
  | { kind: "absent" }
  | { kind: "null" }
  | { kind: "text"; value: string }
  | { kind: "length"; length: number }
  | { kind: "value"; value: unknown };

/** A request body: its properties as drawn, a required one left out (`missing`), and maybe an unknown one. */
export interface BodySpec {
  fields: Record<string, FieldSpec>;
  missing?: string;
  extra: boolean;
}

/**
 * One call as drawn, for any operation of the spec: which account the path names, whose key is sent, the
 * domain the path names (when it names one), the query parameters as sent, and the body.
 */
export interface StepSpec {
  op: OperationId;
  account: AccountSlot;
  who: Who;
  id?: IdRef;
  query?: Record<string, string | number>;
  body?: BodySpec;
}

/** One call with every value filled in. */
export interface ConcreteCall {
  operationId: OperationId;
  method: Uppercase<HttpMethod>;
  /** e.g. `/api/v1/accounts/{accountId}/email-domains/{id}` */
  pathTemplate: string;
  path: { accountId: string; id?: string };
  query?: Record<string, string | number>;
  /** Which account the path names. */
  account: AccountSlot;
  /** Which key was sent (never the key itself: the recorded step names the account). */
  who: Who;
  body?: unknown;
}

export interface Answer {
  status: number;
  body: unknown;
}

/** A call with both answers: the target's (actual) and the model's (expected), and what differed. */
export interface RecordedStep {
  /** The step as drawn (describeSpec). */
  spec: string;
  call: ConcreteCall;
  expected: Answer;
  actual: Answer | { error: string };
  problems: string[];
}

const WHO_TEXT: Record<Who, string> = { owner: "", otherKey: " with the other account's key", noKey: " with no key", unknownKey: " with an unknown key" };

const idText = (id: IdRef) => {
  switch (id.kind) {
    case "created":
      return `created#${id.index}${id.foreign ? " of the other account" : ""}`;
    case "seen":
      return `seen#${id.index}`;
    case "existing":
      return `existing#${id.index} (held before the run)`;
    case "default":
      return "its default";
    case "unknown":
      return "an unknown id";
    case "malformed":
      return `id ${JSON.stringify(id.value)}`;
  }
};

const fieldText = (name: string, f: FieldSpec): string => {
  switch (f.kind) {
    case "fresh":
      return `${name}: fresh name #${f.slot}${f.label ? `.${f.label}` : ""}`;
    case "reuse":
      return `${name}: the name of created#${f.index}${f.upper ? " in upper case" : ""}`;
    case "absent":
      return `no ${name}`;
    case "null":
      return `${name} null`;
    case "text":
    case "value":
      return `${name} ${JSON.stringify(f.value)}`;
    case "length":
      return `a ${name} of ${f.length} characters`;
  }
};

const bodyText = (b: BodySpec): string[] => [
  ...Object.entries(b.fields).map(([name, f]) => fieldText(name, f)),
  ...(b.missing ? [`no ${b.missing} property`] : []),
  ...(b.extra ? ["an unknown property"] : []),
];

/** `checkEmailDomainDkimStatus` -> `checkDkimStatus`: the operation without the resource's name, for messages. */
export const shortName = (op: OperationId): string => op.replace(/EmailDomains?/, "");

/** What fast-check prints for a command: the call as chosen, not values filled in later. */
export function describeSpec(s: StepSpec): string {
  const on = `${s.account === "own" ? "A" : "B"}${WHO_TEXT[s.who]}`;
  const query = Object.entries(s.query ?? {}).map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  return `${shortName(s.op)}(${[on, ...(s.id ? [idText(s.id)] : []), ...query, ...(s.body ? bodyText(s.body) : [])].join(", ")})`;
}

/** `PATCH /api/v1/accounts/<A>/email-domains/<id>` with the account named, for messages. */
export function describeCall(call: ConcreteCall): string {
  let path = call.pathTemplate.replace("{accountId}", call.path.accountId).replace("{id}", call.path.id ?? "");
  if (call.query) path += `?${new URLSearchParams(Object.entries(call.query).map(([k, v]) => [k, String(v)])).toString()}`;
  const body = call.body === undefined ? "" : ` ${JSON.stringify(call.body).slice(0, 160)}`;
  return `${call.method} ${path}${WHO_TEXT[call.who]}${body}`;
}
