// The port's rules, as code every backend calls: a backend hands in its raw reads of one account and gets
// back the change's answer and its writes as steps in the one order every backend applies them in. What a
// backend keeps for itself is how it reads and how it commits the steps atomically.
//
// - A read the change did not declare in its AccountReads is refused (UndeclaredReadError): a networked
//   backend fetches exactly what was declared, so a read that works on one backend must work on all.
// - Writes go in one fixed order: removals, then the puts that clear isDefault, then the rest. An account
//   holds at most one default (each backend enforces it as a constraint: SQLite's unique index, the memory
//   and Redis backends through defaultAfterSteps), so moving the default must clear the old one first.
import type { AccountReads, AccountView, AccountWrites, Change, RawAccountReads } from "./port.js";
import type { EmailDomain } from "./types.js";

/** One write, in the order a backend applies it. */
export type WriteStep = { readonly kind: "remove"; readonly domain: EmailDomain } | { readonly kind: "put"; readonly domain: EmailDomain };

export interface ChangeOutcome<T> {
  result: T;
  /** The writes in the port's order; empty when the change wrote nothing. */
  steps: readonly WriteStep[];
  /** Whether anything is to be written (a backend commits, saves or forgets cached reads only then). */
  wrote: boolean;
}

export class UndeclaredReadError extends Error {
  override readonly name = "UndeclaredReadError";
  constructor(what: string) {
    super(`a change read ${what} without declaring it in its reads`);
  }
}

/** A write that would leave an account with two defaults; nothing of the change is written. */
export class TwoDefaultsError extends Error {
  override readonly name = "TwoDefaultsError";
  constructor(accountId: string, kept: string, added: string) {
    super(`account ${accountId} would have two default domains (${kept} and ${added})`);
  }
}

/** The view a change gets: the backend's raw reads, but only those its AccountReads declared. */
export function declaredView(reads: AccountReads, raw: RawAccountReads): AccountView {
  return {
    domain(id) {
      if (!reads.ids?.includes(id)) throw new UndeclaredReadError(`domain ${id}`);
      return raw.domain(id);
    },
    idOfName(name) {
      if (!reads.names?.includes(name)) throw new UndeclaredReadError(`name ${name}`);
      return raw.idOfName(name);
    },
    isEmpty() {
      if (!reads.empty) throw new UndeclaredReadError("emptiness");
      return raw.isEmpty();
    },
    head() {
      if (!reads.head) throw new UndeclaredReadError("the head of the list");
      return raw.head(reads.head);
    },
    defaultDomain() {
      if (!reads.default) throw new UndeclaredReadError("the default domain");
      return raw.defaultDomain();
    },
  };
}

/** The writes in the port's order: removals, then puts that clear isDefault, then the rest (each as given). */
export function orderedSteps(writes: AccountWrites | undefined): WriteStep[] {
  const steps: WriteStep[] = [];
  if (!writes) return steps;
  for (const domain of writes.remove ?? []) steps.push({ kind: "remove", domain });
  const puts = writes.put ?? [];
  for (const domain of puts) if (!domain.isDefault) steps.push({ kind: "put", domain });
  for (const domain of puts) if (domain.isDefault) steps.push({ kind: "put", domain });
  return steps;
}

/** Runs a change over a backend's raw reads: its answer, and its writes in the port's order. */
export function runChange<T>(change: Change<T>, raw: RawAccountReads): ChangeOutcome<T> {
  const { result, writes } = change.decide(declaredView(change.reads, raw));
  const steps = orderedSteps(writes);
  return { result, steps, wrote: steps.length > 0 };
}

/**
 * The account's default id after `steps`, starting from `current`; throws TwoDefaultsError (before anything is
 * written) when a step would add a second default. For the backends without a unique index to lean on.
 */
export function defaultAfterSteps(accountId: string, current: string | undefined, steps: readonly WriteStep[]): string | undefined {
  let id = current;
  for (const { kind, domain } of steps) {
    if (kind === "remove" || !domain.isDefault) {
      if (id === domain.id) id = undefined;
    } else if (id === undefined || id === domain.id) id = domain.id;
    else throw new TwoDefaultsError(accountId, id, domain.id);
  }
  return id;
}
