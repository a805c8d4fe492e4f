// The `persist` option of the in-browser hosts: which Web Storage keeps the world across a page reload, and
// how a state read back from it is checked before it is served (against the spec's own schemas, with the
// precompiled validators: this runs under a CSP without 'unsafe-eval').
import { seedSchema } from "../generated/embedded.js";
import * as api from "../generated/validators-api.js";
import { normalizeDomainName } from "../domain/domain-rules.js";
import { createWebStorageStore } from "../domain/stores.js";
import { checkSeed } from "../seed/check-seed.js";
import { describeErrors } from "../spec/describe-errors.js";
import { precompiledValidators } from "../spec/precompiled-validators.js";
import { systemEnvironment } from "../storage/environment.js";
import type { World } from "../storage/port.js";
import type { EmailDomainStore, Seed } from "../storage/types.js";
import type { WebStorage } from "../storage/web-storage-store.js";

/** Where the world is kept across reloads: the page's sessionStorage (one per tab), its localStorage, or any Web Storage. */
export type PersistOption = "sessionStorage" | "localStorage" | WebStorage;

export const DEFAULT_STORAGE_KEY = "email-domains-contract-kit:mock-state";

export interface PersistSettings {
  persist: PersistOption;
  /** The storage item's name (default DEFAULT_STORAGE_KEY): give each world of one page its own. */
  storageKey?: string | undefined;
  onWarning?: ((message: string, error?: unknown) => void) | undefined;
}

function resolveStorage(persist: PersistOption): WebStorage {
  if (typeof persist !== "string") return persist;
  let storage: WebStorage | undefined;
  try {
    storage = (globalThis as { sessionStorage?: Storage; localStorage?: Storage })[persist];
  } catch (error) {
    // A sandboxed or opaque-origin page throws SecurityError on the mere access.
    throw new Error(`persist: "${persist}" is not usable on this page: ${String(error)}`);
  }
  if (!storage) throw new Error(`persist: "${persist}" needs a Web Storage, and globalThis.${persist} is not defined here (Node without jsdom?); pass a Storage object instead`);
  return storage;
}

const validators = precompiledValidators(api, "validators-api");

/** A stored state is served only if every account is one a seed could hold and every domain one the API could answer. */
export function checkStoredState(value: unknown): World {
  const accounts = (value as { accounts?: unknown } | null)?.accounts;
  if (!Array.isArray(accounts)) throw new Error("the stored state has no accounts array");
  const validateDomain = validators.byPointer("#/components/schemas/EmailDomain");
  const bare = accounts.map((a: unknown) => {
    if (typeof a !== "object" || a === null) throw new Error("a stored account is not an object");
    const { domains, ...account } = a as { domains?: unknown };
    if (!Array.isArray(domains)) throw new Error("a stored account has no domains array");
    domains.forEach((domain, i) => {
      if (!validateDomain(domain)) throw new Error(describeErrors(`state/domains/${i}`, validateDomain.errors).join("; "));
      if ((domain as { accountId: unknown }).accountId !== (account as { accountId?: unknown }).accountId) throw new Error(`state/domains/${i} belongs to another account`);
      // The backends index names as create stores them; a hand-edited upper-case name would dodge uniqueness.
      const name = (domain as { domain: string }).domain;
      if (normalizeDomainName(name) !== name) throw new Error(`state/domains/${i} holds ${name}, which create would have stored as ${normalizeDomainName(name)}`);
    });
    return account;
  });
  checkSeed({ accounts: bare }, validators.compile(seedSchema), "the stored state");
  return value as World;
}

/** The in-process mock's `createStore`: a memory store kept in the chosen Web Storage. */
export function webStorageStoreFactory({ persist, storageKey = DEFAULT_STORAGE_KEY, onWarning }: PersistSettings): (seed: Seed) => EmailDomainStore {
  const storage = resolveStorage(persist);
  return (seed) => createWebStorageStore(seed, systemEnvironment(), { storage, key: storageKey, checkState: checkStoredState, ...(onWarning ? { onWarning } : {}) });
}
