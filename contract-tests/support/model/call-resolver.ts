// Turns a drawn step spec into a concrete call (method, path, key, body), given the run's domains: the one
// resolution the sequential model stage (world.ts) and the concurrent stage's clients (concurrent/run-clients.ts)
// share, so a spec means the same call in both. Which domains exist is the caller's (a list it keeps).
import { randomUUID } from "node:crypto";
import { specOperation } from "../spec-roles.js";
import type { Credentials } from "../target.js";
import type { AccountSlot, BodySpec, ConcreteCall, FieldSpec, IdRef, StepSpec } from "./steps.js";

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
  function valueOf(f: FieldSpec): unknown {
    switch (f.kind) {
      case "fresh":
        return freshName(w.runToken, f.slot, f.label);
      case "reuse": {
        const reused = pick(w.created(), f.index)?.name;
        if (reused === undefined) return freshName(w.runToken, 0);
        return f.upper ? reused.toUpperCase() : reused;
      }
      case "absent":
        return undefined;
      case "null":
        return null;
      case "text":
      case "value":
        return f.value;
      case "length":
        return "é".repeat(f.length);
    }
  }
  function bodyOf(b: BodySpec): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    for (const [name, f] of Object.entries(b.fields)) if (f.kind !== "absent") body[name] = valueOf(f);
    if (b.extra) body[`unknown_${w.runToken}`] = "x";
    return body;
  }

  return function resolve(s: StepSpec): ConcreteCall {
    const op = specOperation(s.op);
    const accountId = w.creds[s.account]!.accountId;
    return {
      operationId: s.op,
      method: op.method.toUpperCase() as ConcreteCall["method"],
      pathTemplate: op.path,
      path: s.id ? { accountId, id: idOf(s.id, s.account) } : { accountId },
      ...(s.query ? { query: s.query } : {}),
      ...(s.body ? { body: bodyOf(s.body) } : {}),
      account: s.account,
      who: s.who,
    };
  };
}
