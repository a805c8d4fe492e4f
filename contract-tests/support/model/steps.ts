// A model-stage call as plain data, in two forms: the spec fast-check generates and shrinks (which
// account, which key, which of the run's domains by index, what kind of body), and the concrete call it
// becomes once the run's domains are known (method, path template and values, key, body). The concrete
// call, with what the target answered and what the model expected, is the recorded step a reproduction
// script is made from.
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
export const namesExisting = (s: StepSpec): boolean => "id" in s && (s.id.kind === "existing" || s.id.kind === "default");

export type NameSpec = { kind: "fresh"; slot: number; label: string | undefined } | { kind: "reuse"; index: number; upper: boolean } | { kind: "invalid"; value: string };
export type DescriptionSpec = { kind: "absent" } | { kind: "null" } | { kind: "text"; value: string } | { kind: "length"; length: number };

export type StepSpec =
  | { op: "listEmailDomains"; account: AccountSlot; who: Who; start: number | string }
  | { op: "createEmailDomain"; account: AccountSlot; who: Who; name: NameSpec; description: DescriptionSpec; extra: boolean }
  | { op: "getEmailDomain" | "deleteEmailDomain" | "checkEmailDomainDkimStatus"; account: AccountSlot; who: Who; id: IdRef }
  | { op: "updateEmailDomain"; account: AccountSlot; who: Who; id: IdRef; description: DescriptionSpec; missing: boolean; extra: boolean };

/** One call with every value filled in. */
export interface ConcreteCall {
  operationId: OperationId;
  method: "GET" | "POST" | "PATCH" | "DELETE";
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

const descriptionText = (d: DescriptionSpec) =>
  d.kind === "absent" ? "no description" : d.kind === "null" ? "description null" : d.kind === "text" ? `description ${JSON.stringify(d.value)}` : `a description of ${d.length} characters`;

const nameText = (n: NameSpec) =>
  n.kind === "fresh" ? `fresh name #${n.slot}${n.label ? `.${n.label}` : ""}` : n.kind === "reuse" ? `the name of created#${n.index}${n.upper ? " in upper case" : ""}` : `name ${JSON.stringify(n.value)}`;

/** What fast-check prints for a command: the call as chosen, not values filled in later. */
export function describeSpec(s: StepSpec): string {
  const on = `${s.account === "own" ? "A" : "B"}${WHO_TEXT[s.who]}`;
  switch (s.op) {
    case "listEmailDomains":
      return `list(${on}, start=${JSON.stringify(s.start)})`;
    case "createEmailDomain":
      return `create(${on}, ${nameText(s.name)}, ${descriptionText(s.description)}${s.extra ? ", an unknown property" : ""})`;
    case "updateEmailDomain":
      return `update(${on}, ${idText(s.id)}, ${s.missing ? "no description property" : descriptionText(s.description)}${s.extra ? ", an unknown property" : ""})`;
    case "getEmailDomain":
      return `get(${on}, ${idText(s.id)})`;
    case "deleteEmailDomain":
      return `delete(${on}, ${idText(s.id)})`;
    case "checkEmailDomainDkimStatus":
      return `check(${on}, ${idText(s.id)})`;
  }
}

/** `PATCH /api/v1/accounts/<A>/email-domains/<id>` with the account named, for messages. */
export function describeCall(call: ConcreteCall): string {
  let path = call.pathTemplate.replace("{accountId}", call.path.accountId).replace("{id}", call.path.id ?? "");
  if (call.query) path += `?${new URLSearchParams(Object.entries(call.query).map(([k, v]) => [k, String(v)])).toString()}`;
  const body = call.body === undefined ? "" : ` ${JSON.stringify(call.body).slice(0, 160)}`;
  return `${call.method} ${path}${WHO_TEXT[call.who]}${body}`;
}
