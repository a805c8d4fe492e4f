// The in-memory backend. Each account keeps its domains by id, by name, and in list order, so that every
// operation is O(log n) or better except the array splice of a delete. Stored domains are frozen and
// replaced on change, so a returned domain can never be changed behind the store's back.
import { createKeyRing, type KeyRing } from "./api-keys.js";
import { deepFreeze } from "./deep-freeze.js";
import { asNewDefault, compareForList, newEmailDomain, normalizeDomainName, withDescription } from "./domain-rules.js";
import { lowerBound } from "./lower-bound.js";
import { buildSeedDomains } from "./seed-domains.js";
import { applyVerificationPatch, runCheck } from "./verification-simulation.js";
import type { Account, CreateEmailDomainInput, CreateResult, EmailDomain, EmailDomainStore, Seed, StoreEnvironment, VerificationPatch } from "./types.js";

/** The whole state of a memory store as plain JSON data: every account with its full domain records, in list order. */
export interface MemoryStoreState {
  accounts: Array<Account & { domains: EmailDomain[] }>;
}

/** The memory backend also hands out and takes back its whole state, for a host that persists it (web-storage-store.ts). */
export interface MemoryStore extends EmailDomainStore {
  /** The state now, taken in one synchronous step, so no write can land halfway through it. */
  snapshot(): MemoryStoreState;
  /** Replaces the whole state with one taken by snapshot(). Throws (changing nothing) on a repeated id or name. */
  restore(state: MemoryStoreState): void;
}

interface AccountDomains {
  account: Account;
  byId: Map<string, EmailDomain>;
  idByName: Map<string, string>;
  ordered: EmailDomain[];
}

/** Index of `domain` in the ordered list, or where it would be inserted. */
function position(ordered: EmailDomain[], domain: EmailDomain): number {
  // A created domain is stamped "now" (a clock that only moves forward), so it nearly always sorts
  // after the last one: one comparison then, instead of a search (compareForList parses two dates).
  const last = ordered[ordered.length - 1];
  if (!last || compareForList(last, domain) < 0) return ordered.length;
  return lowerBound(ordered, domain, compareForList);
}

export function createMemoryStore(seed: Seed, env: StoreEnvironment): MemoryStore {
  let accounts = new Map<string, AccountDomains>();
  let keys: KeyRing = createKeyRing([]);

  function put(data: AccountDomains, domain: EmailDomain): EmailDomain {
    const frozen = deepFreeze(domain);
    const previous = data.byId.get(domain.id);
    if (previous) data.ordered[position(data.ordered, previous)] = frozen;
    else data.ordered.splice(position(data.ordered, frozen), 0, frozen);
    data.byId.set(domain.id, frozen);
    data.idByName.set(domain.domain, domain.id);
    return frozen;
  }

  /** Builds the whole new state aside and swaps it in at once: a seed that fails halfway changes nothing. */
  function load(next: Seed): void {
    swapIn(next.accounts.map(({ domains, ...account }) => ({ account, domains: buildSeedDomains(account, domains ?? [], env) })));
  }

  function swapIn(next: Array<{ account: Account; domains: EmailDomain[] }>): void {
    const loaded = new Map<string, AccountDomains>();
    for (const { account, domains } of next) {
      const data: AccountDomains = { account, byId: new Map(), idByName: new Map(), ordered: [] };
      loaded.set(account.accountId, data);
      for (const domain of domains) put(data, domain);
    }
    const ring = createKeyRing(next.map((n) => n.account));
    accounts = loaded;
    keys = ring;
  }

  function restore(state: MemoryStoreState): void {
    const ids = new Set<string>();
    const next = state.accounts.map(({ domains, ...account }) => {
      const names = new Set<string>();
      for (const d of domains) {
        // The indexes assume what create and the seed check guarantee: one record per id, one per name in an account.
        if (ids.has(d.id) || names.has(d.domain)) throw new Error(`the stored state holds ${d.id} (${d.domain}) twice`);
        if (normalizeDomainName(d.domain) !== d.domain) throw new Error(`the stored state holds ${d.domain}, which create would have stored as ${normalizeDomainName(d.domain)}`);
        ids.add(d.id);
        names.add(d.domain);
      }
      return { account: { ...account, apiKeys: [...account.apiKeys] }, domains: domains.map((d) => structuredClone(d)) };
    });
    swapIn(next);
  }

  /** Applies `change` to one domain of the account; undefined when the account has no such domain. */
  function change(accountId: string, id: string, fn: (d: EmailDomain) => EmailDomain): EmailDomain | undefined {
    const data = accounts.get(accountId);
    const current = data?.byId.get(id);
    if (!data || !current) return undefined;
    return put(data, fn(current));
  }

  load(seed);

  return {
    async accountForKey(apiKey) {
      return keys.find(apiKey);
    },
    async accounts() {
      return [...accounts.values()].map((d) => d.account);
    },
    async list(accountId, start, limit) {
      return accounts.get(accountId)?.ordered.slice(start, start + limit) ?? [];
    },
    async get(accountId, id) {
      return accounts.get(accountId)?.byId.get(id);
    },
    async create(account: Account, input: CreateEmailDomainInput): Promise<CreateResult> {
      const data = accounts.get(account.accountId);
      if (!data) throw new Error(`unknown account ${account.accountId}`);
      // Check and insert run in one synchronous step: no other request can interleave.
      if (data.idByName.has(normalizeDomainName(input.domain))) return { conflict: true };
      const domain = newEmailDomain(account, input, env, { isDefault: data.byId.size === 0 });
      return { created: put(data, domain) };
    },
    async updateDescription(accountId, id, description) {
      return change(accountId, id, (d) => withDescription(d, description, env.now()));
    },
    async remove(accountId, id) {
      const data = accounts.get(accountId);
      const current = data?.byId.get(id);
      if (!data || !current) return false;
      data.ordered.splice(position(data.ordered, current), 1);
      data.byId.delete(id);
      data.idByName.delete(current.domain);
      const heir = data.ordered[0];
      if (current.isDefault && heir) put(data, asNewDefault(heir, env.now()));
      return true;
    },
    async checkDkimStatus(accountId, id) {
      return change(accountId, id, (d) => runCheck(d, env.now()));
    },
    async setVerification(accountId, id, patch: VerificationPatch) {
      return change(accountId, id, (d) => applyVerificationPatch(d, patch, env.now()));
    },
    async reset(next) {
      load(next);
    },
    async ping() {
      return true;
    },
    async close() {},
    snapshot() {
      // Stored domains are frozen, so they can be shared; accounts are copied.
      return { accounts: [...accounts.values()].map((d) => ({ ...d.account, apiKeys: [...d.account.apiKeys], domains: [...d.ordered] })) };
    },
    restore,
  };
}
