// Turns a drawn step spec into a concrete call (method, path, key, body), given the run's domains: the one
// resolution the sequential model stage (world.ts) and the concurrent stage's clients (concurrent/run-clients.ts)
// share, so a spec means the same call in both. Which domains exist is the caller's (a list it keeps).
import { randomUUID } from "node:crypto";
import { CHECK, COLLECTION, ITEM } from "../domains.js";
import type { Credentials } from "../target.js";
import type { AccountSlot, ConcreteCall, DescriptionSpec, IdRef, NameSpec, StepSpec } from "./steps.js";

/** A domain of the run: its id, its name, and whose it is. */
export interface Known {
  id: string;
  name: string;
  account: AccountSlot;
}

export interface ResolverWorld {
  creds: Record<AccountSlot, Credentials | undefined>;
  /** The token in the names this run creates. */
  runToken: string;
  /** The domains the run created, in order (read at each call: the caller's list grows). */
  created: () => readonly Known[];
  /** The domains the run saw: at the start or created since, in either account. */
  seen: () => readonly Known[];
  /** The path account's pre-existing domains the model still holds (only with deleteExisting). */
  existingIn: (account: AccountSlot) => readonly { id: string }[];
  /** The path account's default now, whichever domain it is (only with deleteExisting). */
  defaultOf: (account: AccountSlot) => { id: string } | undefined;
}

export const otherSlot = (s: AccountSlot): AccountSlot => (s === "own" ? "other" : "own");
const pick = <T>(list: readonly T[], index: number): T | undefined => (list.length === 0 ? undefined : list[index % list.length]);

/** The name a fresh slot of this run gets: `contract-<token>-<slot>[.<label>].example.com`. */
export const freshName = (runToken: string, slot: number, label?: string): string => [`contract-${runToken}-${slot}`, ...(label ? [label] : []), "example", "com"].join(".");

export function createCallResolver(w: ResolverWorld): (spec: StepSpec) => ConcreteCall {
  function idOf(ref: IdRef, account: AccountSlot): string {
    switch (ref.kind) {
      case "created":
        return pick(w.created().filter((k) => k.account === (ref.foreign ? otherSlot(account) : account)), ref.index)?.id ?? randomUUID();
      case "seen":
        return pick(w.seen(), ref.index)?.id ?? randomUUID();
      case "existing":
        return pick(w.existingIn(account), ref.index)?.id ?? randomUUID();
      case "default":
        return w.defaultOf(account)?.id ?? randomUUID();
      case "unknown":
        return randomUUID();
      case "malformed":
        return ref.value;
    }
  }
  function nameOf(n: NameSpec): string {
    if (n.kind === "invalid") return n.value;
    const reused = n.kind === "reuse" ? pick(w.created(), n.index)?.name : undefined;
    if (n.kind === "reuse" && reused !== undefined) return n.upper ? reused.toUpperCase() : reused;
    return n.kind === "fresh" ? freshName(w.runToken, n.slot, n.label) : freshName(w.runToken, 0);
  }
  const descriptionOf = (d: DescriptionSpec): { description?: string | null } =>
    d.kind === "absent" ? {} : d.kind === "null" ? { description: null } : d.kind === "text" ? { description: d.value } : { description: "é".repeat(d.length) };
  const extraOf = (extra: boolean) => (extra ? { [`unknown_${w.runToken}`]: "x" } : {});

  return function resolve(s: StepSpec): ConcreteCall {
    const accountId = w.creds[s.account]!.accountId;
    const base = { account: s.account, who: s.who };
    switch (s.op) {
      case "listEmailDomains":
        return { ...base, operationId: s.op, method: "GET", pathTemplate: COLLECTION, path: { accountId }, query: { start: s.start } };
      case "createEmailDomain":
        return { ...base, operationId: s.op, method: "POST", pathTemplate: COLLECTION, path: { accountId }, body: { domain: nameOf(s.name), ...descriptionOf(s.description), ...extraOf(s.extra) } };
      case "updateEmailDomain":
        return { ...base, operationId: s.op, method: "PATCH", pathTemplate: ITEM, path: { accountId, id: idOf(s.id, s.account) }, body: { ...(s.missing ? {} : descriptionOf(s.description.kind === "absent" ? { kind: "null" } : s.description)), ...extraOf(s.extra) } };
      case "getEmailDomain":
        return { ...base, operationId: s.op, method: "GET", pathTemplate: ITEM, path: { accountId, id: idOf(s.id, s.account) } };
      case "deleteEmailDomain":
        return { ...base, operationId: s.op, method: "DELETE", pathTemplate: ITEM, path: { accountId, id: idOf(s.id, s.account) } };
      case "checkEmailDomainDkimStatus":
        return { ...base, operationId: s.op, method: "PATCH", pathTemplate: CHECK, path: { accountId, id: idOf(s.id, s.account) } };
    }
  };
}
