// The narrow port every storage backend implements: a few reads, one transaction over one account's records,
// and a whole-world replace. The rules (uniqueness, the default, the heir, the verification simulation) are
// not here: they are pure changes in src/domain/, run by transact() against what the backend holds.
import type { Account, AccountRef, EmailDomain } from "./types.js";

/** Every account with all its domains: what a seed or a reset builds, and what a backend holds. */
export interface World {
  accounts: Array<Account & { domains: EmailDomain[] }>;
}

/**
 * What a change reads of one account, declared up front so that a networked backend can fetch it in one
 * step and check in its commit that none of it changed meanwhile.
 */
export interface AccountReads {
  /** Domains by id (absent ones are read too: "no such id" is a fact the commit checks). */
  ids?: readonly string[];
  /** Names (as stored, lower case) to the id holding them. */
  names?: readonly string[];
  /** Whether the account has no domain at all. */
  empty?: boolean;
  /** The first `head` domains in list order. */
  head?: number;
  /** The account's default domain (at most one; none when the account is empty). */
  default?: boolean;
}

/** One account's records as a change sees them: only what its AccountReads declared may be asked. */
export interface AccountView {
  domain(id: string): EmailDomain | undefined;
  idOfName(name: string): string | undefined;
  isEmpty(): boolean;
  head(): readonly EmailDomain[];
  defaultDomain(): EmailDomain | undefined;
}

/**
 * What a backend reads of one account, raw: run-change.ts asks it only what the change declared, and refuses
 * the rest itself, the same way on every backend.
 */
export interface RawAccountReads {
  domain(id: string): EmailDomain | undefined;
  idOfName(name: string): string | undefined;
  isEmpty(): boolean;
  head(size: number): readonly EmailDomain[];
  defaultDomain(): EmailDomain | undefined;
}

/**
 * What a change writes: records put (inserted or replaced by id; a name never changes) and records removed, in
 * any order: run-change.ts applies them in the port's one order (removals, the puts that clear isDefault, the rest).
 */
export interface AccountWrites {
  put?: readonly EmailDomain[];
  remove?: readonly EmailDomain[];
}

/** A pure change of one account: given the view, its answer and its writes. May run more than once (a retry). */
export interface Change<T> {
  reads: AccountReads;
  decide(view: AccountView): { result: T; writes?: AccountWrites };
}

export interface StorePort {
  /** The account owning this API key, compared in constant time or by digest, or undefined. */
  accountForKey(apiKey: string): Promise<Account | undefined>;
  accounts(): Promise<Account[]>;
  /** Up to `limit` domains from index `start`, in list order (list-order.ts). */
  page(account: AccountRef, start: number, limit: number): Promise<EmailDomain[]>;
  get(account: AccountRef, id: string): Promise<EmailDomain | undefined>;
  /**
   * Runs `change` atomically on one account: no other write to that account lands between its reads and its
   * writes. An unknown account reads as empty; writing to it throws.
   */
  transact<T>(account: AccountRef, change: Change<T>): Promise<T>;
  /** Replaces every account and domain at once: a reader sees the old world or the new one. */
  replaceWorld(world: World): Promise<void>;
  /** True when the backend answers now (readiness); never throws. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** False when a persistent backend found data at start and kept it (the seed was not loaded). */
  readonly initialisedFromSeed?: boolean;
}

export class UnknownAccountError extends Error {
  override readonly name = "UnknownAccountError";
  constructor(accountId: string) {
    super(`unknown account ${accountId}`);
  }
}
