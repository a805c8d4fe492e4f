// The store's vocabulary and its one async interface, shared by every backend (memory, SQLite, Redis).
// Nothing here knows about HTTP.
import type { CreateEmailDomainRequest, DkimStatus, DnsCheckStatus, EmailDomain, TokenVerificationStatus } from "../api-types.js";
import type { components as MockControlComponents } from "../generated/mock-control.js";

type MockControlSchemas = MockControlComponents["schemas"];

export type { DkimStatus, DnsCheckStatus, EmailDomain, TokenVerificationStatus };
export type CreateEmailDomainInput = CreateEmailDomainRequest;

/** The verification state a frontend or a seed may set directly: the control endpoint's body, as its spec states it. */
export type VerificationPatch = MockControlSchemas["VerificationPatch"];

export interface Account {
  accountId: string;
  organizationId: string;
  /** The user recorded as `creatorId` of the domains created with this account's keys. */
  creatorId: string;
  apiKeys: string[];
}

/** A domain as a seed describes it: the name, and optionally its id, times and verification state. */
export interface SeedDomain extends VerificationPatch {
  id?: string;
  domain: string;
  description?: string | null;
  createdAt?: string;
  isDefault?: boolean;
}

export interface Seed {
  accounts: Array<Account & { domains?: SeedDomain[] }>;
}

export type CreateResult = { created: EmailDomain } | { conflict: true };

/**
 * Whose data an operation touches: the caller's account as accountForKey returned it (API routes), or just an
 * account id (control routes, tests). Given the account, a backend that remembers keys (Redis) checks the
 * caller's key again in the same step as the read or write, instead of in a round trip of its own.
 */
export type AccountRef = Account | string;

export const accountIdOf = (ref: AccountRef): string => (typeof ref === "string" ? ref : ref.accountId);

export interface EmailDomainStore {
  /** The account owning this API key, compared in constant time, or undefined. */
  accountForKey(apiKey: string): Promise<Account | undefined>;
  accounts(): Promise<Account[]>;
  /** Up to `limit` domains from index `start`, ordered by createdAt then id. */
  list(account: AccountRef, start: number, limit: number): Promise<EmailDomain[]>;
  get(account: AccountRef, id: string): Promise<EmailDomain | undefined>;
  /** Atomic: of concurrent creates of one name (any letter case) in one account, exactly one succeeds. */
  create(account: Account, input: CreateEmailDomainInput): Promise<CreateResult>;
  updateDescription(account: AccountRef, id: string, description: string | null): Promise<EmailDomain | undefined>;
  remove(account: AccountRef, id: string): Promise<boolean>;
  /** Runs one simulated DNS check (see verification-simulation.ts). */
  checkDkimStatus(account: AccountRef, id: string): Promise<EmailDomain | undefined>;
  setVerification(accountId: string, id: string, patch: VerificationPatch): Promise<EmailDomain | undefined>;
  /** Replaces every account and domain with the seed's. */
  reset(seed: Seed): Promise<void>;
  /** True when the backend answers now (readiness); never throws. Local backends always answer. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /**
   * False when a persistent backend (an SQLite file, Redis) found data at start and kept it, so the seed it was
   * given was not loaded; true or absent when the seed was loaded.
   */
  readonly initialisedFromSeed?: boolean;
}

/** What a backend needs from the outside world; injected so tests control time and ids. */
export interface StoreEnvironment {
  now(): Date;
  newId(): string;
  newToken(): string;
}
